"""A data directory with a migrated SQLite database and an `admin` user, as the CLI would use; and, for
tests marked ``postgres``, settings on a throwaway PostgreSQL database of the TEST_PG_URL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from annota.settings import Settings
from annota.storage import users
from annota.storage.db import Database
from tests.services import pg_url_or_skip


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    database = Database.open(settings)
    with database.write() as session:
        users.create_user(session, username="admin", password_hash="x")
    yield database
    database.dispose()


@pytest.fixture
def admin_id(database: Database) -> int:
    with database.session() as session:
        user = users.find_user_by_username(session, "admin")
        assert user is not None
        return user.id


@pytest.fixture
def pg_settings(tmp_path: Path) -> Iterator[Settings]:
    """Settings on a database of its own, created on the server of TEST_PG_URL and dropped afterwards
    (never TEST_PG_URL's database itself: other tests use it at the same time)."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(pg_url_or_skip())
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"annota_formats_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        url = base.set(database=name).render_as_string(hide_password=False)
        yield Settings(data_dir=tmp_path / "pg-data", database_url=url)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
