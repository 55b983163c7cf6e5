from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from annota.settings import Settings
from annota.storage.db import Database, create_engine_for
from annota.storage.errors import UnsupportedDatabase
from annota.storage.tables import Organization
from tests.storage.threads import run_together


def pragma(database: Database, name: str) -> object:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_busy_timeout_and_normal_sync(tmp_path: Path) -> None:
    database = Database(create_engine_for(f"sqlite:///{tmp_path / 'a.db'}"))

    assert pragma(database, "journal_mode") == "wal"
    assert pragma(database, "foreign_keys") == 1
    assert pragma(database, "busy_timeout") == 30_000
    assert pragma(database, "synchronous") == 1  # NORMAL
    database.dispose()


def test_a_postgresql_url_is_always_driven_by_psycopg_3() -> None:
    engine = create_engine_for("postgresql://someone@db.invalid/annota")

    assert engine.dialect.driver == "psycopg"


def test_an_unsupported_database_url_is_refused_with_the_url_named() -> None:
    with pytest.raises(UnsupportedDatabase, match="mysql://"):
        create_engine_for("mysql://root@localhost/annota")


def test_open_creates_the_data_folder_and_migrates_the_embedded_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "nested" / "data")

    database = Database.open(settings)

    assert (tmp_path / "nested" / "data" / "annota.db").is_file()
    with database.session() as session:
        assert session.scalars(select(Organization)).all() == []
    database.dispose()


def test_a_session_commits_when_its_block_succeeds(database: Database) -> None:
    with database.write() as session:
        session.add(Organization(slug="acme", name="Acme"))

    with database.session() as session:
        assert session.scalars(select(Organization.slug)).all() == ["acme"]


def test_a_session_rolls_back_when_its_block_raises(database: Database) -> None:
    with pytest.raises(RuntimeError), database.write() as session:
        session.add(Organization(slug="acme", name="Acme"))
        session.flush()
        raise RuntimeError("boom")

    with database.session() as session:
        assert session.scalars(select(Organization)).all() == []


def test_timestamps_come_back_timezone_aware_in_utc(database: Database) -> None:
    paris = timezone(timedelta(hours=1))
    with database.write() as session:
        session.add(
            Organization(slug="acme", name="Acme", created_at=datetime(2026, 1, 2, 13, 0, tzinfo=paris))
        )

    with database.session() as session:
        created = session.scalars(select(Organization.created_at)).one()

    assert created == datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    assert created.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused(database: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), database.write() as session:
        session.add(Organization(slug="acme", name="Acme", created_at=datetime(2026, 1, 2, 13, 0)))
        session.flush()


def test_concurrent_sqlite_writers_wait_for_each_other_instead_of_failing(tmp_path: Path) -> None:
    database = Database.open(Settings(data_dir=tmp_path))
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer(n: int) -> None:
        try:
            start.wait()
            with database.write() as session:
                # Read, then write after a pause: a deferred transaction would fail here with
                # "database is locked" when another writer committed in between.
                count = len(session.scalars(select(Organization)).all())
                time.sleep(0.05)
                session.add(Organization(slug=f"org-{n}", name=f"{count}"))
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    run_together(writer, [(n,) for n in range(4)])

    assert errors == []
    with database.session() as session:
        # Each writer saw every earlier one: the writes were serialised.
        assert sorted(session.scalars(select(Organization.name))) == ["0", "1", "2", "3"]
    database.dispose()


def test_reads_proceed_while_a_sqlite_write_transaction_is_open(tmp_path: Path) -> None:
    database = Database.open(Settings(data_dir=tmp_path))
    with database.write() as writer:
        writer.add(Organization(slug="acme", name="Acme"))
        writer.flush()
        with database.session() as reader:
            assert reader.execute(text("SELECT count(*) FROM organizations")).scalar() == 0
    database.dispose()
