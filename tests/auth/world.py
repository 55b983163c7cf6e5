"""A world with every role of the permission matrix, built once through the API.

Roles, as the matrix names them (all relative to organisation "alpha"):

    admin  site admin            olga  alpha's owner, owner of project "alpha"
    mark   alpha's manager       rita  alpha's reviewer, reviews jobs J1 and J3 of "alpha"
    anna   alpha's annotator, assigned J1 and J3      ivan  alpha's annotator, no job
    otto   owner of another organisation ("bravo")    lone  a user of no organisation
    anonymous

Scopes: "same" objects are alpha's, "other" objects belong to organisation "charlie" (none of the
roles is a member), "own" objects are a personal project each role owns. Every scope has a project
whose task has 6 frames cut into jobs J1 (annotation, new), J2 (unassigned) and J3 (validation)
with an open issue, a webhook, guidelines, an uploaded asset, a queued export (a background job
of the project's owner) and an open self-assign pool project (alpha's is "alpha-pool"); alpha and
charlie also have a pending invitation.
"""

from __future__ import annotations

import io
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.engine import make_url

from annota.auth import accounts
from annota.settings import Settings
from annota.storage import cloud_storages, credentials
from annota.storage.db import Database, create_engine_for
from annota.storage.tables import MediaItem
from annota.storage.team_tables import Notification
from tests.api.conftest import Users
from tests.api.media_files import jpeg
from tests.services import url_or_skip

# A connected bucket at a port nothing listens on: routes that reach it answer 502 / 422 quickly.
UNREACHABLE_S3 = "http://127.0.0.1:9"
ROLES = ("admin", "olga", "mark", "rita", "anna", "ivan", "otto", "lone", "anonymous")
MEMBERS = {
    "mark": "manager",
    "rita": "reviewer",
    "anna": "annotator",
    "ivan": "annotator",
    "vic": "annotator",
}
Params = dict[str, Any]


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 200, 90)).save(out, "PNG")
    return out.getvalue()


@dataclass
class World:
    database: Database
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    scopes: dict[str, Params] = field(default_factory=dict)
    own: dict[str, Params] = field(default_factory=dict)
    names: dict[str, dict[int, str]] = field(default_factory=dict)  # kind -> id -> name
    notifications: dict[str, set[int]] = field(default_factory=dict)

    def params(self, scope: str, role: str) -> Params:
        """Path values and body ingredients of a scope, as seen by `role`."""
        caller = role if role != "anonymous" else "olga"
        found = dict(self.own[caller]) if scope == "own" else dict(self.scopes.get(scope, {}))
        mine = self.notifications[caller]
        found["notification_id"] = min(mine) if scope != "other" else min(self.notifications["carl"])
        found["token_id"] = self.token_ids[caller] if scope != "other" else self.token_ids["carl"]
        found.setdefault("user_id", self.ids[caller])
        found["self_id"] = self.ids[caller]
        return found

    def name_of(self, kind: str, ident: int) -> str:
        return self.names[kind].get(ident, f"{kind}#{ident}")


