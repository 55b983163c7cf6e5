from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    return make_team(users)


def invite(team: Team, by: str = "olga", role: str = "annotator", **extra: Any) -> dict[str, Any]:
    answer = team[by].post(
        f"/api/organizations/{team.organization_id}/invitations", json={"role": role, **extra}
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_an_invitation_is_accepted_with_its_token_by_whoever_holds_it(team: Team, users: Users) -> None:
    invitation = invite(team, email="new@example.test")
    newcomer = users.client("nina")

    preview = newcomer.post("/api/invitations/preview", json={"token": invitation["token"]}).json()
    joined = newcomer.post("/api/invitations/accept", json={"token": invitation["token"]})

    assert (preview["organization_name"], preview["role"], preview["status"]) == (
        "Acme",
        "annotator",
        "pending",
    )
    assert joined.json() == {"organization_id": team.organization_id, "role": "annotator"}
    assert invitation["link"] == f"/invitations/accept#token={invitation['token']}"
    members = team["olga"].get(f"/api/organizations/{team.organization_id}/members").json()
    assert {"username": "nina", "role": "annotator"}.items() <= next(
        m for m in members if m["username"] == "nina"
    ).items()


def test_an_invitation_works_once(team: Team, users: Users) -> None:
    invitation = invite(team)
    nina = users.client("nina")
    nina.post("/api/invitations/accept", json={"token": invitation["token"]})

    again = users.client("paul").post("/api/invitations/accept", json={"token": invitation["token"]})

    assert_error(again, 409, "conflict")
    listed = team["olga"].get(f"/api/organizations/{team.organization_id}/invitations").json()
    assert [(i["status"], i["accepted_by"]) for i in listed] == [
        ("accepted", nina.get("/api/auth/me").json()["id"])
    ]


def test_a_revoked_or_unknown_token_lets_no_one_in(team: Team, users: Users) -> None:
    invitation = invite(team)
    assert (
        team["mark"]
        .delete(f"/api/organizations/{team.organization_id}/invitations/{invitation['id']}")
        .status_code
        == 204
    )
    nina = users.client("nina")

    assert_error(nina.post("/api/invitations/accept", json={"token": invitation["token"]}), 409, "conflict")
    assert_error(
        nina.post("/api/invitations/accept", json={"token": "inv_not-a-real-token"}), 404, "not_found"
    )
    assert nina.get("/api/organizations").json()["count"] == 0


def test_managers_invite_annotators_but_only_owners_invite_managers(team: Team) -> None:
    assert invite(team, by="mark", role="reviewer")["role"] == "reviewer"

    refused = team["mark"].post(
        f"/api/organizations/{team.organization_id}/invitations", json={"role": "manager"}
    )
    annotator = team["anna"].post(
        f"/api/organizations/{team.organization_id}/invitations", json={"role": "annotator"}
    )

    assert_error(refused, 403, "forbidden")
    assert_error(annotator, 403, "forbidden")
    assert invite(team, by="olga", role="manager")["role"] == "manager"


def test_invitations_are_listed_without_their_tokens(team: Team) -> None:
    invite(team)

    listed = team["olga"].get(f"/api/organizations/{team.organization_id}/invitations").json()

    assert "token" not in listed[0] and listed[0]["status"] == "pending"
    assert_error(
        team.users.client("otto").get(f"/api/organizations/{team.organization_id}/invitations"),
        404,
        "not_found",
    )


def test_a_restricted_project_is_worked_on_by_its_listed_members_only(team: Team) -> None:
    project = f"/api/projects/{team.project_id}"
    team.assign(team.job_ids[0], assignee="anna")
    listed = team["olga"].put(f"{project}/members/{team.ids['ivan']}", json={"role": "annotator"})

    assert listed.json() == {"user_id": team.ids["ivan"], "username": "ivan", "role": "annotator"}
    assert_error(team["anna"].get(f"/api/jobs/{team.job_ids[0]}"), 404, "not_found")
    assert_error(team["mark"].get(project), 404, "not_found")
    team["olga"].put(f"{project}/members/{team.ids['mark']}", json={"role": "manager"})
    assert team["mark"].get(f"{project}/members").status_code == 200
    assert team["anna"].get("/api/jobs").json()["count"] == 0


def test_a_project_role_can_differ_from_the_organisation_role(team: Team) -> None:
    project = f"/api/projects/{team.project_id}"
    team["olga"].put(f"{project}/members/{team.ids['anna']}", json={"role": "manager"})

    assert team["anna"].patch(project, json={"description": "led by anna"}).status_code == 200
    assert team["anna"].get(f"{project}/dashboard").status_code == 200


def test_only_organisation_members_join_a_project(team: Team, users: Users) -> None:
    outsider = users.create("otto")

    answer = team["olga"].put(
        f"/api/projects/{team.project_id}/members/{outsider}", json={"role": "annotator"}
    )

    assert_error(answer, 422, "not_member", ["body", "user_id"])


def test_leaving_the_organisation_takes_a_persons_jobs_away_from_them(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna")
    assert team["anna"].get(f"/api/jobs/{job}").status_code == 200

    team["olga"].delete(f"/api/organizations/{team.organization_id}/members/{team.ids['anna']}")

    assert_error(team["anna"].get(f"/api/jobs/{job}"), 404, "not_found")
    assert team["anna"].get("/api/projects").json()["count"] == 0
