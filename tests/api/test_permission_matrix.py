"""Confidentiality, proven: every route of the app × every role × same / other organisation / own
project, against the outcome the rules promise (tests/auth/world.py describes roles and scopes).

The table below is the matrix: one row per route ("METHOD /path"), each a call (or several) with
the profile of outcomes it must give. A route without a row fails `test_every_route_has_a_row`.
Allowed callers must get a 2xx (or the `ok` a row names); the others 401 (anonymous), 404 (may not
know it exists) or 403 (sees it, may not do this). Listings must hold and count exactly what the
role may see, searches included.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, WebSocket
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.settings import Settings
from annota.storage.db import Database, create_engine_for
from tests.api.conftest import PASSWORD
from tests.api.media_files import jpeg
from tests.auth.matrix import ALL, Call, Listing, Profile, SavepointDatabase, check, stale, unmatched
from tests.auth.world import (
    BACKENDS,
    ROLES,
    UNREACHABLE_S3,
    World,
    built_world,
    on_backend,
    png_bytes,
    world_settings,
)

# Outcomes, one per role:    admin olga mark rita anna ivan otto lone anonymous
PUBLIC = Profile("ok  ok  ok  ok  ok  ok  ok  ok  ok", scopes=("none",))
USER = Profile("ok  ok  ok  ok  ok  ok  ok  ok  401", scopes=("none",))
ADMIN = Profile("ok  403 403 403 403 403 403 403 401", scopes=("none",))
VIEW = Profile("ok  ok  ok  ok  ok  404 404 404 401")  # project, task, job J1 and frames of J1: its workers
MANAGE = Profile("ok  ok  ok  403 403 404 404 404 401")
REVIEW = Profile("ok  ok  ok  ok  403 404 404 404 401")
SUBMIT = Profile("ok  ok  ok  403 ok  404 404 404 401")
NOT_MINE = Profile("ok  ok  ok  404 404 404 404 404 401")  # frames outside the workers' jobs
POOL = Profile("ok  ok  ok  ok  ok  ok  404 404 401")  # alpha-pool: open to alpha's reviewers and annotators
PERSONAL = Profile("ok  ok  ok  403 403 404 404 404 401", own="422 422 422 422 422 422 422 422 401")
ORG_MEMBER = Profile("ok  ok  ok  ok  ok  ok  404 404 401", scopes=("same", "other"))
ORG_MANAGE = Profile("ok  ok  ok  403 403 403 404 404 401", scopes=("same", "other"))
ORG_OWNER = Profile("ok  ok  403 403 403 403 404 404 401", scopes=("same", "other"))
CREATE_PROJECT = Profile("ok  ok  ok  403 403 403 404 404 401")  # own scope: a personal project
EXAM_TAKER = Profile("ok  ok  ok  ok  ok  ok  404 404 401")  # whoever may be assigned in the project
PERSON_REPORT = Profile("ok  ok  ok  403 403 403 404 404 401")  # about vic, an annotator of alpha
ANOTHER_USER = Profile("ok  403 403 403 403 403 403 403 401", other="ok  403 403 403 403 403 403 403 401")
OWN_ONLY = Profile("", other="404 404 404 404 404 404 404 404 401", scopes=("own", "other"))
TOKEN_HOLDER = Profile("ok  ok  ok  ok  ok  ok  ok  ok  401", other="ok  ok  ok  ok  ok  ok  ok  ok  401",
                       scopes=("same", "other"))  # fmt: skip
JOIN = Profile("ok  409 409 409 409 409 ok  ok  401", other="ok  ok  ok  ok  ok  ok  ok  ok  401",
               scopes=("same", "other"))  # fmt: skip

ALPHA_ROLES = ("olga", "mark", "rita", "anna", "ivan")
OWN = {role: f"own-{role}" for role in ROLES[:-1]}


def see(per_role: dict[str, set[str]], own: str = "") -> dict[str, frozenset[str]]:
    """Expected names per role: what is listed, plus each role's own `own-<role><own>` item."""
    return {
        r: ALL if r == "admin" else frozenset(per_role.get(r, set()) | {OWN[r] + own}) for r in ROLES[:-1]
    }


