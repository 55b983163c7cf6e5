from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from annota.api import app as app_module
from annota.api.routes import quality as quality_routes
from annota.storage import jobs
from annota.storage.db import Database
from tests.api.conftest import assert_error
from tests.api.media_files import jpeg

LABELS = [
    {
        "name": "car",
        "kind": "rectangle",
        "attributes": [{"name": "colour", "kind": "select", "values": ["red", "blue"], "default": "red"}],
    },
    {"name": "person", "kind": "rectangle"},
]


@pytest.fixture(autouse=True)
def quality_router(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Mount the quality routes on the apps the tests build, until the router list holds them."""
    if quality_routes.router not in app_module.ROUTERS:
        monkeypatch.setattr(app_module, "ROUTERS", [*app_module.ROUTERS, quality_routes.router])
    yield


class Setup:
    def __init__(self, client: TestClient, database: Database, frames: int = 3) -> None:
        self.client = client
        project = client.post("/api/projects", json={"name": "Q", "labels": LABELS}).json()
        task = client.post("/api/tasks", json={"project_id": project["id"], "name": "T"}).json()
        files = [("files", (f"{i}.jpg", jpeg(colour=(i, i, i)))) for i in range(frames)]
        assert client.post(f"/api/tasks/{task['id']}/media", files=files).status_code == 201
        self.project_id, self.task_id = project["id"], task["id"]
        self.job_id = client.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]["id"]
        names = client.get(f"/api/projects/{project['id']}/labels").json()
        self.labels = {label["name"]: label["id"] for label in names}
        with database.write() as session:
            self.truth_id = jobs.create_job(
                session, task["id"], frame_start=0, frame_stop=frames - 1, kind="ground_truth"
            ).id

    def box(self, id: str, frame: int, x: float, label: str = "car", **fields: Any) -> dict[str, Any]:
        return {
            "id": id,
            "kind": "rectangle",
            "label_id": self.labels[label],
            "frame": frame,
            "points": [x, 0, x + 10, 10],
            **fields,
        }

    def save(self, job_id: int, shapes: list[dict[str, Any]]) -> None:
        answer = self.client.patch(
            f"/api/jobs/{job_id}/annotations",
            json={"shapes": {"create": shapes}},
            headers={"If-Match": '"0"'},
        )
        assert answer.status_code == 200, answer.text


@pytest.fixture
def setup(alice: TestClient, database: Database) -> Setup:
    s = Setup(alice, database)
    s.save(
        s.truth_id,
        [
            s.box("r1", 0, 0, attributes={"colour": "blue"}),
            s.box("r2", 0, 50),
            s.box("r3", 1, 0),
            s.box("r4", 2, 0, label="person"),
        ],
    )
    s.save(
        s.job_id,
        [
            s.box("a1", 0, 0),
            s.box("a2", 0, 51),
            s.box("a3", 1, 100),
            s.box("a4", 2, 0, label="car"),
        ],
    )
    return s


def test_a_job_is_compared_with_its_ground_truth_frame_by_frame(setup: Setup) -> None:
    answer = setup.client.post("/api/quality/reports", json={"job_id": setup.job_id})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["job_id"], report["reference_job_id"]) == (setup.job_id, setup.truth_id)
    assert (report["frame_start"], report["frame_stop"], report["task_id"]) == (0, 2, setup.task_id)
    summary = report["summary"]
    # a1-r1 and a2-r2 match (a1 with the wrong colour), a3 is extra and r3 missing, a4 has r4's wrong label
    assert (summary["reference"], summary["annotated"], summary["matched"]) == (4, 4, 2)
    assert (summary["missing"], summary["extra"], summary["wrong_label"]) == (1, 1, 1)
    assert summary["precision"] == summary["recall"] == 0.5 and summary["attribute_accuracy"] == 0.5
    assert summary["conflicts"]["wrong_attribute"] == 1 and summary["errors"] == 3
    by_frame = {f["frame"]: f for f in report["frames"]}
    assert [(m["annotation_id"], m["reference_id"]) for m in by_frame[0]["matches"]] == [
        ("a1", "r1"),
        ("a2", "r2"),
    ]
    conflict_ids = {
        (c["frame"], c["type"], c["annotation_id"], c["reference_id"])
        for f in report["frames"]
        for c in f["conflicts"]
    }
    assert conflict_ids == {
        (0, "wrong_attribute", "a1", "r1"),
        (1, "extra_object", "a3", None),
        (1, "missing_object", None, "r3"),
        (2, "wrong_label", "a4", "r4"),
    }
    wrong = next(c for c in by_frame[2]["conflicts"] if c["type"] == "wrong_label")
    assert (wrong["label_id"], wrong["annotated_label_id"]) == (setup.labels["person"], setup.labels["car"])
    names = {label["name"]: label for label in report["labels"]}
    assert names["car"]["matched"] == 2 and names["person"]["wrong_label"] == 1
    assert report["tracking"] is None and report["settings"]["iou_threshold"] == 0.5


def test_the_answer_can_leave_out_frames_without_conflicts_or_every_frame(setup: Setup) -> None:
    body = {"job_id": setup.job_id, "iou_threshold": 0.95, "low_overlap_threshold": 0.95}
    strict = setup.client.post("/api/quality/reports", json={**body, "frames": "with_conflicts"}).json()
    # at 0.95 a2 (IoU 0.82 with r2) no longer pairs: frame 0 now has a missing and an extra object
    assert strict["summary"]["matched"] == 1 and [f["frame"] for f in strict["frames"]] == [0, 1, 2]
    none = setup.client.post("/api/quality/reports", json={"job_id": setup.job_id, "frames": "none"}).json()
    assert none["frames"] == [] and none["summary"]["matched"] == 2


def test_any_job_of_the_project_can_be_the_reference(setup: Setup, database: Database) -> None:
    with database.write() as session:
        other = jobs.create_job(session, setup.task_id, frame_start=1, frame_stop=2).id
    setup.save(other, [setup.box("b3", 1, 100)])
    report = setup.client.post(
        "/api/quality/reports", json={"job_id": setup.job_id, "reference_job_id": other}
    )
    assert report.status_code == 200, report.text
    body = report.json()
    assert (body["reference_job_id"], body["frame_start"], body["frame_stop"]) == (other, 1, 2)
    assert body["summary"]["matched"] == 1 and body["summary"]["annotated"] == 2


def test_a_job_without_ground_truth_needs_a_reference(alice: TestClient, database: Database) -> None:
    s = Setup(alice, database)
    with database.write() as session:
        jobs.get_job(session, s.truth_id).kind = "annotation"
    answer = alice.post("/api/quality/reports", json={"job_id": s.job_id})
    assert_error(answer, 422, "no_reference", ["body", "reference_job_id"])


def test_a_reference_must_share_frames_and_the_project(setup: Setup, database: Database) -> None:
    other = Setup(setup.client, database)
    answer = setup.client.post(
        "/api/quality/reports", json={"job_id": setup.job_id, "reference_job_id": other.job_id}
    )
    assert_error(answer, 422, "invalid_reference", ["body", "reference_job_id"])
    itself = setup.client.post(
        "/api/quality/reports", json={"job_id": setup.job_id, "reference_job_id": setup.job_id}
    )
    assert_error(itself, 422, "invalid_reference", ["body", "reference_job_id"])


def test_bad_thresholds_are_refused_at_their_field(setup: Setup) -> None:
    too_big = setup.client.post("/api/quality/reports", json={"job_id": setup.job_id, "iou_threshold": 1.5})
    assert_error(too_big, 422, "less_than_equal", ["body", "iou_threshold"])
    crossed = setup.client.post(
        "/api/quality/reports",
        json={"job_id": setup.job_id, "iou_threshold": 0.7, "low_overlap_threshold": 0.6},
    )
    assert_error(crossed, 422, "out_of_range", ["body", "low_overlap_threshold"])
    unknown = setup.client.post("/api/quality/reports", json={"job_id": setup.job_id, "iou": 0.5})
    assert_error(unknown, 422, "extra_forbidden", ["body", "iou"])


def test_strangers_cannot_tell_the_job_exists(setup: Setup, bob: TestClient) -> None:
    assert_error(bob.post("/api/quality/reports", json={"job_id": setup.job_id}), 404, "not_found")
    assert_error(bob.get(f"/api/projects/{setup.project_id}/quality"), 404, "not_found")


def test_an_annotator_cannot_read_a_report_against_a_ground_truth_hidden_from_them(
    setup: Setup, bob: TestClient
) -> None:
    bob_id = bob.get("/api/auth/me").json()["id"]
    setup.client.patch(f"/api/jobs/{setup.job_id}", json={"assignee_id": bob_id})
    assert bob.get(f"/api/jobs/{setup.job_id}").status_code == 200
    assert_error(bob.post("/api/quality/reports", json={"job_id": setup.job_id}), 404, "not_found")
    summary = bob.get(f"/api/projects/{setup.project_id}/quality").json()
    assert summary["jobs"] == [] and summary["jobs_without_reference"] == [setup.job_id]


def test_the_project_summary_totals_the_jobs_with_a_ground_truth(setup: Setup, database: Database) -> None:
    with database.write() as session:
        lonely = jobs.create_job(session, setup.task_id, frame_start=0, frame_stop=0).id
    answer = setup.client.get(f"/api/projects/{setup.project_id}/quality", params={"iou_threshold": 0.5})
    assert answer.status_code == 200, answer.text
    summary = answer.json()
    by_job = {j["job_id"]: j for j in summary["jobs"]}
    # the new job shares frame 0 with the ground truth too: compared, it has nothing and misses r1 and r2
    assert set(by_job) == {setup.job_id, lonely}
    assert by_job[setup.job_id]["summary"]["matched"] == 2 and by_job[lonely]["summary"]["missing"] == 2
    assert summary["summary"]["reference"] == 4 + 2 and summary["summary"]["matched"] == 2
    assert summary["jobs_without_reference"] == []
    assert {label["name"] for label in summary["labels"]} == {"car", "person"}
    only_task = setup.client.get(
        f"/api/projects/{setup.project_id}/quality", params={"task_id": setup.task_id}
    )
    assert only_task.json()["summary"] == summary["summary"]


def test_the_project_summary_refuses_a_task_of_another_project(setup: Setup) -> None:
    answer = setup.client.get(f"/api/projects/{setup.project_id}/quality", params={"task_id": 999})
    assert_error(answer, 422, "unknown_task", ["query", "task_id"])
    bad = setup.client.get(f"/api/projects/{setup.project_id}/quality", params={"iou_threshold": 0})
    assert_error(bad, 422, "greater_than", ["query", "iou_threshold"])


def test_the_ground_truth_sharing_the_most_frames_is_the_reference(
    alice: TestClient, database: Database
) -> None:
    s = Setup(alice, database, frames=6)
    with database.write() as session:
        small = jobs.create_job(session, s.task_id, frame_start=0, frame_stop=1, kind="ground_truth").id
        jobs.get_job(session, s.truth_id).frame_start = 2  # the first one now covers frames 2..5
    report = alice.post("/api/quality/reports", json={"job_id": s.job_id, "frames": "none"}).json()
    assert (report["reference_job_id"], report["frame_start"], report["frame_stop"]) == (s.truth_id, 2, 5)
    assert small != s.truth_id
