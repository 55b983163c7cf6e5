from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, assert_error


def test_admin_creates_a_user_who_can_then_log_in(admin: TestClient, app_client: TestClient) -> None:
    answer = admin.post("/api/users", json={"username": "dora", "password": PASSWORD, "locale": "fr"})
    assert answer.status_code == 201
    assert answer.json()["locale"] == "fr" and "password" not in answer.text
    login = app_client.post("/api/auth/login", json={"username": "dora", "password": PASSWORD})
    assert login.status_code == 200


def test_a_regular_user_cannot_list_or_create_users(alice: TestClient) -> None:
    assert_error(alice.get("/api/users"), 403, "forbidden")
    assert_error(alice.post("/api/users", json={"username": "x", "password": PASSWORD}), 403, "forbidden")


def test_creating_a_taken_username_is_a_conflict(admin: TestClient) -> None:
    admin.post("/api/users", json={"username": "dora", "password": PASSWORD})
    assert_error(admin.post("/api/users", json={"username": "dora", "password": PASSWORD}), 409, "conflict")


def test_a_short_password_is_refused_with_its_location(admin: TestClient) -> None:
    answer = admin.post("/api/users", json={"username": "dora", "password": "short"})
    assert_error(answer, 422, "string_too_short", ["body", "password"])


def test_users_list_is_paginated_sorted_and_searchable(admin: TestClient) -> None:
    for name in ["zoe", "yann", "xavier"]:
        admin.post("/api/users", json={"username": name, "password": PASSWORD})
    page = admin.get("/api/users", params={"page_size": 2, "sort": "-username"}).json()
    assert page["count"] == 4 and page["page_size"] == 2
    assert [u["username"] for u in page["items"]] == ["zoe", "yann"]
    assert [u["username"] for u in admin.get("/api/users", params={"q": "ann"}).json()["items"]] == ["yann"]
    assert_error(
        admin.get("/api/users", params={"sort": "password_hash"}), 422, "invalid_sort", ["query", "sort"]
    )


def test_a_user_changes_their_locale_and_password(alice: TestClient, app_client: TestClient) -> None:
    answer = alice.patch("/api/users/me", json={"locale": "fr", "password": "a new long password"})
    assert answer.status_code == 200 and answer.json()["locale"] == "fr"
    login = app_client.post("/api/auth/login", json={"username": "alice", "password": "a new long password"})
    assert login.status_code == 200


def test_nobody_can_demote_or_deactivate_themselves(admin: TestClient) -> None:
    me = admin.get("/api/auth/me").json()
    assert_error(admin.patch(f"/api/users/{me['id']}", json={"is_admin": False}), 422, "self_lockout")


def test_a_regular_user_cannot_read_or_promote_another_user(alice: TestClient, bob: TestClient) -> None:
    bob_id = bob.get("/api/auth/me").json()["id"]
    assert_error(alice.get(f"/api/users/{bob_id}"), 403, "forbidden")
    me = alice.get("/api/auth/me").json()
    assert_error(alice.patch(f"/api/users/{me['id']}", json={"is_admin": True}), 403, "forbidden")


def test_unknown_fields_are_refused_rather_than_ignored(alice: TestClient) -> None:
    answer = alice.patch("/api/users/me", json={"locale": "fr", "is_superuser": True})
    assert_error(answer, 422, "extra_forbidden", ["body", "is_superuser"])