PROJECTS = Listing(
    "project",
    see({"olga": {"alpha", "alpha-pool"}, "mark": {"alpha", "alpha-pool"}, "rita": {"alpha", "alpha-pool"},
         "anna": {"alpha", "alpha-pool"}, "ivan": {"alpha-pool"}, "otto": {"bravo"}}),
    search=("charlie", {r: ALL if r == "admin" else frozenset() for r in ROLES[:-1]}),
    fields={"ivan": {"alpha-pool": {"task_count": 0}}, "olga": {"alpha-pool": {"task_count": 1}}},
)  # fmt: skip
TASKS = Listing(
    "task",
    see({"olga": {"alpha-task", "alpha-pool-task"}, "mark": {"alpha-task", "alpha-pool-task"},
         "rita": {"alpha-task"}, "anna": {"alpha-task"}, "otto": {"bravo-task"}}, own="-task"),
    search=("charlie", {r: ALL if r == "admin" else frozenset() for r in ROLES[:-1]}),
    fields={"anna": {"alpha-task": {"media_count": 4, "job_count": 2}}},
)  # fmt: skip
ALPHA_JOBS = {"alpha#1", "alpha#2", "alpha#3", "alpha-pool#1"}
JOBS = Listing(
    "job",
    {r: ALL if r == "admin" else frozenset({f"{OWN[r]}#1", f"{OWN[r]}#2", f"{OWN[r]}#3"}
     | (ALPHA_JOBS if r in ("olga", "mark") else {"alpha#1", "alpha#3"} if r in ("rita", "anna") else set())
     | ({"bravo#1"} if r == "otto" else set())) for r in ROLES[:-1]},
)  # fmt: skip
MEDIA = Listing(
    "media",
    {r: frozenset({f"alpha-{i}.jpg" for i in ((0, 1, 4, 5) if r in ("rita", "anna") else range(6))})
     for r in ("admin", "olga", "mark", "rita", "anna")},
    search=("alpha-2", {r: frozenset() if r in ("rita", "anna") else frozenset({"alpha-2.jpg"})
                        for r in ("admin", "olga", "mark", "rita", "anna")}),
)  # fmt: skip
ORGANIZATIONS = Listing(
    "organization",
    {**{r: frozenset({"alpha"}) for r in ALPHA_ROLES}, "admin": ALL, "otto": frozenset({"bravo"}),
     "lone": frozenset()},
    search=("charlie", {r: ALL if r == "admin" else frozenset() for r in ROLES[:-1]}),
)  # fmt: skip
WORK = Listing(
    "work", {r: frozenset({"anna": {"alpha#1"}, "rita": {"alpha#3"}}.get(r, set())) for r in ROLES[:-1]}
)
NOTIFICATIONS = Listing("notification", {})  # each role's own, as stored
BACKGROUND = Listing(  # one's own background jobs and those of the projects one manages
    "background",
    {**{r: frozenset({f"export-{OWN[r]}"}) for r in ROLES[1:-1]}, "admin": ALL,
     "olga": frozenset({"export-alpha", "export-own-olga"}),
     "mark": frozenset({"export-alpha", "export-own-mark"})},
)  # fmt: skip

P = dict[str, Any]


def box(p: P) -> dict[str, Any]:
    """A rectangle on frame 0 with the scope's label."""
    return {
        "id": str(uuid.uuid4()),
        "label_id": p["label_id"],
        "kind": "rectangle",
        "frame": 0,
        "points": [1, 1, 4, 4],
    }


def diff(p: P) -> dict[str, Any]:
    return {"shapes": {"create": [box(p)]}}


def files(_: P) -> list[Any]:
    return [("files", ("added.jpg", jpeg(colour=(99, 1, 1))))]


REV = {"If-Match": '"0"'}  # the revision of J1 in every scope
ALL_ITEMS = {"page_size": 1000}
ROLE_ANNOTATOR = {"role": "annotator"}
ROLE_REVIEWER = {"role": "reviewer"}
MEMBER = {"user_id": "member_id"}
NOT_LISTED = (404, ["path", "project member"])  # vic is not on the project's list: allowed callers reach that
POINT = {"x": 1, "y": 1}
EXPORT = {"job_id": "export_id"}  # a queued export of the scope's project by its owner (no file yet: 409)
TRACK_UNKNOWN = {
    "shape_id": "no-such-shape",
    "frames": 2,
    "tracker": "kcf",
}  # allowed callers reach the check
NO_REFERENCE = (422, ["body", "reference_job_id"])  # J1 has no ground truth: allowed callers are told so
NOT_AN_EXAM = (409, ["path", "project_id"])  # the scope's project is no exam: allowed callers are told so
TASK_COUNTS = {"anna": {"media_count": 4, "job_count": 2}, "olga": {"media_count": 6, "job_count": 3}}
VIDEO = (404, ["path", "video"])  # an image task has no video: allowed callers reach that answer

