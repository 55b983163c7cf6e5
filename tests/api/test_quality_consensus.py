"""Consensus through HTTP: a job replicated to k annotators, their work merged by matching and voting into
the job, per-frame agreement stored and low frames queued for review."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from annota.storage.db import Database
from tests.api.conftest import Users, assert_error
from tests.api.test_quality_ground_truth import Project, user_id


@pytest.fixture
def project(alice: TestClient) -> Project:
    return Project(alice, frames=2, segment=0)


def test_a_job_replicated_to_three_annotators_merges_their_work(
    project: Project, users: Users, database: Database
) -> None:
    people = ["ann", "ben", "cat"]
    clients = {name: users.client(name) for name in people}
    ids = [user_id(users, database, name) for name in people]
    job = project.jobs[0]

    made = project.owner.post(f"/api/jobs/{job}/consensus", json={"replicas": 3, "assignees": ids})
    assert made.status_code == 201, made.text
    replicas = {r["assignee_id"]: r["job_id"] for r in made.json()["replicas"]}
    # frame 0: all three agree on a car (ann's box is the medoid), two call the second object a person
    # frame 1: one annotator only draws something: too few to keep, and low agreement
    drawn = {
        "ann": [project.box("a1", 0, 1), project.box("a2", 0, 100, "person"), project.box("a3", 1, 50)],
        "ben": [project.box("b1", 0, 0), project.box("b2", 0, 100, "car")],
        "cat": [project.box("c1", 0, 2), project.box("c2", 0, 101, "person")],
    }
    for name, uid in zip(people, ids, strict=True):
        project.save(clients[name], replicas[uid], drawn[name])

    merged = project.owner.post(f"/api/jobs/{job}/consensus/merge")

    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["merge"]["replicas"] == 3 and body["merge"]["objects"] == 2
    frames = {f["frame"]: f for f in body["frames"]}
    assert frames[0]["agreement"] == pytest.approx((1 + 2 / 3) / 2) and not frames[0]["flagged"]
    assert frames[1]["agreement"] == pytest.approx(1 / 3) and frames[1]["flagged"]
    shapes = project.owner.get(f"/api/jobs/{job}/annotations").json()["shapes"]
    labels = {v: k for k, v in project.labels.items()}
    assert sorted((s["frame"], labels[s["label_id"]], s["points"][0]) for s in shapes) == [
        (0, "car", 1),
        (0, "person", 100),
    ]
    queue = project.owner.get(f"/api/projects/{project.id}/quality/review").json()
    assert [(f["job_id"], f["frame"], f["link"]) for f in queue["frames"]] == [
        (job, 1, f"/jobs/{job}?frame=1")
    ]


def test_tracks_drawn_by_the_replicas_merge_into_a_track(
    alice: TestClient, users: Users, database: Database
) -> None:
    project = Project(alice, frames=6, segment=0)
    people = ["ann", "ben", "cat"]
    clients = {name: users.client(name) for name in people}
    ids = [user_id(users, database, name) for name in people]
    job = project.jobs[0]
    made = project.owner.post(f"/api/jobs/{job}/consensus", json={"replicas": 3, "assignees": ids})
    replicas = {r["assignee_id"]: r["job_id"] for r in made.json()["replicas"]}
    car = project.labels["car"]

    def track(id: str, x: float, until: int) -> dict[str, object]:
        # keyframes on 0 and `until`, interpolated between, outside after `until`
        end = [x + 40, 0, x + 50, 10]
        keyframes = [{"frame": 0, "points": [x, 0, x + 10, 10]}, {"frame": until, "points": end},
                     {"frame": until + 1, "points": end, "outside": True}]  # fmt: skip
        return {"id": id, "kind": "rectangle", "label_id": car, "keyframes": keyframes}

    drawn = {"ann": track("a", 0, 3), "ben": track("b", 1, 3), "cat": track("c", 0.5, 4)}
    for name, uid in zip(people, ids, strict=True):
        revision = clients[name].get(f"/api/jobs/{replicas[uid]}/annotations").json()["revision"]
        saved = clients[name].patch(
            f"/api/jobs/{replicas[uid]}/annotations",
            json={"tracks": {"create": [drawn[name]]}},
            headers={"If-Match": f'"{revision}"'},
        )
        assert saved.status_code == 200, saved.text

    assert project.owner.post(f"/api/jobs/{job}/consensus/merge").status_code == 200

    document = project.owner.get(f"/api/jobs/{job}/annotations").json()
    assert document["shapes"] == []
    (merged,) = document["tracks"]
    assert merged["label_id"] == car
    # frames 0-3: all three; frame 4: cat alone, under the quorum; outside from frame 4 on
    assert [(k["frame"], k["outside"]) for k in merged["keyframes"]] == [
        (0, False), (1, False), (2, False), (3, False), (4, True),
    ]  # fmt: skip
    # frame 3: ann's box at x 40, ben's at 41, cat's (still moving) at 30.5: ann's is the medoid
    assert merged["keyframes"][3]["points"] == [40, 0, 50, 10]


def test_replicas_are_counted_and_checked(project: Project) -> None:
    job = project.jobs[0]
    url = f"/api/jobs/{job}/consensus"

    assert_error(project.owner.post(url, json={"replicas": 12}), 422, "less_than_equal", ["body", "replicas"])
    assert_error(
        project.owner.post(url, json={"replicas": 2, "assignees": [1, 1]}),
        422,
        "duplicate",
        ["body", "assignees"],
    )
    assert_error(project.owner.post(f"{url}/merge"), 409, "no_replicas", ["path", "job_id"])
    assert project.owner.post(url, json={"replicas": 2}).status_code == 201
    assert_error(project.owner.post(url, json={"replicas": 2}), 409, "consensus_exists")
    status = project.owner.get(url).json()
    assert [r["assignee_id"] for r in status["replicas"]] == [None, None] and status["merge"] is None


def test_an_annotator_cannot_replicate_or_merge(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    job = project.jobs[0]
    project.assign(job, user_id(users, database, "bob"))

    assert bob.post(f"/api/jobs/{job}/consensus", json={"replicas": 2}).status_code == 403
    assert bob.post(f"/api/jobs/{job}/consensus/merge").status_code == 403
