from __future__ import annotations

import pytest

from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    made = make_team(users)
    made.assign(made.job_ids[0], assignee="anna", reviewer="rita")
    return made


def publish(team: Team, body: str) -> dict[str, object]:
    answer = team["mark"].put(f"/api/projects/{team.project_id}/guidelines", json={"body": body})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_project_without_guidelines_asks_nothing_of_anyone(team: Team) -> None:
    current = team["anna"].get(f"/api/projects/{team.project_id}/guidelines").json()

    assert (current["version"], current["body"], current["must_acknowledge"]) == (None, "", False)
    assert team.save("anna", team.job_ids[0], [team.box()]).status_code == 200


def test_each_edit_is_a_new_version_and_the_history_is_kept(team: Team) -> None:
    publish(team, "# Cars\nBox every car.")
    publish(team, "# Cars\nBox every car, parked ones too.")
    publish(team, "# Cars\nBox every car, parked ones too.")  # unchanged: no new version

    history = team["anna"].get(f"/api/projects/{team.project_id}/guidelines/versions").json()
    first = team["anna"].get(f"/api/projects/{team.project_id}/guidelines/versions/1").json()

    assert [(v["version"], v["author_id"]) for v in history] == [(2, team.ids["mark"]), (1, team.ids["mark"])]
    assert first["body"] == "# Cars\nBox every car."
    assert_error(team["anna"].get(f"/api/projects/{team.project_id}/guidelines/versions/9"), 404, "not_found")


def test_editing_the_projects_guidelines_field_also_makes_a_version(team: Team) -> None:
    team["mark"].patch(f"/api/projects/{team.project_id}", json={"guidelines": "Use tight boxes."})

    current = team["anna"].get(f"/api/projects/{team.project_id}/guidelines").json()

    assert (current["version"], current["body"]) == (1, "Use tight boxes.")


def test_an_annotator_must_acknowledge_the_current_version_before_saving(team: Team) -> None:
    publish(team, "Box every car.")
    job = team.job_ids[0]

    refused = team.save("anna", job, [team.box()])
    assert_error(refused, 409, "guidelines_not_acknowledged", ["path", "job_id"])
    assert team["anna"].get(f"/api/projects/{team.project_id}/guidelines").json()["must_acknowledge"] is True
    acknowledged = team["anna"].post(
        f"/api/projects/{team.project_id}/guidelines/acknowledge", json={"version": 1}
    )
    assert acknowledged.json()["version"] == 1

    assert team.save("anna", job, [team.box()]).status_code == 200


def test_a_new_version_must_be_acknowledged_again(team: Team) -> None:
    publish(team, "v1")
    team["anna"].post(f"/api/projects/{team.project_id}/guidelines/acknowledge", json={"version": 1})
    publish(team, "v2")

    stale = team["anna"].post(f"/api/projects/{team.project_id}/guidelines/acknowledge", json={"version": 1})

    assert_error(stale, 409, "stale_guidelines_version", ["body", "version"])
    assert_error(team.save("anna", team.job_ids[0], [team.box()]), 409, "guidelines_not_acknowledged")


def test_managers_who_write_the_guidelines_are_not_asked_to_acknowledge_them(team: Team) -> None:
    publish(team, "Box every car.")

    assert team["mark"].get(f"/api/projects/{team.project_id}/guidelines").json()["must_acknowledge"] is False
    assert team.save("mark", team.job_ids[0], [team.box()]).status_code == 200


def test_only_managers_publish_guidelines(team: Team) -> None:
    refused = team["anna"].put(f"/api/projects/{team.project_id}/guidelines", json={"body": "mine"})

    assert_error(refused, 403, "forbidden")
    assert_error(team["ivan"].get(f"/api/projects/{team.project_id}/guidelines"), 404, "not_found")
