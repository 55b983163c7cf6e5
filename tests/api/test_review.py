from __future__ import annotations

import pytest

from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    made = make_team(users)
    made.assign(made.job_ids[0], assignee="anna", reviewer="rita")
    return made


def submitted(team: Team) -> int:
    job = team.job_ids[0]
    assert team.move("anna", job, "submit").status_code == 200
    return job


def pin(
    team: Team, job: int, frame: int = 1, region: dict[str, float] | None = None, text: str = "tail light"
) -> dict:
    region = region if region is not None else {"x": 10, "y": 12, "w": 30, "h": 20}
    answer = team["rita"].post(
        f"/api/jobs/{job}/issues", json={"frame": frame, "region": region, "comment": text}
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def open_issues(team: Team, job: int) -> int:
    return int(team["olga"].get(f"/api/jobs/{job}").json()["open_issues"])


def test_a_reviewer_pins_an_issue_to_a_box_or_a_point_of_a_frame(team: Team) -> None:
    job = submitted(team)

    box = pin(team, job)
    point = pin(team, job, frame=0, region={"x": 3.5, "y": 4}, text="missed a car")

    assert box["region"] == {"x": 10, "y": 12, "w": 30, "h": 20} and box["status"] == "open"
    assert point["region"] == {"x": 3.5, "y": 4, "w": None, "h": None}
    assert [c["body"] for c in box["comments"]] == ["tail light"]
    listed = team["anna"].get(f"/api/jobs/{job}/issues").json()
    assert [(i["frame"], i["id"]) for i in listed] == [(0, point["id"]), (1, box["id"])]


def test_an_issue_outside_the_job_or_with_half_a_box_is_refused_with_its_place(team: Team) -> None:
    job = submitted(team)
    body = {"frame": 4, "region": {"x": 1, "y": 1, "w": 3}, "comment": "x"}

    answer = team["rita"].post(f"/api/jobs/{job}/issues", json=body)

    assert_error(answer, 422, "out_of_job", ["body", "frame"])
    assert_error(answer, 422, "invalid_region", ["body", "region"])


def test_the_thread_grows_with_comments_from_the_assignee_and_the_reviewer(team: Team) -> None:
    job = submitted(team)
    issue = pin(team, job)

    team["anna"].post(f"/api/issues/{issue['id']}/comments", json={"body": "which one?"})
    answer = team["rita"].post(f"/api/issues/{issue['id']}/comments", json={"body": "the left one"})

    assert [c["body"] for c in answer.json()["comments"]] == ["tail light", "which one?", "the left one"]
    assert [c["author_id"] for c in answer.json()["comments"]] == [
        team.ids[n] for n in ("rita", "anna", "rita")
    ]
    # Named, so that the annotator (who may not list the organisation's members) sees who wrote.
    assert [c["author_name"] for c in answer.json()["comments"]] == ["rita", "anna", "rita"]
    assert answer.json()["author_name"] == "rita"


def test_rejecting_sends_the_job_back_with_its_open_issues_and_accepting_waits_for_them(team: Team) -> None:
    job = submitted(team)
    issue = pin(team, job)

    rejected = team.move("rita", job, "reject").json()["job"]
    assert (rejected["stage"], rejected["state"], rejected["open_issues"]) == ("annotation", "rejected", 1)
    assert [
        i["id"] for i in team["anna"].get(f"/api/jobs/{job}/issues", params={"status": "open"}).json()
    ] == [issue["id"]]

    team.move("anna", job, "submit")
    assert_error(team.move("rita", job, "accept"), 409, "issues_open", ["body", "action"])
    assert team["anna"].post(f"/api/issues/{issue['id']}/resolve").json()["status"] == "resolved"
    assert open_issues(team, job) == 0
    assert team.move("rita", job, "accept").json()["job"]["state"] == "completed"


def test_only_reviewers_and_managers_open_and_reopen_issues(team: Team) -> None:
    job = submitted(team)
    issue = pin(team, job)
    body = {"frame": 0, "region": {"x": 1, "y": 1}, "comment": "x"}

    assert_error(team["anna"].post(f"/api/jobs/{job}/issues", json=body), 403, "forbidden")
    team["anna"].post(f"/api/issues/{issue['id']}/resolve")
    assert_error(team["anna"].post(f"/api/issues/{issue['id']}/reopen"), 403, "forbidden")
    assert team["rita"].post(f"/api/issues/{issue['id']}/reopen").json()["status"] == "open"
    assert team["mark"].post(f"/api/jobs/{job}/issues", json=body).status_code == 201


def test_issues_are_hidden_from_people_without_the_job(team: Team) -> None:
    job = submitted(team)
    issue = pin(team, job)

    assert_error(team["ivan"].get(f"/api/issues/{issue['id']}"), 404, "not_found")
    assert_error(team["ivan"].get(f"/api/jobs/{job}/issues"), 404, "not_found")
    assert_error(
        team["ivan"].post(f"/api/issues/{issue['id']}/comments", json={"body": "hi"}), 404, "not_found"
    )


def test_job_lists_count_open_issues(team: Team) -> None:
    job = submitted(team)
    pin(team, job)
    second = pin(team, job, frame=0)
    team["rita"].post(f"/api/issues/{second['id']}/resolve")

    listed = {j["id"]: j["open_issues"] for j in team["mark"].get("/api/jobs").json()["items"]}

    assert listed == {team.job_ids[0]: 1, team.job_ids[1]: 0, team.job_ids[2]: 0}