class _Builder:
    def __init__(self, users: Users, world: World) -> None:
        self.users = users
        self.world = world
        self.clients: dict[str, TestClient] = {}

    def client(self, name: str) -> TestClient:
        if name not in self.clients:
            self.clients[name] = self.users.client(name, admin=name == "admin")
            self.world.ids[name] = self.clients[name].get("/api/auth/me").json()["id"]
        return self.clients[name]

    def ok(self, answer: Any, status: int = 200) -> Any:
        assert answer.status_code == status, answer.text
        return answer.json() if answer.content else None

    def organization(self, owner: str, slug: str, members: dict[str, str]) -> int:
        org = self.ok(
            self.client(owner).post("/api/organizations", json={"slug": slug, "name": slug.title()}), 201
        )
        for name, role in members.items():
            self.client(name)
            body = {"username": name, "role": role}
            self.ok(self.client(owner).post(f"/api/organizations/{org['id']}/members", json=body), 201)
        self.world.names.setdefault("organization", {})[org["id"]] = slug
        return int(org["id"])

    def project(self, owner: str, name: str, org: int | None, frames: int, segment: int) -> dict[str, Any]:
        """A project with one label and one task of `frames` images; returns its ids."""
        c = self.client(owner)
        body = {"name": name, "organization_id": org, "labels": [{"name": "car"}]}
        project = self.ok(c.post("/api/projects", json=body), 201)
        task = self.ok(c.post("/api/tasks", json={"project_id": project["id"], "name": f"{name}-task",
                                                 "segment_size": segment}), 201)  # fmt: skip
        files = [("files", (f"{name}-{i}.jpg", jpeg(colour=(i, 3, 7)))) for i in range(frames)]
        self.ok(c.post(f"/api/tasks/{task['id']}/media", files=files), 201)
        jobs = [j["id"] for j in self.ok(c.get("/api/jobs", params={"task_id": task["id"]}))["items"]]
        names = self.world.names
        names.setdefault("project", {})[project["id"]] = name
        names.setdefault("task", {})[task["id"]] = f"{name}-task"
        for i, job in enumerate(jobs):
            names.setdefault("job", {})[job] = f"{name}#{i + 1}"
        label = self.ok(c.get(f"/api/projects/{project['id']}/labels"))[0]["id"]
        with self.world.database.session() as session:
            rows = session.execute(
                select(MediaItem.frame, MediaItem.id).where(MediaItem.task_id == task["id"])
            )
            media = {frame: ident for frame, ident in rows}
        return {
            "project_id": project["id"],
            "task_id": task["id"],
            "jobs": jobs,
            "label_id": label,
            "media": media,
        }

    def full_scope(self, owner: str, name: str, org: int | None, assignee: str | None, reviewer: str | None,
                   pool_project: int) -> Params:  # fmt: skip
        """The project of a scope with jobs J1 (assigned), J2 (not) and J3 (in validation, with an issue)."""
        made = self.project(owner, name, org, frames=6, segment=2)
        c = self.client(owner)
        j1, j2, j3 = made["jobs"]
        seats = {k: self.world.ids[v] for k, v in (("assignee_id", assignee), ("reviewer_id", reviewer)) if v}
        for job in (j1, j3):
            if seats:
                self.ok(c.patch(f"/api/jobs/{job}", json=seats))
        self.ok(c.post(f"/api/jobs/{j3}/transitions", json={"action": "submit"}))
        issue_by = self.client(reviewer) if reviewer else c
        issue = self.ok(issue_by.post(f"/api/jobs/{j3}/issues", json={"frame": 4, "region": {"x": 1, "y": 2},
                                                                      "comment": "check"}), 201)  # fmt: skip
        hook = self.ok(
            c.post(f"/api/projects/{made['project_id']}/webhooks", json={"url": "https://h.test/x"}), 201
        )
        self.ok(c.put(f"/api/projects/{made['project_id']}/guidelines", json={"body": f"{name} rules"}))
        for person in (assignee, reviewer):
            if person:
                self.ok(self.client(person).post(f"/api/projects/{made['project_id']}/guidelines/acknowledge",
                                                 json={"version": 1}))  # fmt: skip
        asset = self.ok(
            c.post(f"/api/projects/{made['project_id']}/assets", files={"file": ("a.png", png_bytes())}), 201
        )
        export = self.ok(c.post(f"/api/projects/{made['project_id']}/exports", json={"format": "coco"}), 202)
        with self.world.database.write() as session:  # a bucket nobody can reach: no S3 needed here
            storage = cloud_storages.create(
                session, made["project_id"], name="cams", bucket="unreachable", endpoint_url=UNREACHABLE_S3
            )
        self.world.names.setdefault("background", {})[export["id"]] = f"export-{name}"
        return {
            "export_id": export["id"],
            "project_id": made["project_id"],
            "pool_project_id": pool_project,
            "label_id": made["label_id"],
            "task_id": made["task_id"],
            "job_id": j1,
            "unassigned_job_id": j2,
            "review_job_id": j3,
            "media_id": made["media"][0],
            "other_media_id": made["media"][2],
            "issue_id": issue["id"],
            "webhook_id": hook["id"],
            "storage_id": storage.id,
            "content_hash": asset["url"].rsplit("/", 1)[1],
            "version": 1,
        }

    def open_pool(self, owner: str, project_id: int) -> None:
        self.ok(self.client(owner).patch(f"/api/projects/{project_id}/workflow", json={"self_assign": True}))

    def invitation(self, owner: str, org: int) -> dict[str, Any]:
        answer = self.client(owner).post(f"/api/organizations/{org}/invitations", json={"role": "annotator"})
        return dict(self.ok(answer, 201))


