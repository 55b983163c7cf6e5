from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from annota.storage.db import Database
from annota.storage.team_activity import record_heartbeat
from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
def team(users: Users) -> Team:
    made = make_team(users)
    made.assign(made.job_ids[0], assignee="anna", reviewer="rita")
    made.assign(made.job_ids[1], assignee="ivan")
    return made


def beat(
    database: Database, job: int, user: int, at: datetime, seconds: float, created: int = 0, edited: int = 0
) -> int:
    with database.write() as session:
        return record_heartbeat(
            session, job, user, active_seconds=seconds, created=created, edited=edited, now=at
        )


def test_heartbeats_add_up_to_the_active_time_of_a_job(team: Team, database: Database) -> None:
    job, anna = team.job_ids[0], team.ids["anna"]
    credited = [beat(database, job, anna, T0 + timedelta(seconds=30 * i), 30, created=2) for i in range(4)]

    rows = (
        team["mark"]
        .get(f"/api/projects/{team.project_id}/reports/time", params={"group": "job"})
        .json()["rows"]
    )

    assert credited == [30, 30, 30, 30]
    assert [(r["job_id"], r["username"], r["active_seconds"], r["objects_created"]) for r in rows] == [
        (job, "anna", 120, 8)
    ]
    assert rows[0]["objects_per_hour"] == 240.0


def test_time_claimed_faster_than_the_clock_is_not_credited(team: Team, database: Database) -> None:
    first, second = team.job_ids[0], team.job_ids[1]
    anna = team.ids["anna"]
    beat(database, first, anna, T0, 30)

    replayed = beat(database, first, anna, T0 + timedelta(seconds=1), 30)
    elsewhere = beat(database, second, anna, T0 + timedelta(seconds=2), 30)

    assert (replayed, elsewhere) == (6, 6)


def test_the_editor_posts_heartbeats_for_jobs_it_works_on(team: Team) -> None:
    job = team.job_ids[0]

    answer = team["anna"].post(
        f"/api/jobs/{job}/activity", json={"active_seconds": 28.6, "objects_created": 3}
    )

    assert answer.json() == {"job_id": job, "credited_seconds": 29}
    assert_error(team["anna"].post(f"/api/jobs/{job}/activity", json={"active_seconds": 301}), 422,
                 "less_than_equal", ["body", "active_seconds"])  # fmt: skip
    assert_error(team["ivan"].post(f"/api/jobs/{job}/activity", json={"active_seconds": 5}), 404, "not_found")


def test_the_project_report_sums_per_person_and_day(team: Team, database: Database) -> None:
    beat(database, team.job_ids[0], team.ids["anna"], T0, 60, edited=1)
    beat(database, team.job_ids[1], team.ids["ivan"], T0, 90)
    beat(database, team.job_ids[0], team.ids["anna"], T0 + timedelta(days=1), 30)
    url = f"/api/projects/{team.project_id}/reports/time"

    people = team["olga"].get(url).json()["rows"]
    days = team["olga"].get(url, params={"group": "day"}).json()["rows"]
    first_day = team["olga"].get(url, params={"until": "2026-11-26"}).json()["rows"]

    assert [(r["username"], r["active_seconds"], r["jobs"]) for r in people] == [
        ("anna", 90, 1),
        ("ivan", 90, 1),
    ]
    assert [(r["day"], r["active_seconds"]) for r in days] == [("2026-11-26", 150), ("2026-11-27", 30)]
    assert [(r["username"], r["active_seconds"]) for r in first_day] == [("anna", 60), ("ivan", 90)]


def test_a_report_is_exported_as_csv_and_the_export_is_audited(team: Team, database: Database) -> None:
    beat(database, team.job_ids[0], team.ids["anna"], T0, 3600, created=30, edited=10)

    answer = team["mark"].get(f"/api/projects/{team.project_id}/reports/time.csv")

    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text.splitlines() == [
        "user_id,username,active_seconds,objects_created,objects_edited,jobs,objects_per_hour",
        f"{team.ids['anna']},anna,300,30,10,1,480.0",
    ]
    audit = team["olga"].get(f"/api/projects/{team.project_id}/audit", params={"action": "export"}).json()
    assert [(e["entity_type"], e["actor_name"]) for e in audit["items"]] == [("report", "mark")]


def test_project_reports_are_for_its_managers(team: Team) -> None:
    url = f"/api/projects/{team.project_id}/reports/time"

    assert_error(team["anna"].get(url), 403, "forbidden")
    assert_error(team.users.client("otto").get(url), 404, "not_found")


def test_a_person_reads_their_own_time_and_managers_read_it_for_their_projects(
    team: Team, database: Database
) -> None:
    beat(database, team.job_ids[0], team.ids["anna"], T0, 120)
    url = f"/api/users/{team.ids['anna']}/reports/time"

    own = team["anna"].get(url).json()["rows"]
    managed = team["mark"].get(url).json()["rows"]

    assert [(r["project_name"], r["active_seconds"]) for r in own] == [("Streets", 120)]
    assert managed == own
    assert_error(team["rita"].get(url), 403, "forbidden")
    assert_error(team.users.client("otto").get(url), 404, "not_found")


def test_a_manager_does_not_see_time_spent_in_another_organisations_projects(
    team: Team, users: Users, database: Database
) -> None:
    elsewhere = make_team_elsewhere(users, team)
    beat(database, team.job_ids[0], team.ids["anna"], T0, 60)
    beat(database, elsewhere, team.ids["anna"], T0 + timedelta(hours=1), 45)

    rows = team["mark"].get(f"/api/users/{team.ids['anna']}/reports/time").json()["rows"]

    assert [(r["project_name"], r["active_seconds"]) for r in rows] == [("Streets", 60)]
    assert len(team["anna"].get(f"/api/users/{team.ids['anna']}/reports/time").json()["rows"]) == 2


def make_team_elsewhere(users: Users, team: Team) -> int:
    """A job for anna in another organisation's project; returns its id."""
    zed = users.client("zed")
    org = zed.post("/api/organizations", json={"slug": "other", "name": "Other"}).json()
    zed.post(f"/api/organizations/{org['id']}/members", json={"username": "anna", "role": "annotator"})
    project = zed.post("/api/projects", json={"name": "Secret", "organization_id": org["id"]}).json()
    task = zed.post("/api/tasks", json={"project_id": project["id"], "name": "t"}).json()
    from tests.api.media_files import jpeg

    zed.post(f"/api/tasks/{task['id']}/media", files=[("files", ("a.jpg", jpeg()))])
    job = zed.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]["id"]
    zed.patch(f"/api/jobs/{job}", json={"assignee_id": team.ids["anna"]})
    return int(job)
