"""`database`: a migrated, empty database, once on SQLite (temp file) and once on PostgreSQL.

SQLite: the migrations run once per session into a template file that every test copies.
PostgreSQL (TEST_PG_URL): the `public` schema is dropped, recreated and migrated once per
session; every table is truncated after each test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from annota.storage.db import Database, create_engine_for, upgrade
from annota.storage.tables import Base
from tests.services import pg_url_or_skip

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "annota.db"
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        # Fold the WAL back into the file so that a plain copy carries the schema.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> str:
    return pg_url_or_skip()


@pytest.fixture(scope="session")
def pg_database(pg_url: str) -> Iterator[Database]:
    engine = create_engine_for(pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    upgrade(engine)
    yield Database(engine)
    engine.dispose()


def truncate_all(database: Database) -> None:
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        path = tmp_path / "annota.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        sqlite = Database(create_engine_for(f"sqlite:///{path}"))
        yield sqlite
        sqlite.dispose()
        return
    postgres: Database = request.getfixturevalue("pg_database")
    try:
        yield postgres
    finally:
        truncate_all(postgres)
