"""`annota db current` and `annota db upgrade`, on SQLite and on a fresh PostgreSQL database, where
several processes upgrading at once (servers started together, a rolling restart) must all succeed."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from sqlalchemy import create_engine, make_url, text

from annota.cli import main
from annota.storage.db import alembic_config
from tests.services import pg_url_or_skip

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def annota(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_a_new_database_is_behind_until_upgraded_and_upgrading_twice_is_harmless(tmp_path: Path) -> None:
    data = str(tmp_path / "data")

    assert annota("db", "current", "--check", "--data", data) == (
        1, f"database: (empty)\nthis version needs: {HEAD}\n",
    )  # fmt: skip
    assert annota("db", "upgrade", "--data", data) == (0, f"upgraded (empty) → {HEAD}\n")
    assert annota("db", "upgrade", "--data", data) == (0, f"already at {HEAD}\n")
    assert annota("db", "current", "--check", "--data", data)[0] == 0


@pytest.fixture
def fresh_pg_database() -> Iterator[str]:
    """A database of its own on the test server, dropped afterwards."""
    server = make_url(pg_url_or_skip())
    name = f"annota_db_cli_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_processes_upgrading_postgresql_at_the_same_time_all_succeed(
    fresh_pg_database: str, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "annota", "db", "upgrade", "--db", fresh_pg_database]
    processes = [
        subprocess.Popen(
            [*command, "--data", str(tmp_path / f"d{i}")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "ANNOTA_CONFIG": ""},
        )
        for i in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]

    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    assert sum("upgraded" in output for output in outputs) >= 1
    assert (
        annota("db", "current", "--check", "--db", fresh_pg_database, "--data", str(tmp_path / "d0"))[0] == 0
    )
