from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    return make_team(users)


def state(team: Team, job_id: int) -> tuple[str, str]:
    job = team["olga"].get(f"/api/jobs/{job_id}").json()
    return job["stage"], job["state"]


def test_a_job_goes_from_annotation_to_review_to_acceptance(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")

    assert team.move("anna", job, "submit").json()["job"]["stage"] == "validation"
    assert team.move("rita", job, "start_review").status_code == 200
    accepted = team.move("rita", job, "accept").json()["job"]

    assert (accepted["stage"], accepted["state"]) == ("acceptance", "completed")


def test_the_transition_table_refuses_the_wrong_person_and_the_wrong_moment(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")

    assert_error(team.move("rita", job, "submit"), 403, "forbidden")
    assert_error(team.move("anna", job, "accept"), 403, "forbidden")
    assert_error(team.move("rita", job, "accept"), 409, "transition_not_allowed", ["body", "action"])
    assert_error(team.move("ivan", job, "submit"), 404, "not_found")
    assert_error(team.move("anna", job, "fly"), 422, "literal_error", ["body", "action"])


def test_each_person_is_offered_only_the_moves_they_may_make_now(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna", reviewer="rita")

    offered = {name: [t["action"] for t in team[name].get(f"/api/jobs/{job}/transitions").json()]
               for name in ("anna", "rita", "mark")}  # fmt: skip

    assert offered == {"anna": ["start", "submit"], "rita": [], "mark": ["start", "submit"]}


def test_saving_annotations_starts_a_new_job(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna")

    assert team.save("anna", job, [team.box()]).status_code == 200

    assert state(team, job) == ("annotation", "in_progress")


def test_submit_and_open_next_gives_the_most_urgent_of_my_jobs(team: Team) -> None:
    first, _, third = team.job_ids
    for job in team.job_ids:
        team.assign(job, assignee="anna")
    team["olga"].patch(f"/api/jobs/{third}", json={"priority": 5})

    answer = team.move("anna", first, "submit", open_next=True).json()

    assert answer["job"]["stage"] == "validation"
    assert answer["next_job"]["id"] == third


def test_submit_and_open_next_claims_from_the_pool_when_nothing_is_assigned(team: Team) -> None:
    first, second, _ = team.job_ids
    team.assign(first, assignee="anna")
    team["mark"].patch(f"/api/projects/{team.project_id}/workflow", json={"self_assign": True})
    team["olga"].patch(f"/api/jobs/{second}", json={"priority": 3})

    answer = team.move("anna", first, "submit", open_next=True).json()

    assert answer["next_job"]["id"] == second
    assert answer["next_job"]["assignee_id"] == team.ids["anna"]


def test_the_self_assign_pool_is_closed_until_a_manager_opens_it(team: Team) -> None:
    claim = f"/api/projects/{team.project_id}/pool/claim"
    assert_error(team["ivan"].post(claim), 404, "not_found")
    assert team["ivan"].get(f"/api/projects/{team.project_id}").status_code == 404

    opened = team["mark"].patch(f"/api/projects/{team.project_id}/workflow", json={"self_assign": True})

    assert opened.json()["self_assign"] is True
    assert team["ivan"].get(f"/api/projects/{team.project_id}/workflow").json()["pool_available"] == 3
    claimed = [team["ivan"].post(claim).json()["id"] for _ in range(3)]
    assert claimed == team.job_ids
    assert_error(team["ivan"].post(claim), 409, "pool_empty")


def test_pool_counts_are_shown_only_to_those_who_may_claim(team: Team) -> None:
    team.assign(team.job_ids[0], assignee="anna")
    team["mark"].patch(f"/api/projects/{team.project_id}/workflow", json={"self_assign": True})
    mark = team["mark"].get(f"/api/projects/{team.project_id}/workflow").json()
    assert mark["pool_available"] == 2
    team["mark"].patch(f"/api/projects/{team.project_id}/workflow", json={"self_assign": False})
    assert team["anna"].get(f"/api/projects/{team.project_id}/workflow").json()["pool_available"] is None


def test_bulk_assignment_deals_jobs_round_robin(team: Team) -> None:
    answer = team["mark"].post(
        f"/api/projects/{team.project_id}/assignments",
        json={"users": [team.ids["anna"], team.ids["ivan"]], "strategy": "round_robin"},
    )

    assert answer.status_code == 200, answer.text
    dealt = [(a["job_id"], a["user_id"]) for a in answer.json()["assigned"]]
    first, second, third = team.job_ids
    assert dealt == [(first, team.ids["anna"]), (second, team.ids["ivan"]), (third, team.ids["anna"])]
    assert [j["assignee_id"] for j in team["mark"].get("/api/jobs").json()["items"]] == [b for _, b in dealt]


def test_bulk_assignment_by_frame_count_balances_what_people_already_hold(users: Users) -> None:
    team = make_team(users, frames=7, segment_size=3)  # jobs of 3, 3 and 1 frames
    first, second, third = team.job_ids
    team.assign(first, assignee="anna")

    answer = team["mark"].post(
        f"/api/projects/{team.project_id}/assignments",
        json={"users": [team.ids["anna"], team.ids["ivan"]], "strategy": "frame_count"},
    )

    dealt = {a["job_id"]: a["user_id"] for a in answer.json()["assigned"]}
    assert dealt == {second: team.ids["ivan"], third: team.ids["anna"]}


def test_only_people_with_a_role_on_the_project_can_be_assigned(team: Team, users: Users) -> None:
    outsider = users.create("otto")

    refused = team["olga"].patch(f"/api/jobs/{team.job_ids[0]}", json={"assignee_id": outsider})
    as_reviewer = team["olga"].patch(f"/api/jobs/{team.job_ids[0]}", json={"reviewer_id": team.ids["anna"]})
    bulk = team["olga"].post(f"/api/projects/{team.project_id}/assignments", json={"users": [outsider]})

    assert_error(refused, 422, "not_assignable", ["body", "assignee_id"])
    assert_error(as_reviewer, 422, "not_assignable", ["body", "reviewer_id"])
    assert_error(bulk, 422, "not_assignable", ["body", "users", 0])


def test_my_work_lists_what_waits_for_me_overdue_first(team: Team) -> None:
    first, second, third = team.job_ids
    for job in team.job_ids:
        team.assign(job, assignee="anna", reviewer="rita")
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    soon = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    team["olga"].patch(f"/api/jobs/{second}", json={"deadline": soon})
    team["olga"].patch(f"/api/jobs/{third}", json={"deadline": past})
    team.move("anna", first, "submit")

    anna = team["anna"].get("/api/me/work").json()
    rita = team["rita"].get("/api/me/work").json()

    assert [(w["job_id"], w["overdue"]) for w in anna] == [(third, True), (second, False)]
    assert [(w["job_id"], w["role"]) for w in rita] == [(first, "reviewer")]
    assert team["ivan"].get("/api/me/work").json() == []


def test_a_task_deadline_is_the_due_date_of_its_jobs_without_one(team: Team) -> None:
    team.assign(team.job_ids[0], assignee="anna")
    due = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    team["olga"].patch(f"/api/tasks/{team.task_id}", json={"deadline": due.isoformat()})

    work = team["anna"].get("/api/me/work").json()

    assert datetime.fromisoformat(work[0]["due"]) == due


def test_the_dashboard_shows_progress_overdue_jobs_and_each_persons_load(team: Team) -> None:
    first, second, third = team.job_ids
    team.assign(first, assignee="anna", reviewer="rita")
    team.assign(second, assignee="anna")
    team.assign(third, assignee="ivan")
    team["olga"].patch(
        f"/api/jobs/{third}", json={"deadline": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}
    )
    team.move("anna", first, "submit")

    board = team["mark"].get(f"/api/projects/{team.project_id}/dashboard").json()

    assert board["progress"] == {"annotation": {"new": 2}, "validation": {"new": 1}}
    assert [(j["job_id"], j["assignee_name"], j["reviewer_name"]) for j in board["overdue"]] == [
        (third, "ivan", None)
    ]
    jobs = {
        j["id"]: j
        for j in team["mark"].get("/api/jobs", params={"project_id": team.project_id}).json()["items"]
    }
    assert (jobs[first]["assignee_name"], jobs[first]["reviewer_name"]) == ("anna", "rita")
    assert (jobs[third]["assignee_name"], jobs[third]["reviewer_name"]) == ("ivan", None)
    load = {
        p["username"]: (p["annotating"], p["reviewing"], p["frames"], p["overdue"]) for p in board["load"]
    }
    assert load == {"anna": (1, 0, 2, 0), "rita": (0, 1, 0, 0), "ivan": (1, 0, 2, 1)}
    assert_error(team["anna"].get(f"/api/projects/{team.project_id}/dashboard"), 403, "forbidden")
    otto = team.users.client("otto")
    assert_error(otto.get(f"/api/projects/{team.project_id}/dashboard"), 404, "not_found")


def test_organisation_annotators_see_a_project_only_once_they_have_work_in_it(team: Team) -> None:
    project = f"/api/projects/{team.project_id}"
    assert_error(team["anna"].get(project), 404, "not_found")
    assert team["anna"].get("/api/projects").json()["count"] == 0

    team.assign(team.job_ids[1], assignee="anna")

    assert [p["name"] for p in team["anna"].get("/api/projects").json()["items"]] == ["Streets"]
    assert [m["frame"] for m in team["anna"].get(f"/api/tasks/{team.task_id}/media").json()["items"]] == [
        2,
        3,
    ]
    assert_error(team["anna"].patch(project, json={"name": "x"}), 403, "forbidden")
