"""Alembic environment: programmatic (`annota.storage.db.upgrade`) or the alembic CLI.

Programmatic callers hand over an open connection in `config.attributes["connection"]`. The CLI
(`alembic -c src/annota/storage/alembic.ini ...`) connects to ANNOTA_DB, or to the SQLite file of
ANNOTA_DATA_DIR, like `annota serve` does.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from annota.settings import Settings
from annota.storage.tables import Base, is_statement_foreign_key
from annota.storage.types import UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the app: write our column types as the portable type they wrap.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure(connection: Connection | None = None, **options: Any) -> None:
    dialect = connection.dialect.name if connection is not None else ""

    def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (type_ == "foreign_key_constraint" and is_statement_foreign_key(obj, dialect))

    context.configure(
        target_metadata=target_metadata,
        render_item=render_item,
        include_object=include_object,
        compare_type=True,
        # SQLite can only ALTER by copying the table; batch mode does that for later revisions.
        render_as_batch=True,
        connection=connection,
        **options,
    )


def run_offline() -> None:
    configure(url=Settings.from_env().db_url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from annota.storage.db import WRITE_OPTION, create_engine_for

    engine = create_engine_for(Settings.from_env().db_url)
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