MATRIX: dict[str, Call | tuple[Call, ...]] = {
    # server, docs and the web app
    "GET /api/openapi.json": Call(PUBLIC),
    "GET /api/docs": Call(PUBLIC),
    "GET /docs/oauth2-redirect": Call(PUBLIC),
    "GET /{path:path}": Call(PUBLIC, use={"path": "spa_page"}),
    "MOUNT /assets": Call(PUBLIC, use={"path": "spa_asset"}),
    "GET /api/server/about": Call(PUBLIC),
    "GET /api/server/health": Call(PUBLIC),
    "GET /api/server/ready": Call(PUBLIC),
    "GET /metrics": Call(PUBLIC),
    # auth, users, tokens
    "POST /api/auth/login": Call(PUBLIC, body={"username": "lone", "password": PASSWORD}),
    "POST /api/auth/logout": Call(USER),
    "GET /api/auth/me": Call(USER),
    "GET /api/users": Call(ADMIN),
    "POST /api/users": Call(ADMIN, body={"username": "fresh", "password": "long enough pw"}),
    "GET /api/users/me": Call(USER),
    "PATCH /api/users/me": Call(USER, body={"locale": "fr"}),
    "GET /api/users/me/preferences": Call(USER),
    "PUT /api/users/me/preferences": Call(USER, body={"zoom": 2}),
    "GET /api/users/{user_id}": Call(ANOTHER_USER),
    "PATCH /api/users/{user_id}": Call(ANOTHER_USER, body={"locale": "fr"}),
    "GET /api/tokens": Call(USER),
    "POST /api/tokens": Call(USER, body={"name": "ci"}),
    "DELETE /api/tokens/{token_id}": Call(OWN_ONLY),
    # organisations, members, invitations
    "GET /api/organizations": Call(USER, query=ALL_ITEMS, listing=ORGANIZATIONS),
    "POST /api/organizations": Call(USER, body={"slug": "delta", "name": "Delta"}),
    "GET /api/organizations/{organization_id}": Call(ORG_MEMBER),
    "PATCH /api/organizations/{organization_id}": Call(ORG_OWNER, body={"name": "Renamed"}),
    "DELETE /api/organizations/{organization_id}": Call(ORG_OWNER, ok=409),  # it still has projects
    "GET /api/organizations/{organization_id}/members": Call(ORG_MEMBER),
    "POST /api/organizations/{organization_id}/members": Call(
        ORG_MANAGE, body=lambda p: {"username": "newbie", "role": "annotator"}
    ),
    "PATCH /api/organizations/{organization_id}/members/{user_id}": Call(ORG_OWNER, body=ROLE_REVIEWER),
    "DELETE /api/organizations/{organization_id}/members/{user_id}": Call(ORG_MANAGE),
    "POST /api/organizations/{organization_id}/invitations": Call(ORG_MANAGE, body=ROLE_ANNOTATOR),
    "GET /api/organizations/{organization_id}/invitations": Call(ORG_MANAGE),
    "DELETE /api/organizations/{organization_id}/invitations/{invitation_id}": Call(ORG_MANAGE),
    "POST /api/invitations/preview": Call(TOKEN_HOLDER, body=lambda p: {"token": p["invitation_token"]}),
    "POST /api/invitations/accept": Call(JOIN, body=lambda p: {"token": p["invitation_token"]}),
    "GET /api/organizations/{organization_id}/audit": Call(ORG_MANAGE),
    "GET /api/audit": Call(ADMIN),
    # projects, labels, assets, members, workflow
    "GET /api/projects": Call(USER, query=ALL_ITEMS, listing=PROJECTS),
    "POST /api/projects": Call(CREATE_PROJECT, body=lambda p: {"name": "n", "organization_id": p["org_id"]}),
    "GET /api/projects/{project_id}": Call(VIEW),
    "PATCH /api/projects/{project_id}": Call(MANAGE, body={"description": "changed"}),
    "DELETE /api/projects/{project_id}": Call(MANAGE),
    "GET /api/projects/{project_id}/labels": Call(VIEW),
    "POST /api/projects/{project_id}/labels": Call(MANAGE, body={"name": "bus"}),
    "PATCH /api/labels/{label_id}": Call(MANAGE, body={"name": "truck"}),
    "DELETE /api/labels/{label_id}": Call(MANAGE),
    "POST /api/projects/{project_id}/assets": Call(MANAGE, files={"file": ("b.png", png_bytes())}),
    "GET /api/projects/{project_id}/assets/{content_hash}": Call(VIEW),
    "GET /api/projects/{project_id}/members": Call(MANAGE),
    "PUT /api/projects/{project_id}/members/{user_id}": Call(PERSONAL, use=MEMBER, body=ROLE_ANNOTATOR),
    "DELETE /api/projects/{project_id}/members/{user_id}": Call(MANAGE, use=MEMBER, ok=NOT_LISTED),
    "GET /api/projects/{project_id}/workflow": Call(VIEW),
    "PATCH /api/projects/{project_id}/workflow": Call(MANAGE, body={"self_assign": True}),
    "POST /api/projects/{project_id}/pool/claim": Call(POOL, use={"project_id": "pool_project_id"}),
    "POST /api/projects/{project_id}/assignments": Call(MANAGE, body=lambda p: {"users": [p["assignable"]]}),
    "GET /api/projects/{project_id}/guidelines": Call(VIEW),
    "PUT /api/projects/{project_id}/guidelines": Call(MANAGE, body={"body": "new rules"}),
    "GET /api/projects/{project_id}/guidelines/versions": Call(VIEW),
    "GET /api/projects/{project_id}/guidelines/versions/{version}": Call(VIEW),
    "POST /api/projects/{project_id}/guidelines/acknowledge": Call(VIEW, body={"version": 1}),
    "GET /api/projects/{project_id}/webhooks": Call(MANAGE),
    "POST /api/projects/{project_id}/webhooks": Call(MANAGE, body={"url": "https://h.test/y"}),
    "PATCH /api/webhooks/{webhook_id}": Call(MANAGE, body={"active": False}),
    "DELETE /api/webhooks/{webhook_id}": Call(MANAGE),
    "GET /api/webhooks/{webhook_id}/deliveries": Call(MANAGE),
    "POST /api/webhooks/{webhook_id}/ping": Call(MANAGE),
    # connected cloud storage (the world's bucket is unreachable: allowed callers reach that answer)
    "GET /api/projects/{project_id}/cloud-storages": Call(MANAGE),
    "POST /api/projects/{project_id}/cloud-storages": Call(
        MANAGE, body={"name": "more", "bucket": "unreachable", "endpoint_url": UNREACHABLE_S3},
        ok=(422, ["body", "bucket"]),
    ),
    "GET /api/cloud-storages/{storage_id}/objects": Call(MANAGE, ok=(502, [])),
    "DELETE /api/cloud-storages/{storage_id}": Call(MANAGE),
    "POST /api/tasks/{task_id}/media/cloud": Call(
        MANAGE, body=lambda p: {"storage_id": p["storage_id"], "prefix": ""}, ok=(422, ["body", "prefix"])
    ),
    "GET /api/projects/{project_id}/dashboard": Call(MANAGE),
    "GET /api/projects/{project_id}/audit": Call(MANAGE),
    "GET /api/projects/{project_id}/reports/time": Call(MANAGE),
    "GET /api/projects/{project_id}/reports/time.csv": Call(MANAGE),  # an export
    "GET /api/users/{user_id}/reports/time": Call(PERSON_REPORT),
    "GET /api/users/{user_id}/reports/time.csv": Call(PERSON_REPORT),
    # tasks, media, frames
    "GET /api/tasks": Call(USER, query=ALL_ITEMS, listing=TASKS),
    "POST /api/tasks": Call(MANAGE, body=lambda p: {"project_id": p["project_id"], "name": "more"}),
    "GET /api/tasks/{task_id}": Call(VIEW, fields=TASK_COUNTS),
    "PATCH /api/tasks/{task_id}": Call(MANAGE, body={"name": "renamed"}),
    "DELETE /api/tasks/{task_id}": Call(MANAGE),
    "POST /api/tasks/{task_id}/media": Call(MANAGE, files=files),
    "POST /api/tasks/{task_id}/media/share": Call(MANAGE, body={"paths": ["shared.jpg"]}),
    "GET /api/tasks/{task_id}/media": Call(VIEW, query=ALL_ITEMS, listing=MEDIA),
    "GET /api/media/{media_id}/original": (Call(VIEW), Call(NOT_MINE, use={"media_id": "other_media_id"})),
    "GET /api/media/{media_id}/display": (Call(VIEW), Call(NOT_MINE, use={"media_id": "other_media_id"})),
    "GET /api/media/{media_id}/thumbnail": (Call(VIEW), Call(NOT_MINE, use={"media_id": "other_media_id"})),
    "GET /api/tasks/{task_id}/video": Call(VIEW, ok=VIDEO),
    "GET /api/tasks/{task_id}/video/timestamps": Call(VIEW, ok=VIDEO),
    "GET /api/tasks/{task_id}/frames/{frame}": (
        Call(VIEW, use={"frame": "frame_in_j1"}),
        Call(NOT_MINE, use={"frame": "frame_in_j2"}),
    ),
    "GET /api/tasks/{task_id}/chunks/{number}": Call(NOT_MINE, use={"number": "first_chunk"}),
    # jobs, annotations, workflow, review, time
    "GET /api/jobs": Call(USER, query=ALL_ITEMS, listing=JOBS),
    "GET /api/jobs/{job_id}": Call(VIEW),
    "PATCH /api/jobs/{job_id}": Call(MANAGE, body={"priority": 2}),
    "GET /api/jobs/{job_id}/annotations": Call(VIEW),
    "PATCH /api/jobs/{job_id}/annotations": Call(VIEW, body=diff, headers=REV),
    "PUT /api/jobs/{job_id}/annotations": Call(VIEW, body=lambda p: {"shapes": [box(p)]}, headers=REV),
    "GET /api/jobs/{job_id}/transitions": Call(VIEW),
    "POST /api/jobs/{job_id}/transitions": (
        Call(SUBMIT, body={"action": "submit"}),
        Call(REVIEW, use={"job_id": "review_job_id"}, body={"action": "start_review"}),
    ),
    "GET /api/me/work": Call(USER, listing=WORK),
    "POST /api/jobs/{job_id}/activity": Call(VIEW, body={"active_seconds": 20, "objects_created": 1}),
    "GET /api/jobs/{job_id}/issues": Call(VIEW),
    "POST /api/jobs/{job_id}/issues": Call(REVIEW, body={"frame": 0, "region": POINT, "comment": "x"}),
    "GET /api/issues/{issue_id}": Call(VIEW),
    "POST /api/issues/{issue_id}/comments": Call(VIEW, body={"body": "fixed"}),
    "POST /api/issues/{issue_id}/resolve": Call(VIEW),
    "POST /api/issues/{issue_id}/reopen": Call(REVIEW),
    # background work: imports, exports, tracking; quality
    "POST /api/projects/{project_id}/imports": Call(MANAGE, files={"file": ("set.json", b"{}")}),
    "POST /api/projects/{project_id}/exports": Call(MANAGE, body={"format": "coco"}),
    "GET /api/formats": Call(USER),
    "GET /api/background-jobs": Call(USER, query=ALL_ITEMS, listing=BACKGROUND),
    "GET /api/background-jobs/{job_id}": Call(NOT_MINE, use=EXPORT),
    "POST /api/background-jobs/{job_id}/cancel": Call(NOT_MINE, use=EXPORT),
    "GET /api/background-jobs/{job_id}/download": Call(NOT_MINE, use=EXPORT, ok=(409, ["path", "job_id"])),
    "POST /api/jobs/{job_id}/tracking": Call(VIEW, body=TRACK_UNKNOWN, ok=(422, ["body", "shape_id"])),
    "GET /api/jobs/{job_id}/tracks/{track_id}": Call(VIEW, ok=(404, ["path", "track_id"])),  # no such track
    "POST /api/quality/reports": Call(VIEW, body=lambda p: {"job_id": p["job_id"]}, ok=NO_REFERENCE),
    "GET /api/projects/{project_id}/quality": Call(VIEW),
    "GET /api/projects/{project_id}/quality/annotators": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/tasks": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/review": Call(MANAGE),
    "GET /api/projects/{project_id}/quality.csv": Call(MANAGE, query={"by": "annotator"}),
    "GET /api/projects/{project_id}/quality/settings": Call(MANAGE),
    "PATCH /api/projects/{project_id}/quality/settings": Call(MANAGE, body={"review_threshold": 0.5}),
    "POST /api/tasks/{task_id}/ground-truth": Call(MANAGE, body={"frames": [0, 3]}),
    "GET /api/tasks/{task_id}/ground-truth": Call(MANAGE),
    "POST /api/jobs/{job_id}/consensus": Call(MANAGE, body={"replicas": 2}),
    "GET /api/jobs/{job_id}/consensus": Call(MANAGE),
    "POST /api/jobs/{job_id}/consensus/merge": Call(MANAGE, ok=(409, ["path", "job_id"])),  # no replicas yet
    "GET /api/projects/{project_id}/exam": Call(EXAM_TAKER, ok=NOT_AN_EXAM),
    "POST /api/projects/{project_id}/exam/attempts": Call(EXAM_TAKER, ok=NOT_AN_EXAM),
    "POST /api/projects/{project_id}/exam/submit": Call(EXAM_TAKER, ok=NOT_AN_EXAM),
    "GET /api/projects/{project_id}/exam/attempts": Call(MANAGE),
    "GET /api/users/{user_id}/certificates": Call(PERSON_REPORT),
    "GET /api/projects/{project_id}/quality/trends/accuracy": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/trends/throughput": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/trends/rework": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/trends/conflicts": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/trends/agreement": Call(MANAGE),
    "GET /api/projects/{project_id}/quality/trends.csv": Call(MANAGE, query={"figure": "rework"}),
    # notifications
    "GET /api/notifications": Call(USER, query=ALL_ITEMS, listing=NOTIFICATIONS),
    "GET /api/notifications/unread": Call(USER),
    "POST /api/notifications/read-all": Call(USER),
    "POST /api/notifications/{notification_id}/read": Call(OWN_ONLY),
}  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def world_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, migrated_database_file: Path
) -> Iterator[tuple[FastAPI, World, SavepointDatabase]]:
    """The world, built once per backend; each request runs in a transaction rolled back after it."""
    settings = world_settings(tmp_path_factory.mktemp("matrix"), migrated_database_file)
    with on_backend(request.param, settings) as backed:
        world = built_world(backed)
        for params in [*world.scopes.values(), *world.own.values()]:
            params.update(
                spa_page="projects", spa_asset="app.js", frame_in_j1=0, frame_in_j2=2, first_chunk=0
            )
            params.update(track_id="no-such-track")  # GET /api/jobs/{job_id}/tracks/{track_id}
        frozen = SavepointDatabase(create_engine_for(backed.db_url))
        world.database = frozen
        yield create_app(backed, database=frozen), world, frozen
        frozen.dispose()


