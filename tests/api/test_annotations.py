from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import assert_error
from tests.api.media_files import jpeg

LABELS = [
    {"name": "car", "kind": "rectangle", "attributes": [
        {"name": "colour", "kind": "select", "values": ["red", "blue"], "default": "red"}]},
    {"name": "any"},
    {"name": "body", "kind": "skeleton", "skeleton": {
        "points": [{"name": "a", "x": 0.1, "y": 0.1}, {"name": "b", "x": 0.9, "y": 0.9}], "edges": [[0, 1]]}},
    {"name": "scene", "kind": "tag"},
]  # fmt: skip


def job_with_labels(client: TestClient, frames: int = 3) -> tuple[int, dict[str, int]]:
    project = client.post("/api/projects", json={"name": "P", "labels": LABELS}).json()
    task = client.post("/api/tasks", json={"project_id": project["id"], "name": "T"}).json()
    files = [("files", (f"{i}.jpg", jpeg(colour=(i, i, i)))) for i in range(frames)]
    assert client.post(f"/api/tasks/{task['id']}/media", files=files).status_code == 201
    job = client.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]
    labels = {lb["name"]: lb["id"] for lb in client.get(f"/api/projects/{project['id']}/labels").json()}
    return job["id"], labels


def every_kind(labels: dict[str, int]) -> list[dict[str, Any]]:
    def shape(kind: str, label: str, **fields: Any) -> dict[str, Any]:
        return {"id": str(uuid.uuid4()), "kind": kind, "label_id": labels[label], "frame": 0, **fields}

    return [
        shape(
            "rectangle", "car", points=[1.5, 2.25, 10.5, 20.75], rotation=30.0, attributes={"colour": "blue"}
        ),
        shape("polygon", "any", points=[0, 0, 10, 0, 10, 10.5], z_order=2, occluded=True),
        shape("polyline", "any", points=[0, 0, 5, 5], group=3),
        shape("points", "any", points=[1, 1], source="model", score=0.75),
        shape("ellipse", "any", points=[20, 20, 5, 3], rotation=10.0),
        shape("mask", "any", bbox=[0, 0, 2, 2], rle=[1, 2, 1]),
        shape("skeleton", "body", points=[1, 1, 5, 5], visibility=["visible", "occluded"]),
    ]


def save(client: TestClient, job_id: int, revision: int, diff: dict[str, Any]) -> Any:
    return client.patch(f"/api/jobs/{job_id}/annotations", json=diff, headers={"If-Match": f'"{revision}"'})


def test_every_kind_saves_and_loads_back_exactly(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shapes = every_kind(labels)
    tag = {"id": str(uuid.uuid4()), "label_id": labels["scene"], "frame": 0, "stop_frame": 2}
    answer = save(alice, job_id, 0, {"shapes": {"create": shapes}, "tags": {"create": [tag]}})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"revision": 1} and answer.headers["etag"] == '"1"'
    loaded = alice.get(f"/api/jobs/{job_id}/annotations")
    assert loaded.headers["etag"] == '"1"'
    document = loaded.json()
    by_id = {s["id"]: s for s in document["shapes"]}
    for sent in shapes:
        stored = by_id[sent["id"]]
        for field, value in sent.items():
            assert stored[field] == value, (sent["kind"], field)
    assert document["tags"][0]["stop_frame"] == 2 and document["revision"] == 1


