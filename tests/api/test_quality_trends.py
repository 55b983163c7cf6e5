from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest

from annota.storage import quality_consensus, quality_history
from annota.storage.quality_history import Score
from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


class Trends:
    """The team's project with a ground truth over every frame: a box on each frame (jobs of two frames)."""

    def __init__(self, team: Team) -> None:
        self.team = team
        made = team["olga"].post(f"/api/tasks/{team.task_id}/ground-truth", json={"frames": [0, 1, 2, 3]})
        assert made.status_code == 201, made.text
        self.truth_id = made.json()["job_id"]
        assert (
            team.save("olga", self.truth_id, [team.box(0), team.box(1), team.box(2), team.box(3)]).status_code
            == 200
        )
        self.anna_job, self.ivan_job = team.job_ids[0], team.job_ids[1]
        team.assign(self.anna_job, assignee="anna", reviewer="rita")
        team.assign(self.ivan_job, assignee="ivan", reviewer="rita")

    def get(self, figure: str, **query: Any) -> dict[str, Any]:
        answer = self.team["mark"].get(
            f"/api/projects/{self.team.project_id}/quality/trends/{figure}", params=query
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def csv(self, figure: str, **query: Any) -> list[dict[str, str]]:
        answer = self.team["mark"].get(
            f"/api/projects/{self.team.project_id}/quality/trends.csv", params={"figure": figure, **query}
        )
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(answer.text)))

    def review(self, job_id: int, action: str) -> None:
        assert self.team.move("rita", job_id, "start_review").status_code == 200
        assert self.team.move("rita", job_id, action).status_code == 200

    def submit(self, name: str, job_id: int) -> None:
        assert self.team.move(name, job_id, "submit").status_code == 200, name


@pytest.fixture
def trends(users: Users) -> Trends:
    return Trends(make_team(users))


def by_user(rows: list[dict[str, Any]], trends: Trends) -> dict[str, Any]:
    names = {v: k for k, v in trends.team.ids.items()}
    return {names[row["user_id"]]: row for row in rows}


def test_each_submit_records_the_annotators_accuracy_in_the_trend(trends: Trends) -> None:
    team = trends.team
    assert team.save("anna", trends.anna_job, [team.box(0), team.box(1)]).status_code == 200
    assert team.save("ivan", trends.ivan_job, [team.box(2)]).status_code == 200  # frame 3 missing
    trends.submit("anna", trends.anna_job)
    trends.submit("ivan", trends.ivan_job)

    series = by_user(trends.get("accuracy", bucket="day")["annotators"], trends)

    today = datetime.now(UTC).date().isoformat()
    assert series["anna"]["points"] == [{"period": today, "accuracy": 1.0, "jobs": 1, "events": 1}]
    assert series["ivan"]["points"] == [{"period": today, "accuracy": 0.5, "jobs": 1, "events": 1}]


def test_the_accuracy_trend_keeps_the_score_recorded_when_annotations_change_later(trends: Trends) -> None:
    team = trends.team
    assert team.save("anna", trends.anna_job, [team.box(0), team.box(1)]).status_code == 200
    trends.submit("anna", trends.anna_job)
    trends.review(trends.anna_job, "reject")

    assert team.save("anna", trends.anna_job, [team.box(0)]).status_code == 200  # an extra box on frame 0

    (anna,) = trends.get("accuracy")["annotators"]
    assert [(p["accuracy"], p["events"]) for p in anna["points"]] == [(1.0, 2)]


def test_rework_counts_jobs_rejected_at_least_once_and_their_rounds(trends: Trends) -> None:
    team = trends.team
    trends.submit("anna", trends.anna_job)
    trends.review(trends.anna_job, "reject")
    trends.submit("anna", trends.anna_job)
    trends.review(trends.anna_job, "accept")
    trends.submit("ivan", trends.ivan_job)
    trends.review(trends.ivan_job, "accept")

    report = trends.get("rework")

    people = by_user(report["annotators"], trends)
    assert (people["anna"]["rework_rate"], people["anna"]["rejections"], people["anna"]["max_rounds"]) == (
        1.0,
        1,
        2,
    )
    assert (people["ivan"]["rework_rate"], people["ivan"]["max_rounds"]) == (0.0, 1)
    assert report["project"]["rework_rate"] == 0.5 and report["project"]["mean_rounds"] == 1.5
    assert report["project"]["rounds"] == [{"rounds": 1, "jobs": 1}, {"rounds": 2, "jobs": 1}]
    rows = trends.csv("rework")
    assert [(r["scope"], r["username"], r["reworked_jobs"]) for r in rows] == [
        ("project", "", "1"),
        ("annotator", "anna", "1"),
        ("annotator", "ivan", "0"),
    ]
    assert team["anna"].get(f"/api/projects/{team.project_id}/quality/trends/rework").status_code == 403


