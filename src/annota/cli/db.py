"""`annota db`: the database schema — where it stands and bringing it to this version's head.

`annota serve` and `annota worker` migrate at start too; on PostgreSQL an advisory lock lets only
one process migrate at a time, so processes started together (or a rolling restart) are safe. Teams
run `annota db upgrade` once before restarting the processes on a new version (docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from annota.cli.context import data_options, settings_from
from annota.storage.db import Database, alembic_config, create_engine_for, upgrade


@click.group("db")
def db() -> None:
    """The database schema: see where it stands, upgrade it."""


def _revisions(data_dir: Path | None, db_url: str | None) -> tuple[str | None, str, Database]:
    settings = settings_from(data_dir, db_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(create_engine_for(settings.db_url))
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # the package ships its migrations
    return current, head, database


@db.command("current")
@data_options
@click.option("--check", is_flag=True, help="Exit with status 1 when the schema is not at the head.")
def current(data_dir: Path | None, db_url: str | None, check: bool) -> None:
    """Print the schema revision of the database and the one this version of annota needs."""
    revision, head, database = _revisions(data_dir, db_url)
    database.dispose()
    click.echo(f"database: {revision or '(empty)'}")
    click.echo(f"this version needs: {head}")
    if check and revision != head:
        raise SystemExit(1)


@db.command("upgrade")
@data_options
def upgrade_command(data_dir: Path | None, db_url: str | None) -> None:
    """Migrate the database to the schema this version of annota needs (idempotent)."""
    revision, head, database = _revisions(data_dir, db_url)
    try:
        if revision == head:
            click.echo(f"already at {head}")
            return
        upgrade(database.engine)
        click.echo(f"upgraded {revision or '(empty)'} → {head}")
    finally:
        database.dispose()