def build_world(users: Users, database: Database) -> World:
    world = World(database)
    b = _Builder(users, world)
    for name in (
        "admin",
        "olga",
        "mark",
        "rita",
        "anna",
        "ivan",
        "otto",
        "lone",
        "carl",
        "vic",
        "cvic",
        "newbie",
    ):
        b.client(name)
    alpha = b.organization("olga", "alpha", MEMBERS)
    bravo = b.organization("otto", "bravo", {})
    charlie = b.organization("carl", "charlie", {"cvic": "annotator"})
    b.project("otto", "bravo", bravo, frames=2, segment=0)
    pool = b.project("olga", "alpha-pool", alpha, frames=2, segment=0)["project_id"]
    b.open_pool("olga", pool)
    same = b.full_scope("olga", "alpha", alpha, "anna", "rita", pool)
    other = b.full_scope("carl", "charlie", charlie, "cvic", None, 0)
    other["pool_project_id"] = other["project_id"]
    b.open_pool("carl", other["project_id"])
    for scope, org, owner, victim, assignable in (
        (same, alpha, "olga", "vic", "anna"),
        (other, charlie, "carl", "cvic", "cvic"),
    ):
        invitation = b.invitation(owner, org)
        scope.update(
            organization_id=org,
            org_id=org,
            invitation_id=invitation["id"],
            invitation_token=invitation["token"],
            user_id=world.ids[victim],
            member_id=world.ids[victim],
            assignable=world.ids[assignable],
        )
    world.scopes = {"same": same, "other": other, "none": {}}
    for role in ROLES[:-1]:
        own = b.full_scope(role, f"own-{role}", None, None, None, 0)
        own["pool_project_id"] = own["project_id"]
        b.open_pool(role, own["project_id"])
        own.update(
            organization_id=None,
            org_id=None,
            member_id=world.ids[role],
            assignable=world.ids[role],
            invitation_token=same["invitation_token"],
        )
        world.own[role] = own
    with database.write() as session:
        for name, user_id in world.ids.items():
            session.add(Notification(user_id=user_id, kind="assigned", payload={"who": name}))
            _, token = accounts.create_token(session, user_id, "matrix")
            world.tokens[name] = token
        session.flush()
        for name, user_id in world.ids.items():
            world.notifications[name] = set(
                session.scalars(select(Notification.id).where(Notification.user_id == user_id))
            )
            world.token_ids[name] = max(t.id for t in credentials.list_api_tokens(session, user_id))
    return world


def world_settings(root: Path, template: Path) -> Settings:
    """Settings of a world in `root`: a copy of the migrated `template` database, a share folder
    holding shared.jpg and a built web app with one asset."""
    (root / "data").mkdir()
    (root / "share").mkdir()
    (root / "share" / "shared.jpg").write_bytes(jpeg())
    (root / "web" / "assets").mkdir(parents=True)
    (root / "web" / "index.html").write_text("<!doctype html><title>annota</title>")
    (root / "web" / "assets" / "app.js").write_text("console.log('annota')")
    shutil.copyfile(template, root / "data" / "annota.db")
    return Settings(data_dir=root / "data", share_root=root / "share", web_dist=root / "web")


def built_world(settings: Settings) -> World:
    """The world, built and committed (its `database` is closed: open your own on settings.db_url)."""
    database = Database.open(settings)
    users = Users(settings, database)
    try:
        return build_world(users, database)
    finally:
        users.close()
        database.dispose()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def on_backend(name: str, settings: Settings) -> Iterator[Settings]:
    """`settings` on SQLite, or pointed at a throwaway PostgreSQL database (TEST_PG_URL's server)."""
    if name == "sqlite":
        yield settings
        return
    url = make_url(url_or_skip("TEST_PG_URL", "PostgreSQL"))
    scratch = f"annota_teams_{uuid.uuid4().hex[:12]}"
    admin = create_engine_for(url.render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {scratch}")
    try:
        yield replace(settings, database_url=url.set(database=scratch).render_as_string(hide_password=False))
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
        admin.dispose()
