from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import assert_error

LABELS = [
    {"name": "car", "kind": "rectangle", "attributes": [
        {"name": "colour", "kind": "select", "values": ["red", "blue"], "default": "red"},
        {"name": "parked", "kind": "checkbox", "default": False},
    ]},
    {"name": "person", "color": "#ff0000"},
    {"name": "body", "kind": "skeleton", "skeleton": {
        "points": [{"name": "head", "x": 0.5, "y": 0.1}, {"name": "foot", "x": 0.5, "y": 0.9}],
        "edges": [[0, 1]],
    }},
]  # fmt: skip


def test_create_a_project_with_labels_and_read_it_back(alice: TestClient) -> None:
    created = alice.post("/api/projects", json={"name": "Streets", "labels": LABELS})
    assert created.status_code == 201, created.text
    project = created.json()
    assert project["label_count"] == 3 and project["task_count"] == 0
    labels = alice.get(f"/api/projects/{project['id']}/labels").json()
    assert [lb["name"] for lb in labels] == ["car", "person", "body"]
    assert labels[1]["color"] == "#ff0000"
    assert labels[0]["color"].startswith("#") and labels[0]["kind"] == "rectangle"
    assert labels[0]["attributes"][0]["values"] == ["red", "blue"]
    assert labels[2]["skeleton"]["edges"] == [[0, 1]]


def test_invalid_labels_are_all_reported_with_their_place_and_nothing_is_created(alice: TestClient) -> None:
    bad = [
        {"name": "car", "kind": "skeleton"},  # a skeleton label needs a template
        {"name": "car"},  # duplicate name
        {"name": "x", "attributes": [{"name": "n", "kind": "number", "min": 5, "max": 1}]},
    ]
    answer = alice.post("/api/projects", json={"name": "Bad", "labels": bad})
    body = assert_error(answer, 422, "duplicate", ["body", "labels", 1, "name"])
    locs = [e["loc"][:3] for e in body["errors"]]
    assert ["body", "labels", 0] in locs and ["body", "labels", 2] in locs
    assert alice.get("/api/projects").json()["count"] == 0


def test_projects_of_others_are_invisible_and_answer_404(alice: TestClient, bob: TestClient) -> None:
    project = alice.post("/api/projects", json={"name": "Secret"}).json()
    assert bob.get("/api/projects").json()["count"] == 0
    for path in [f"/api/projects/{project['id']}", f"/api/projects/{project['id']}/labels"]:
        assert_error(bob.get(path), 404, "not_found")
    assert_error(bob.patch(f"/api/projects/{project['id']}", json={"name": "x"}), 404, "not_found")
    assert_error(bob.delete(f"/api/projects/{project['id']}"), 404, "not_found")
    missing = alice.get("/api/projects/999999")
    assert missing.json()["errors"] == bob.get(f"/api/projects/{project['id']}").json()["errors"]


def test_an_admin_sees_every_project(alice: TestClient, admin: TestClient) -> None:
    alice.post("/api/projects", json={"name": "Alice's"})
    assert admin.get("/api/projects").json()["count"] == 1


def test_projects_list_searches_sorts_and_pages(alice: TestClient) -> None:
    for name in ["Birds", "Cars", "Boats"]:
        alice.post("/api/projects", json={"name": name})
    page = alice.get("/api/projects", params={"q": "b", "sort": "name"}).json()
    assert [p["name"] for p in page["items"]] == ["Birds", "Boats"] and page["count"] == 2
    second = alice.get("/api/projects", params={"page": 2, "page_size": 2, "sort": "name"}).json()
    assert [p["name"] for p in second["items"]] == ["Cars"]
    assert_error(alice.get("/api/projects", params={"page": 0}), 422, "greater_than_equal", ["query", "page"])


def test_update_and_delete_a_project(alice: TestClient) -> None:
    project = alice.post("/api/projects", json={"name": "Old", "labels": [{"name": "a"}]}).json()
    changed = alice.patch(f"/api/projects/{project['id']}", json={"name": "New", "guidelines": "# Rules"})
    assert changed.json()["name"] == "New" and changed.json()["guidelines"] == "# Rules"
    assert alice.delete(f"/api/projects/{project['id']}").status_code == 204
    assert_error(alice.get(f"/api/projects/{project['id']}"), 404, "not_found")


def test_labels_are_added_renamed_and_deleted(alice: TestClient, bob: TestClient) -> None:
    project = alice.post("/api/projects", json={"name": "P", "labels": [{"name": "a"}]}).json()
    added = alice.post(f"/api/projects/{project['id']}/labels", json={"name": "b", "kind": "polygon"})
    assert added.status_code == 201
    label = added.json()
    assert_error(alice.post(f"/api/projects/{project['id']}/labels", json={"name": "b"}), 422, "duplicate")
    renamed = alice.patch(f"/api/labels/{label['id']}", json={"name": "bee", "color": "#00ff00"})
    assert renamed.json()["name"] == "bee" and renamed.json()["kind"] == "polygon"
    assert_error(
        alice.patch(f"/api/labels/{label['id']}", json={"color": "green"}), 422, "string_pattern_mismatch"
    )
    assert_error(bob.patch(f"/api/labels/{label['id']}", json={"name": "x"}), 404, "not_found")
    assert alice.delete(f"/api/labels/{label['id']}").status_code == 204
    assert [lb["name"] for lb in alice.get(f"/api/projects/{project['id']}/labels").json()] == ["a"]
