"""Ground truth over chosen frames, honeypots hidden in annotators' jobs, the per-annotator running score,
review thresholds, the review queue and the CSV export, through HTTP."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from annota.storage.db import Database
from tests.api.conftest import Users, assert_error
from tests.api.media_files import jpeg

LABELS = [{"name": "car", "kind": "rectangle"}, {"name": "person", "kind": "rectangle"}]


class Project:
    """A project of `owner` (personal, or in an organisation's): one image task of `frames` frames, cut in
    jobs of `segment` frames."""

    def __init__(
        self, owner: TestClient, frames: int = 10, segment: int = 5, organization_id: int | None = None
    ) -> None:
        self.owner = owner
        body = {"name": "Q", "labels": LABELS, "organization_id": organization_id}
        project = owner.post("/api/projects", json=body).json()
        body = {"project_id": project["id"], "name": "T", "segment_size": segment}
        task = owner.post("/api/tasks", json=body).json()
        files = [("files", (f"{i:02}.jpg", jpeg(colour=(i, i, i)))) for i in range(frames)]
        assert owner.post(f"/api/tasks/{task['id']}/media", files=files).status_code == 201
        self.id, self.task_id = project["id"], task["id"]
        listed = owner.get("/api/jobs", params={"task_id": task["id"], "sort": "frame_start"}).json()["items"]
        self.jobs = [job["id"] for job in listed]
        self.labels = {
            label["name"]: label["id"] for label in owner.get(f"/api/projects/{project['id']}/labels").json()
        }

    def box(self, id: str, frame: int, x: float, label: str = "car") -> dict[str, Any]:
        return {"id": id, "kind": "rectangle", "label_id": self.labels[label], "frame": frame,
                "points": [x, 0, x + 10, 10]}  # fmt: skip

    def save(self, client: TestClient, job_id: int, shapes: list[dict[str, Any]]) -> None:
        revision = client.get(f"/api/jobs/{job_id}/annotations").json()["revision"]
        answer = client.patch(
            f"/api/jobs/{job_id}/annotations",
            json={"shapes": {"create": shapes}},
            headers={"If-Match": f'"{revision}"'},
        )
        assert answer.status_code == 200, answer.text

    def assign(self, job_id: int, user_id: int) -> None:
        answer = self.owner.patch(f"/api/jobs/{job_id}", json={"assignee_id": user_id})
        assert answer.status_code == 200, answer.text


@pytest.fixture
def project(alice: TestClient) -> Project:
    return Project(alice)


def user_id(users: Users, database: Database, name: str) -> int:
    from annota.storage.users import find_user_by_username

    with database.session() as session:
        found = find_user_by_username(session, name)
        assert found is not None
        return found.id


def test_a_ground_truth_is_made_over_listed_frames(project: Project) -> None:
    answer = project.owner.post(f"/api/tasks/{project.task_id}/ground-truth", json={"frames": [7, 2]})

    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert (made["mode"], made["frames"], made["per_job"]) == ("frames", [2, 7], False)
    job = project.owner.get(f"/api/jobs/{made['job_id']}").json()
    assert (job["kind"], job["frame_start"], job["frame_stop"]) == ("ground_truth", 2, 7)
    listed = project.owner.get(f"/api/tasks/{project.task_id}/ground-truth").json()
    assert [g["frames"] for g in listed] == [[2, 7]]


def test_a_random_sample_takes_the_share_asked_with_a_reproducible_seed(project: Project) -> None:
    url = f"/api/tasks/{project.task_id}/ground-truth"
    first = project.owner.post(url, json={"fraction": 0.3, "seed": 5}).json()
    second = project.owner.post(url, json={"fraction": 0.3, "seed": 5}).json()

    assert len(first["frames"]) == 3 and first["frames"] == second["frames"]


def test_ground_truth_requests_are_checked_with_the_place_named(project: Project) -> None:
    url = f"/api/tasks/{project.task_id}/ground-truth"

    assert_error(
        project.owner.post(url, json={"frames": [1, 99]}), 422, "out_of_range", ["body", "frames", 1]
    )
    assert_error(project.owner.post(url, json={"frames": [1], "count": 2}), 422, "invalid_value", ["body"])
    assert_error(
        project.owner.post(url, json={"fraction": 1.5}), 422, "less_than_equal", ["body", "fraction"]
    )


def test_honeypots_leave_the_annotators_job_as_it_was(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    job = project.jobs[0]
    project.assign(job, user_id(users, database, "bob"))
    before = (bob.get(f"/api/jobs/{job}").json(), bob.get(f"/api/jobs/{job}/annotations").json())

    made = project.owner.post(
        f"/api/tasks/{project.task_id}/ground-truth", json={"fraction": 0.4, "per_job": True, "seed": 1}
    ).json()

    after = (bob.get(f"/api/jobs/{job}").json(), bob.get(f"/api/jobs/{job}/annotations").json())
    assert after == before
    assert [sum(1 for f in made["frames"] if lo <= f <= lo + 4) for lo in (0, 5)] == [2, 2]
    # the annotator can neither list the gold frames nor open the ground-truth job
    assert bob.get(f"/api/tasks/{project.task_id}/ground-truth").status_code == 403
    assert bob.get(f"/api/jobs/{made['job_id']}/annotations").status_code == 404


def honeypots(project: Project, bob: TestClient, users: Users, database: Database) -> tuple[int, list[int]]:
    """Bob holds job 0; two gold frames in it, one annotated right, one wrong."""
    bob_id = user_id(users, database, "bob")
    job = project.jobs[0]
    project.assign(job, bob_id)
    made = project.owner.post(
        f"/api/tasks/{project.task_id}/ground-truth", json={"count": 2, "per_job": True, "seed": 3}
    ).json()
    gold = [f for f in made["frames"] if f <= 4]
    project.save(project.owner, made["job_id"], [project.box(f"g{f}", f, 0) for f in made["frames"]])
    project.save(bob, job, [project.box("b1", gold[0], 0), project.box("b2", gold[1], 200)])
    return bob_id, gold


def test_each_annotator_has_a_running_score_on_the_honeypots_in_their_jobs(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    bob_id, gold = honeypots(project, bob, users, database)
    url = f"/api/projects/{project.id}/quality/annotators"

    first = {a["user_id"]: a for a in project.owner.get(url).json()}
    # the fix is counted at once: the score is computed from the stored annotations
    project.save(bob, project.jobs[0], [project.box("b3", gold[1], 0)])
    second = {a["user_id"]: a for a in project.owner.get(url).json()}

    assert (first[bob_id]["name"], first[bob_id]["frames_compared"]) == ("bob", 2)
    assert (first[bob_id]["summary"]["matched"], first[bob_id]["summary"]["missing"]) == (1, 1)
    assert first[bob_id]["score"] == pytest.approx(1 / 3)  # 1 match of 3 objects (b2 extra, g missing)
    assert second[bob_id]["summary"]["matched"] == 2
    assert None in first  # job 1 is nobody's: its honeypots are counted apart


def test_a_job_below_the_review_threshold_is_flagged_and_queued(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    honeypots(project, bob, users, database)
    settings = project.owner.patch(
        f"/api/projects/{project.id}/quality/settings", json={"review_threshold": 0.5, "review_metric": "f1"}
    )
    assert settings.status_code == 200, settings.text

    jobs = {j["job_id"]: j for j in project.owner.get(f"/api/projects/{project.id}/quality").json()["jobs"]}
    queue = project.owner.get(f"/api/projects/{project.id}/quality/review").json()

    assert jobs[project.jobs[0]]["flagged"] is False  # f1 = 0.5 is not below 0.5
    assert jobs[project.jobs[1]]["flagged"] is True  # nothing drawn on its gold frames: f1 = 0
    assert [j["job_id"] for j in queue["jobs"]] == [project.jobs[1]]
    assert queue["jobs"][0]["link"] == f"/jobs/{project.jobs[1]}"


def test_conflicts_link_to_their_job_frame_and_object(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    _, gold = honeypots(project, bob, users, database)

    report = project.owner.post("/api/quality/reports", json={"job_id": project.jobs[0]}).json()

    assert report["frames_compared"] == 2 and [f["frame"] for f in report["frames"]] == gold
    extra = next(c for f in report["frames"] for c in f["conflicts"] if c["type"] == "extra_object")
    assert extra["job_id"] == project.jobs[0]
    assert extra["link"] == f"/jobs/{project.jobs[0]}?frame={gold[1]}&object=b2"


def test_reports_export_as_csv_at_every_level(
    project: Project, bob: TestClient, users: Users, database: Database
) -> None:
    honeypots(project, bob, users, database)
    url = f"/api/projects/{project.id}/quality.csv"

    by_annotator = list(csv.DictReader(io.StringIO(project.owner.get(url, params={"by": "annotator"}).text)))
    conflicts = list(csv.DictReader(io.StringIO(project.owner.get(url, params={"by": "conflict"}).text)))
    by_job = project.owner.get(url)

    assert by_job.headers["content-type"].startswith("text/csv")
    assert [row["name"] for row in by_annotator] == ["bob", ""]
    assert by_annotator[0]["matched"] == "1" and by_annotator[0]["frames_compared"] == "2"
    assert {row["type"] for row in conflicts} >= {"extra_object", "missing_object"}
    assert all(row["link"].startswith("/jobs/") for row in conflicts)
    assert_error(project.owner.get(url, params={"by": "nothing"}), 422, "literal_error", ["query", "by"])


def test_quality_settings_keep_what_was_changed_and_refuse_nulls(project: Project) -> None:
    url = f"/api/projects/{project.id}/quality/settings"

    changed = project.owner.patch(url, json={"consensus_quorum": 0.7, "comparison": {"iou_threshold": 0.6}})
    again = project.owner.get(url).json()

    assert changed.status_code == 200, changed.text
    assert again["consensus_quorum"] == 0.7 and again["comparison"]["iou_threshold"] == 0.6
    assert again["agreement_threshold"] == 0.5 and again["review_threshold"] is None
    assert_error(
        project.owner.patch(url, json={"review_metric": None}),
        422,
        "invalid_value",
        ["body", "review_metric"],
    )
    assert_error(project.owner.patch(url, json={"required_exam_id": project.id}), 422, "not_an_exam")


def test_the_project_summary_uses_the_stored_comparison_rules_unless_the_request_names_its_own(
    project: Project,
) -> None:
    settings = f"/api/projects/{project.id}/quality/settings"
    project.owner.patch(settings, json={"comparison": {"iou_threshold": 0.65, "low_overlap_threshold": 0.9}})
    summary = f"/api/projects/{project.id}/quality"

    stored = project.owner.get(summary).json()["settings"]
    asked = project.owner.get(summary, params={"iou_threshold": 0.3}).json()["settings"]

    assert (stored["iou_threshold"], stored["low_overlap_threshold"]) == (0.65, 0.9)
    assert asked["iou_threshold"] == 0.3
