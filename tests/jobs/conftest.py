"""Background-job tests on a migrated database (SQLite, and PostgreSQL when TEST_PG_URL is set) and a
queue (the embedded SQLite one, and Redis when TEST_REDIS_URL is set), with a user and a project."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from annota.auth import accounts
from annota.jobs.queue import JobQueue, open_queue
from annota.settings import Settings
from annota.storage import projects
from annota.storage.db import Database, create_engine_for, upgrade
from tests.services import pg_url_or_skip, url_or_skip
from tests.storage.conftest import truncate_all

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]
QUEUES = [pytest.param("embedded", id="embedded-queue"), pytest.param("redis", id="redis-queue")]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jobs-template") / "annota.db"
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_engine_url() -> Iterator[str]:
    url = pg_url_or_skip()
    engine = create_engine_for(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    upgrade(engine)
    engine.dispose()
    yield url


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if request.param == "sqlite":
        shutil.copyfile(request.getfixturevalue("sqlite_template"), data_dir / "annota.db")
        return Settings(data_dir=data_dir)
    return Settings(data_dir=data_dir, database_url=request.getfixturevalue("pg_engine_url"))


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database(create_engine_for(settings.db_url))
    try:
        yield db
    finally:
        if db.dialect == "postgresql":
            truncate_all(db)
        db.dispose()


@pytest.fixture
def owner_id(database: Database) -> int:
    with database.write() as session:
        return accounts.create_user(session, "alice", "correct horse battery").id


@pytest.fixture
def project_id(database: Database, owner_id: int) -> int:
    with database.write() as session:
        return projects.create_project(session, owner_id=owner_id, name="P").id


@pytest.fixture(params=QUEUES)
def any_queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobQueue]:
    """The embedded queue, and a Redis one (a queue name of its own per test) when Redis is there."""
    if request.param == "embedded":
        queue = open_queue(Settings(data_dir=tmp_path / "queue"))
    else:
        url = url_or_skip("TEST_REDIS_URL", "Redis")
        named = Settings(data_dir=tmp_path / "queue", extra={"queue_name": f"test-{uuid.uuid4().hex[:12]}"})
        queue = open_queue(named, url=url)
    yield queue
    queue.huey.flush()
    queue.close()


@pytest.fixture
def queue(settings: Settings) -> Iterator[JobQueue]:
    opened = open_queue(settings)
    yield opened
    opened.close()
