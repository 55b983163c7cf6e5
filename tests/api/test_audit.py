from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.conftest import Users, assert_error
from tests.auth.team import Team, make_team


@pytest.fixture
def team(users: Users) -> Team:
    return make_team(users)


def entries(team: Team, path: str | None = None, **params: Any) -> list[dict[str, Any]]:
    url = path or f"/api/projects/{team.project_id}/audit"
    answer = team["olga"].get(url, params={"page_size": 200, **params})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_an_annotation_save_is_one_entry_counting_objects_by_kind(team: Team) -> None:
    job = team.job_ids[0]
    team.assign(job, assignee="anna")
    first, second = team.box(0), team.box(1)
    team.save("anna", job, [first, second])
    revision = team["anna"].get(f"/api/jobs/{job}/annotations").json()["revision"]
    diff = {"shapes": {"update": [{**first, "points": [2, 2, 6, 6]}], "delete": [second["id"]],
                       "create": [{**team.box(0), "kind": "points", "points": [1, 1]}]}}  # fmt: skip
    team["anna"].patch(f"/api/jobs/{job}/annotations", json=diff, headers={"If-Match": f'"{revision}"'})

    saves = entries(team, entity_type="annotations")

    assert [(e["actor_name"], e["entity_id"], e["summary"]) for e in saves] == [
        ("anna", str(job), {"revision": 2, "created": {"points": 1}, "updated": {"rectangle": 1},
                            "deleted": {"rectangle": 1}}),
        ("anna", str(job), {"revision": 1, "created": {"rectangle": 2}, "updated": {}, "deleted": {}}),
    ]  # fmt: skip


def test_replacing_the_whole_document_is_summarised_by_comparing_before_and_after(team: Team) -> None:
    job = team.job_ids[0]
    kept, dropped = team.box(0), team.box(1)
    team.save("olga", job, [kept, dropped])
    document = {"shapes": [{**kept, "points": [0, 0, 3, 3]}, team.box(1)]}

    team["olga"].put(f"/api/jobs/{job}/annotations", json=document, headers={"If-Match": '"1"'})

    assert entries(team, entity_type="annotations")[0]["summary"] == {
        "revision": 2, "created": {"rectangle": 1}, "updated": {"rectangle": 1}, "deleted": {"rectangle": 1}
    }  # fmt: skip


def test_settings_labels_and_assignments_are_audited_with_what_changed(team: Team) -> None:
    team["mark"].patch(f"/api/projects/{team.project_id}", json={"name": "Avenues"})
    label = team["mark"].post(f"/api/projects/{team.project_id}/labels", json={"name": "bus"}).json()
    team["mark"].delete(f"/api/labels/{label['id']}")
    team.assign(team.job_ids[0], assignee="anna")

    made = [(e["actor_name"], e["entity_type"], e["action"], e["summary"]) for e in entries(team)][:4]

    assert made == [
        ("olga", "job", "assign", {"assignee_id": [None, team.ids["anna"]]}),
        ("mark", "label", "delete", {"name": "bus"}),
        ("mark", "label", "create", {"name": "bus"}),
        ("mark", "project", "update", {"name": ["Streets", "Avenues"]}),
    ]


def test_the_log_is_filtered_per_person(team: Team) -> None:
    team["mark"].patch(f"/api/projects/{team.project_id}", json={"description": "night shots"})

    by_mark = entries(team, actor_id=team.ids["mark"])

    assert {e["actor_name"] for e in by_mark} == {"mark"} and len(by_mark) == 1


def test_memberships_are_in_the_organisations_log(team: Team) -> None:
    team["olga"].patch(
        f"/api/organizations/{team.organization_id}/members/{team.ids['ivan']}", json={"role": "reviewer"}
    )
    team["olga"].delete(f"/api/organizations/{team.organization_id}/members/{team.ids['ivan']}")

    log = entries(team, f"/api/organizations/{team.organization_id}/audit", entity_type="membership")

    assert [(e["action"], e["summary"]["user_id"]) for e in log[:2]] == [
        ("delete", team.ids["ivan"]),
        ("update", team.ids["ivan"]),
    ]
    assert log[1]["summary"]["role"] == ["annotator", "reviewer"]
    assert_error(team["anna"].get(f"/api/organizations/{team.organization_id}/audit"), 403, "forbidden")


def test_the_log_is_read_by_managers_and_admins_only(team: Team, admin: TestClient) -> None:
    team.assign(team.job_ids[0], assignee="anna")

    assert_error(team["anna"].get(f"/api/projects/{team.project_id}/audit"), 403, "forbidden")
    assert_error(team["ivan"].get(f"/api/projects/{team.project_id}/audit"), 404, "not_found")
    assert_error(team["olga"].get("/api/audit"), 403, "forbidden")
    assert admin.get("/api/audit", params={"project_id": team.project_id}).json()["count"] > 0


def test_entries_outlive_the_project_they_name(team: Team, admin: TestClient) -> None:
    team["olga"].delete(f"/api/tasks/{team.task_id}")
    team["olga"].delete(f"/api/projects/{team.project_id}")

    log = admin.get("/api/audit", params={"project_id": team.project_id}).json()["items"]

    assert (log[0]["entity_type"], log[0]["action"]) == ("project", "delete")


def test_no_route_changes_or_deletes_audit_entries(settings: Settings, database: Database) -> None:
    app = create_app(settings, database=database)
    audit_routes = [
        (sorted(r.methods or []), r.path)
        for r in iter_route_contexts(app.routes)
        if r.path is not None and r.path.rstrip("/").endswith("audit")
    ]

    assert len(audit_routes) == 3
    assert all(methods == ["GET"] for methods, _ in audit_routes), audit_routes


def test_writing_to_the_log_is_not_a_method_it_allows(team: Team) -> None:
    url = f"/api/projects/{team.project_id}/audit"

    for method in ("post", "put", "patch", "delete"):
        assert_error(getattr(team["olga"], method)(url), 405, "method_not_allowed")
