from __future__ import annotations

from fastapi.testclient import TestClient

from annota.api.deps import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from tests.api.conftest import PASSWORD, Users, assert_error


def test_login_sets_an_httponly_session_cookie_and_a_readable_csrf_cookie(
    users: Users, app_client: TestClient
) -> None:
    users.create("carol")
    answer = app_client.post("/api/auth/login", json={"username": "carol", "password": PASSWORD})
    assert answer.status_code == 200
    assert answer.json()["username"] == "carol"
    cookies = answer.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE + "="))
    csrf = next(c for c in cookies if c.startswith(CSRF_COOKIE + "="))
    assert "HttpOnly" in session and "samesite=lax" in session.lower()
    assert "HttpOnly" not in csrf


def test_login_with_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    users: Users, app_client: TestClient
) -> None:
    users.create("carol")
    for username, password in [("carol", "wrong password"), ("nobody", PASSWORD)]:
        answer = app_client.post("/api/auth/login", json={"username": username, "password": password})
        body = assert_error(answer, 401, "invalid_credentials")
        assert body["errors"][0]["msg"] == "wrong username or password"


def test_me_without_login_is_401(app_client: TestClient) -> None:
    assert_error(app_client.get("/api/auth/me"), 401, "not_authenticated")


def test_me_returns_the_logged_in_user(alice: TestClient) -> None:
    assert alice.get("/api/auth/me").json()["username"] == "alice"


def test_unsafe_request_with_a_session_cookie_but_no_csrf_header_is_refused(alice: TestClient) -> None:
    del alice.headers[CSRF_HEADER]
    answer = alice.post("/api/projects", json={"name": "p"})
    assert_error(answer, 403, "csrf_failed", ["header", "X-CSRF-Token"])
    alice.headers[CSRF_HEADER] = "forged"
    assert_error(alice.post("/api/projects", json={"name": "p"}), 403, "csrf_failed")


def test_logout_ends_the_session(alice: TestClient) -> None:
    assert alice.post("/api/auth/logout").status_code == 204
    assert_error(alice.get("/api/auth/me"), 401, "not_authenticated")


def test_a_bearer_token_authenticates_without_csrf_and_stops_working_once_revoked(
    alice: TestClient, app_client: TestClient
) -> None:
    created = alice.post("/api/tokens", json={"name": "sdk"})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("ann_")
    bearer = {"Authorization": f"Bearer {secret}"}
    assert app_client.get("/api/auth/me", headers=bearer).json()["username"] == "alice"
    assert app_client.post("/api/projects", json={"name": "via token"}, headers=bearer).status_code == 201
    listed = alice.get("/api/tokens").json()
    assert [t["name"] for t in listed] == ["sdk"] and "token" not in listed[0]
    assert listed[0]["last_used_at"] is not None
    assert alice.delete(f"/api/tokens/{listed[0]['id']}").status_code == 204
    assert_error(app_client.get("/api/auth/me", headers=bearer), 401, "not_authenticated")


def test_a_malformed_authorization_header_is_401(app_client: TestClient) -> None:
    answer = app_client.get("/api/auth/me", headers={"Authorization": "Basic abc"})
    assert_error(answer, 401, "not_authenticated")
    answer = app_client.get("/api/auth/me", headers={"Authorization": "Bearer ann_unknown"})
    assert_error(answer, 401, "not_authenticated")


def test_someone_elses_token_cannot_be_revoked(alice: TestClient, bob: TestClient) -> None:
    token_id = alice.post("/api/tokens", json={"name": "mine"}).json()["id"]
    assert_error(bob.delete(f"/api/tokens/{token_id}"), 404, "not_found")