def test_every_route_has_a_row(world_app: tuple[FastAPI, World, SavepointDatabase]) -> None:
    assert unmatched(world_app[0], MATRIX) == [], "add a row to MATRIX for each of these routes"


def test_every_row_names_a_route_of_the_app(world_app: tuple[FastAPI, World, SavepointDatabase]) -> None:
    assert stale(world_app[0], MATRIX) == []


def test_a_route_added_without_a_row_is_reported_by_the_collector(
    settings: Settings, database: Database
) -> None:
    app = create_app(settings, database=database)

    @app.get("/api/dummy/{thing_id}")
    def dummy(thing_id: int) -> dict[str, int]:
        return {"thing": thing_id}

    @app.websocket("/api/live")
    async def live(socket: WebSocket) -> None:
        await socket.close()

    assert unmatched(app, MATRIX) == ["GET /api/dummy/{thing_id}", "WS /api/live"]


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_route(route: str, world_app: tuple[FastAPI, World, SavepointDatabase]) -> None:
    app, world, frozen = world_app
    row = MATRIX[route]
    calls = row if isinstance(row, tuple) else (row,)
    problems: list[str] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        for call in calls:
            for scope in call.profile.scopes:
                for role, expected in call.profile.expected(scope).items():
                    problems.extend(check(client, frozen, world, route, call, scope, role, expected))
    assert not problems, "\n".join(problems)
