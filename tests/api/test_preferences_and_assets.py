from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import assert_error
from tests.api.media_files import png


def test_preferences_start_empty_and_are_replaced_per_user(alice: TestClient, bob: TestClient) -> None:
    assert alice.get("/api/users/me/preferences").json() == {}
    prefs = {"shortcuts": {"next_image": "F"}, "view": {"fill_opacity": 0.3}}
    assert alice.put("/api/users/me/preferences", json=prefs).json() == prefs
    assert alice.get("/api/users/me/preferences").json() == prefs
    assert bob.get("/api/users/me/preferences").json() == {}


def test_oversized_or_non_object_preferences_are_refused(alice: TestClient) -> None:
    assert_error(alice.put("/api/users/me/preferences", json={"x": "y" * 70_000}), 413, "too_large", ["body"])
    assert alice.put("/api/users/me/preferences", json=[1, 2]).status_code == 422
    assert alice.get("/api/users/me/preferences").json() == {}


def test_a_guidelines_image_is_uploaded_and_served_to_project_members_only(
    alice: TestClient, bob: TestClient
) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()
    data = png(12, 8)
    answer = alice.post(f"/api/projects/{project['id']}/assets", files={"file": ("rule.png", data)})
    assert answer.status_code == 201, answer.text
    url = answer.json()["url"]
    served = alice.get(url)
    assert (
        served.status_code == 200 and served.content == data and served.headers["content-type"] == "image/png"
    )
    assert_error(bob.get(url), 404, "not_found")
    assert_error(alice.get(f"/api/projects/{project['id']}/assets/not-a-hash"), 404, "not_found")
    broken = alice.post(f"/api/projects/{project['id']}/assets", files={"file": ("x.png", b"not an image")})
    assert_error(broken, 422, broken.json()["errors"][0]["type"], ["body", "file"])
    assert_error(
        bob.post(f"/api/projects/{project['id']}/assets", files={"file": ("r.png", data)}), 404, "not_found"
    )
