from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import Users, assert_error
from tests.api.media_files import jpeg


def make_org(client: TestClient, slug: str = "acme") -> dict[str, object]:
    answer = client.post("/api/organizations", json={"slug": slug, "name": slug.title()})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_the_creator_owns_a_new_organization(alice: TestClient) -> None:
    org = make_org(alice)
    assert org["role"] == "owner"
    assert [o["slug"] for o in alice.get("/api/organizations").json()["items"]] == ["acme"]
    assert alice.get(f"/api/organizations/{org['id']}/members").json() == [
        {"user_id": alice.get("/api/auth/me").json()["id"], "username": "alice", "role": "owner"}
    ]


def test_a_taken_slug_and_a_bad_slug_are_refused(alice: TestClient, bob: TestClient) -> None:
    make_org(alice)
    assert_error(bob.post("/api/organizations", json={"slug": "acme", "name": "x"}), 409, "conflict")
    bad = bob.post("/api/organizations", json={"slug": "Not A Slug", "name": "x"})
    assert_error(bad, 422, "string_pattern_mismatch", ["body", "slug"])


def test_non_members_do_not_see_an_organization(alice: TestClient, bob: TestClient) -> None:
    org = make_org(alice)
    assert bob.get("/api/organizations").json()["count"] == 0
    for path in [f"/api/organizations/{org['id']}", f"/api/organizations/{org['id']}/members"]:
        assert_error(bob.get(path), 404, "not_found")
    assert_error(bob.patch(f"/api/organizations/{org['id']}", json={"name": "x"}), 404, "not_found")
    assert_error(bob.delete(f"/api/organizations/{org['id']}"), 404, "not_found")


def test_members_see_the_organizations_projects_once_they_have_work_and_only_managers_change_them(
    alice: TestClient, bob: TestClient, users: Users
) -> None:
    org = make_org(alice)
    project = alice.post("/api/projects", json={"name": "Client work", "organization_id": org["id"]}).json()
    assert_error(bob.get(f"/api/projects/{project['id']}"), 404, "not_found")
    answer = alice.post(
        f"/api/organizations/{org['id']}/members", json={"username": "bob", "role": "annotator"}
    )
    assert answer.status_code == 201
    # An annotator sees a project of the organisation only once given work in it.
    assert_error(bob.get(f"/api/projects/{project['id']}"), 404, "not_found")
    task = alice.post("/api/tasks", json={"project_id": project["id"], "name": "t"}).json()
    alice.post(f"/api/tasks/{task['id']}/media", files=[("files", ("a.jpg", jpeg()))])
    job = alice.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]
    bob_id = bob.get("/api/auth/me").json()["id"]
    alice.patch(f"/api/jobs/{job['id']}", json={"assignee_id": bob_id})
    assert bob.get(f"/api/projects/{project['id']}").status_code == 200
    assert [p["name"] for p in bob.get("/api/projects").json()["items"]] == ["Client work"]
    assert_error(bob.patch(f"/api/projects/{project['id']}", json={"name": "x"}), 403, "forbidden")
    owner = bob.post(f"/api/organizations/{org['id']}/members", json={"username": "alice", "role": "owner"})
    assert_error(owner, 403, "forbidden")
    alice.patch(f"/api/organizations/{org['id']}/members/{bob_id}", json={"role": "manager"})
    assert bob.patch(f"/api/projects/{project['id']}", json={"name": "Renamed"}).status_code == 200
    users.create("carol")
    ok = bob.post(f"/api/organizations/{org['id']}/members", json={"username": "carol", "role": "reviewer"})
    assert ok.status_code == 201
    refused = bob.post(f"/api/organizations/{org['id']}/members", json={"username": "carol", "role": "owner"})
    assert refused.status_code in (403, 409)


def test_creating_a_project_in_an_organization_needs_a_manager_role(
    alice: TestClient, bob: TestClient
) -> None:
    org = make_org(alice)
    assert_error(
        bob.post("/api/projects", json={"name": "x", "organization_id": org["id"]}), 404, "not_found"
    )
    alice.post(f"/api/organizations/{org['id']}/members", json={"username": "bob", "role": "reviewer"})
    assert_error(
        bob.post("/api/projects", json={"name": "x", "organization_id": org["id"]}), 403, "forbidden"
    )


def test_the_last_owner_cannot_leave_and_an_organization_with_projects_cannot_be_deleted(
    alice: TestClient,
) -> None:
    org = make_org(alice)
    alice_id = alice.get("/api/auth/me").json()["id"]
    assert_error(alice.delete(f"/api/organizations/{org['id']}/members/{alice_id}"), 409, "conflict")
    alice.post("/api/projects", json={"name": "p", "organization_id": org["id"]})
    assert_error(alice.delete(f"/api/organizations/{org['id']}"), 409, "conflict")


def test_an_owner_renames_and_deletes_an_empty_organization(alice: TestClient) -> None:
    org = make_org(alice)
    assert (
        alice.patch(f"/api/organizations/{org['id']}", json={"name": "ACME Inc"}).json()["name"] == "ACME Inc"
    )
    assert alice.delete(f"/api/organizations/{org['id']}").status_code == 204
    assert_error(alice.get(f"/api/organizations/{org['id']}"), 404, "not_found")


def test_adding_an_unknown_user_is_404(alice: TestClient) -> None:
    org = make_org(alice)
    answer = alice.post(
        f"/api/organizations/{org['id']}/members", json={"username": "ghost", "role": "annotator"}
    )
    assert_error(answer, 404, "not_found")