def test_a_track_with_keyframes_saves_and_loads(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    track = {
        "id": str(uuid.uuid4()), "kind": "rectangle", "label_id": labels["car"],
        "keyframes": [
            {"frame": 0, "points": [0, 0, 10, 10], "rotation": 0.0},
            {"frame": 2, "points": [5, 5, 15, 15], "rotation": 0.0, "outside": True, "source": "tracker"},
        ],
    }  # fmt: skip
    assert save(alice, job_id, 0, {"tracks": {"create": [track]}}).status_code == 200
    loaded = alice.get(f"/api/jobs/{job_id}/annotations").json()["tracks"][0]
    assert [k["frame"] for k in loaded["keyframes"]] == [0, 2]
    assert loaded["keyframes"][1]["outside"] is True and loaded["keyframes"][1]["source"] == "tracker"


def test_update_and_delete_by_id_touch_only_those_objects(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shapes = every_kind(labels)
    save(alice, job_id, 0, {"shapes": {"create": shapes}})
    moved = {**shapes[0], "points": [2, 3, 4, 5]}
    answer = save(alice, job_id, 1, {"shapes": {"update": [moved], "delete": [shapes[1]["id"]]}})
    assert answer.json()["revision"] == 2
    document = alice.get(f"/api/jobs/{job_id}/annotations").json()
    by_id = {s["id"]: s for s in document["shapes"]}
    assert len(by_id) == len(shapes) - 1 and shapes[1]["id"] not in by_id
    assert by_id[shapes[0]["id"]]["points"] == [2, 3, 4, 5]


def test_a_stale_revision_gets_409_and_changes_nothing(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shapes = every_kind(labels)
    save(alice, job_id, 0, {"shapes": {"create": shapes[:1]}})
    answer = save(alice, job_id, 0, {"shapes": {"create": shapes[1:2]}})
    assert_error(answer, 409, "stale_revision", ["header", "If-Match"])
    assert answer.headers["etag"] == '"1"'
    document = alice.get(f"/api/jobs/{job_id}/annotations").json()
    assert document["revision"] == 1 and len(document["shapes"]) == 1


def test_a_save_without_if_match_is_428(alice: TestClient) -> None:
    job_id, _ = job_with_labels(alice)
    answer = alice.patch(f"/api/jobs/{job_id}/annotations", json={})
    assert_error(answer, 428, "precondition_required", ["header", "If-Match"])
    bad = alice.patch(f"/api/jobs/{job_id}/annotations", json={}, headers={"If-Match": "soon"})
    assert_error(bad, 422, "invalid_revision")


def test_invalid_geometry_is_located_and_nothing_is_saved(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    good, polygon = every_kind(labels)[:2]
    polygon = {**polygon, "points": [0, 0, 1, 1]}
    answer = save(alice, job_id, 0, {"shapes": {"create": [good, polygon]}})
    assert_error(answer, 422, answer.json()["errors"][0]["type"], ["body", "shapes", "create", 1, "points"])
    document = alice.get(f"/api/jobs/{job_id}/annotations").json()
    assert document["revision"] == 0 and document["shapes"] == []


def test_a_kind_the_label_does_not_allow_and_an_unknown_attribute_value_are_refused(
    alice: TestClient,
) -> None:
    job_id, labels = job_with_labels(alice)
    polygon_as_car = {"id": str(uuid.uuid4()), "kind": "polygon", "label_id": labels["car"], "frame": 0,
                      "points": [0, 0, 5, 0, 5, 5]}  # fmt: skip
    bad_colour = {**every_kind(labels)[0], "attributes": {"colour": "green"}}
    answer = save(alice, job_id, 0, {"shapes": {"create": [polygon_as_car, bad_colour]}})
    body = assert_error(answer, 422, "kind_not_allowed")
    locs = [e["loc"][:4] for e in body["errors"]]
    assert ["body", "shapes", "create", 1] in locs


def test_updating_an_unknown_id_or_creating_a_duplicate_is_refused(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shape = every_kind(labels)[0]
    save(alice, job_id, 0, {"shapes": {"create": [shape]}})
    ghost = {**shape, "id": str(uuid.uuid4())}
    answer = save(alice, job_id, 1, {"shapes": {"update": [ghost]}})
    assert answer.status_code == 422 and answer.json()["errors"][0]["loc"][:4] == [
        "body",
        "shapes",
        "update",
        0,
    ]
    again = save(alice, job_id, 1, {"shapes": {"create": [shape]}})
    assert again.status_code == 422
    assert alice.get(f"/api/jobs/{job_id}/annotations").json()["revision"] == 1


def test_a_frame_outside_the_job_is_refused(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice, frames=2)
    shape = {**every_kind(labels)[0], "frame": 5}
    answer = save(alice, job_id, 0, {"shapes": {"create": [shape]}})
    assert answer.status_code == 422 and answer.json()["errors"][0]["loc"][:5] == [
        "body",
        "shapes",
        "create",
        0,
        "frame",
    ]


def test_put_replaces_the_document_through_a_diff(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shapes = every_kind(labels)
    save(alice, job_id, 0, {"shapes": {"create": shapes}})
    kept = [{**shapes[0], "points": [0, 0, 1, 1]}, *shapes[2:]]
    answer = alice.put(f"/api/jobs/{job_id}/annotations", json={"shapes": kept}, headers={"If-Match": '"1"'})
    assert answer.json()["revision"] == 2, answer.text
    document = alice.get(f"/api/jobs/{job_id}/annotations").json()
    assert sorted(s["id"] for s in document["shapes"]) == sorted(s["id"] for s in kept)
    stale = alice.put(f"/api/jobs/{job_id}/annotations", json={"shapes": []}, headers={"If-Match": '"1"'})
    assert_error(stale, 409, "stale_revision")


def test_others_cannot_read_or_save_a_job(alice: TestClient, bob: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    assert_error(bob.get(f"/api/jobs/{job_id}/annotations"), 404, "not_found")
    assert_error(save(bob, job_id, 0, {"shapes": {"create": every_kind(labels)[:1]}}), 404, "not_found")
    assert_error(bob.get(f"/api/jobs/{job_id}"), 404, "not_found")
    assert bob.get("/api/jobs").json()["count"] == 0


def test_an_assigned_annotator_sees_and_saves_the_job_but_cannot_reassign_it(
    alice: TestClient, bob: TestClient
) -> None:
    job_id, labels = job_with_labels(alice)
    bob_id = bob.get("/api/auth/me").json()["id"]
    assert alice.patch(f"/api/jobs/{job_id}", json={"assignee_id": bob_id}).json()["assignee_id"] == bob_id
    assert [j["id"] for j in bob.get("/api/jobs").json()["items"]] == [job_id]
    assert save(bob, job_id, 0, {"shapes": {"create": every_kind(labels)[:1]}}).status_code == 200
    assert_error(bob.patch(f"/api/jobs/{job_id}", json={"assignee_id": None}), 403, "forbidden")
    media = bob.get("/api/tasks", params={}).json()["items"]
    assert len(media) == 1


def test_the_media_list_counts_annotations_per_frame(alice: TestClient) -> None:
    job_id, labels = job_with_labels(alice)
    shapes = every_kind(labels)
    shapes[0]["frame"] = 2
    save(alice, job_id, 0, {"shapes": {"create": shapes}})
    task_id = alice.get(f"/api/jobs/{job_id}").json()["task_id"]
    items = alice.get(f"/api/tasks/{task_id}/media").json()["items"]
    assert [m["annotation_count"] for m in items] == [len(shapes) - 1, 0, 1]
