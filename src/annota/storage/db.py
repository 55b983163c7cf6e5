"""Engines, sessions and migrations for SQLite (embedded) and PostgreSQL (teams).

SQLite runs in WAL mode with one writer at a time: write transactions start with
`BEGIN IMMEDIATE`, so a second writer waits (up to the busy timeout) instead of failing with
"database is locked" halfway through its transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from annota.settings import Settings
from annota.storage.errors import UnsupportedDatabase

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Set on the write engine; the `begin` hook reads it to choose the SQLite BEGIN flavour.
WRITE_OPTION = "annota_write"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant works: it only has to be the same in every annota process.
MIGRATION_LOCK = 0x616E6E6F7461


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def create_engine_for(url: str) -> Engine:
    """An engine for `sqlite:///path` or `postgresql://...` (always driven by psycopg 3)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    json_options: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if backend == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **json_options,
        )
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        return create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True, **json_options)
    raise UnsupportedDatabase(parsed.render_as_string(hide_password=True))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module: SQLAlchemy emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # A deferred transaction that later writes can fail at once with SQLITE_BUSY when
        # another writer got in first; IMMEDIATE takes the write lock up front and waits for it.
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def alembic_config() -> Config:
    """The Alembic configuration shipped inside the package (no alembic.ini lookup in the cwd)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision`, in one write transaction."""
    config = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two servers starting at once must not both migrate (SQLite serialises by BEGIN IMMEDIATE).
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


class Database:
    """The engine plus session factories; the one object the app and the CLI hold."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True) -> Database:
        """The database of `settings`, creating the data folder and migrating to head."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        database = cls(create_engine_for(settings.db_url))
        if migrate:
            upgrade(database.engine)
        return database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reads (and writes that cannot race): commits on success, else rolls back."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: on SQLite it holds the single writer lock from its first statement."""
        with self._write_sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
