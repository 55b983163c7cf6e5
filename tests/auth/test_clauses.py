"""The listing clauses and the single-object decisions are the same rules: over a world of every
role, what a listing shows is exactly what a read allows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from annota.auth import policy
from annota.auth.errors import Hidden
from annota.auth.principal import Principal
from annota.storage.db import Database
from annota.storage.tables import Job, MediaItem, Project, Task, User
from tests.auth.world import World, built_world, on_backend, world_settings


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, migrated_database_file: Path
) -> Iterator[tuple[World, Database]]:
    """The world on SQLite, and on a throwaway PostgreSQL database when TEST_PG_URL is set."""
    settings = world_settings(tmp_path_factory.mktemp("clauses"), migrated_database_file)
    with on_backend(request.param, settings) as backed:
        built = built_world(backed)
        database = Database.open(backed, migrate=False)
        yield built, database
        database.dispose()


def principals(session: Session) -> list[Principal]:
    return [Principal(u.id, u.username, u.is_admin) for u in session.scalars(select(User).order_by(User.id))]


def readable_by(session: Session, principal: Principal, require: Callable[..., Any], ident: int) -> bool:
    try:
        require(session, principal, ident, policy.Access.VIEW)
    except Hidden:
        return False
    return True


CASES: dict[str, tuple[type[Any], Callable[[Principal], ColumnElement[bool]], Callable[..., Any]]] = {
    "project": (Project, policy.visible_projects, policy.require_project),
    "task": (Task, policy.visible_tasks, policy.require_task),
    "job": (Job, policy.visible_jobs, policy.require_job),
    "media": (MediaItem, policy.visible_media, lambda s, p, i, _: policy.require_media(s, p, i)),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_listing_shows_exactly_what_a_read_allows(kind: str, world: tuple[World, Database]) -> None:
    model, clause, require = CASES[kind]
    disagreements = []
    with world[1].session() as session:
        everything = list(session.scalars(select(model.id)))
        for principal in principals(session):
            listed = set(session.scalars(select(model.id).where(clause(principal))))
            readable = {i for i in everything if readable_by(session, principal, require, i)}
            if listed != readable:
                disagreements.append((principal.username, sorted(listed ^ readable)))
    assert len(everything) > 10
    assert disagreements == []


def test_the_world_hides_something_from_everyone_but_admins(world: tuple[World, Database]) -> None:
    with world[1].session() as session:
        total = len(list(session.scalars(select(Project.id))))
        seen = {p.username: len(list(session.scalars(select(Project.id).where(policy.visible_projects(p)))))
                for p in principals(session)}  # fmt: skip
    assert seen["admin"] == total
    assert all(count < total for name, count in seen.items() if name != "admin")
