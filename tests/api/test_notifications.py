from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from annota.storage.db import Database
from annota.storage.team_notifications import notify_deadlines
from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    return make_team(users)


def kinds(team: Team, name: str, **params: str | bool) -> list[tuple[str, int | None]]:
    items = team[name].get("/api/notifications", params=params).json()["items"]
    return [(n["kind"], n["job_id"]) for n in items]


def test_people_are_told_when_a_job_is_assigned_to_them_and_by_whom(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")

    anna = team["anna"].get("/api/notifications").json()["items"]

    assert [(n["kind"], n["job_id"], n["payload"]) for n in anna] == [
        ("assigned", job, {"by": "olga", "role": "assignee"})
    ]
    assert kinds(team, "rita") == [("assigned", job)]
    assert kinds(team, "ivan") == []


def test_no_one_is_notified_of_their_own_action(team: Team) -> None:
    team["olga"].patch(f"/api/jobs/{team.job_ids[0]}", json={"assignee_id": team.ids["olga"]})

    assert kinds(team, "olga") == []


def test_the_review_loop_notifies_the_reviewer_then_the_assignee(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")
    team.move("anna", job, "submit")
    team["rita"].post(
        f"/api/jobs/{job}/issues", json={"frame": 0, "region": {"x": 1, "y": 1}, "comment": "no"}
    )
    team.move("rita", job, "reject")

    assert kinds(team, "rita") == [("submitted", job), ("assigned", job)]
    assert kinds(team, "anna") == [("rejected", job), ("commented", job), ("assigned", job)]


def test_a_comment_notifies_everyone_following_the_issue_but_its_author(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")
    issue = (
        team["rita"]
        .post(f"/api/jobs/{job}/issues", json={"frame": 0, "region": {"x": 1, "y": 1}, "comment": "no"})
        .json()
    )
    team["mark"].post(f"/api/issues/{issue['id']}/comments", json={"body": "agreed"})

    assert kinds(team, "anna", kind="commented") == [("commented", job), ("commented", job)]
    assert kinds(team, "rita", kind="commented") == [("commented", job)]
    assert kinds(team, "mark", kind="commented") == []


def test_notifications_are_marked_read_one_by_one_or_all_at_once(team: Team) -> None:
    for job in team.job_ids:
        team.assign(job, assignee="anna")
    first = team["anna"].get("/api/notifications").json()["items"][0]

    assert team["anna"].post(f"/api/notifications/{first['id']}/read").json()["read_at"] is not None
    assert team["anna"].get("/api/notifications/unread").json() == {"unread": 2}
    assert team["anna"].get("/api/notifications", params={"unread": True}).json()["count"] == 2
    assert team["anna"].post("/api/notifications/read-all").json() == {"updated": 2}
    assert team["anna"].get("/api/notifications/unread").json() == {"unread": 0}


def test_no_one_reads_or_marks_someone_elses_notifications(team: Team) -> None:
    team.assign(team.job_ids[0], assignee="anna")
    mine = team["anna"].get("/api/notifications").json()["items"][0]

    assert_error(team["olga"].post(f"/api/notifications/{mine['id']}/read"), 404, "not_found")
    assert team["olga"].get("/api/notifications").json()["count"] == 0


def test_deadline_reminders_go_once_to_assignees_of_jobs_due_within_a_day(
    team: Team, database: Database
) -> None:
    first, second, third = team.job_ids
    for job in team.job_ids:
        team.assign(job, assignee="anna")
    now = datetime.now(UTC)
    team["olga"].patch(f"/api/jobs/{first}", json={"deadline": (now + timedelta(hours=5)).isoformat()})
    team["olga"].patch(f"/api/jobs/{second}", json={"deadline": (now + timedelta(days=3)).isoformat()})
    team["olga"].patch(f"/api/jobs/{third}", json={"deadline": (now - timedelta(hours=1)).isoformat()})

    with database.write() as session:
        sent = notify_deadlines(session, now)
    with database.write() as session:
        again = notify_deadlines(session, now + timedelta(minutes=5))

    assert (sent, again) == (1, 0)
    assert kinds(team, "anna", kind="deadline_approaching") == [("deadline_approaching", first)]