def test_conflicts_are_counted_by_type_per_annotator_and_for_the_project(trends: Trends) -> None:
    team = trends.team
    far = {**team.box(2), "points": [50, 50, 60, 60]}  # frame 2: an extra box and a missing one
    assert team.save("ivan", trends.ivan_job, [far, team.box(3)]).status_code == 200
    trends.submit("ivan", trends.ivan_job)

    figure = trends.get("conflicts")

    assert "reversed_direction" in figure["types"] and len(figure["types"]) == 7
    (ivan,) = figure["annotators"]
    counts = ivan["points"][0]["conflicts"]
    assert (counts["missing_object"], counts["extra_object"], counts["wrong_label"]) == (1, 1, 0)
    assert figure["project"][0]["conflicts"] == counts
    rows = trends.csv("conflicts")
    assert [(r["scope"], r["missing_object"], r["extra_object"]) for r in rows] == [
        ("project", "1", "1"),
        ("annotator", "1", "1"),
    ]


def test_points_are_bucketed_by_day_or_by_the_monday_of_their_week(trends: Trends) -> None:
    database = trends.team.users.database
    with database.write() as session:
        for day, accuracy in ((23, 0.2), (24, 0.4), (30, 1.0)):  # Monday 23 and Tuesday 24, Monday 30 Nov
            quality_history.record_point(
                session,
                project_id=trends.team.project_id,
                job_id=trends.anna_job,
                user_id=trends.team.ids["anna"],
                event="submit",
                score=Score(accuracy=accuracy),
                now=datetime(2026, 11, day, 12, tzinfo=UTC),
            )

    daily = trends.get("accuracy", bucket="day")["annotators"][0]["points"]
    weekly = trends.get("accuracy", bucket="week", since="2026-11-24")["annotators"][0]["points"]

    assert [(p["period"], p["accuracy"]) for p in daily] == [
        ("2026-11-23", 0.2),
        ("2026-11-24", 0.4),
        ("2026-11-30", 1.0),
    ]
    # within a week a job counts once, as its last point stands; `since` leaves the 23rd out
    assert [(p["period"], p["accuracy"], p["events"]) for p in weekly] == [
        ("2026-11-23", 0.4, 1),
        ("2026-11-30", 1.0, 1),
    ]
    rows = trends.csv("accuracy", bucket="week")
    assert [(r["username"], r["period"], r["accuracy"]) for r in rows] == [
        ("anna", "2026-11-23", "0.4"),
        ("anna", "2026-11-30", "1.0"),
    ]


def test_throughput_is_objects_per_active_hour_per_annotator_and_project(trends: Trends) -> None:
    team = trends.team
    for name, job, seconds, created, edited in (
        ("anna", trends.anna_job, 180, 10, 5),  # 15 objects in 3 minutes: 300 per hour
        ("ivan", trends.ivan_job, 120, 2, 0),  # 2 in 2 minutes: 60 per hour
    ):
        body = {"active_seconds": seconds, "objects_created": created, "objects_edited": edited}
        assert team[name].post(f"/api/jobs/{job}/activity", json=body).status_code == 200

    figure = trends.get("throughput", bucket="day")

    people = by_user(figure["annotators"], trends)
    assert people["anna"]["points"][0]["objects_per_hour"] == 300.0
    assert people["ivan"]["points"][0]["objects_per_hour"] == 60.0
    (project,) = figure["project"]
    assert (project["active_seconds"], project["objects_per_hour"]) == (300, 204.0)
    rows = trends.csv("throughput", bucket="day")
    assert [(r["scope"], r["username"], r["objects_per_hour"]) for r in rows] == [
        ("project", "", "204.0"),
        ("annotator", "anna", "300.0"),
        ("annotator", "ivan", "60.0"),
    ]


def test_consensus_agreement_is_a_histogram_of_frames_in_bins_of_a_tenth(trends: Trends) -> None:
    with trends.team.users.database.write() as session:
        frames = [(0, 0.25, 2, True), (1, 0.95, 2, False), (2, 1.0, 1, False), (3, 0.3, 1, True)]
        quality_consensus.record_merge(
            session,
            trends.anna_job,
            replicas=3,
            objects=6,
            mean_agreement=0.625,
            merged_by=None,
            frames=frames,
        )

    figure = trends.get("agreement")

    assert (figure["jobs"], figure["frames"], figure["mean_agreement"]) == (1, 4, 0.625)
    assert [b["frames"] for b in figure["bins"]] == [0, 0, 1, 1, 0, 0, 0, 0, 0, 2]
    assert (figure["bins"][0]["low"], figure["bins"][-1]["high"]) == (0.0, 1.0)
    rows = trends.csv("agreement")
    assert (len(rows), rows[3]) == (10, {"low": "0.3", "high": "0.4", "frames": "1"})


def test_trend_requests_name_the_wrong_parameter(trends: Trends) -> None:
    manager = trends.team["mark"]
    base = f"/api/projects/{trends.team.project_id}/quality"

    assert_error(
        manager.get(f"{base}/trends/accuracy", params={"since": "2026-11-20", "until": "2026-11-19"}),
        422,
        "invalid_range",
        ["query", "until"],
    )
    assert_error(
        manager.get(f"{base}/trends/conflicts", params={"bucket": "month"}),
        422,
        "literal_error",
        ["query", "bucket"],
    )
    assert_error(
        manager.get(f"{base}/trends.csv", params={"figure": "speed"}),
        422,
        "literal_error",
        ["query", "figure"],
    )
