from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from annota.storage.db import create_engine_for, upgrade
from annota.storage.tables import Base, is_statement_foreign_key
from tests.storage.conftest import BACKENDS
from tests.storage.threads import run_together

SCHEMA = "annota_migration_check"


@pytest.fixture(params=BACKENDS)
def blank_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        engine = create_engine_for(f"sqlite:///{tmp_path / 'blank.db'}")
        yield engine
        engine.dispose()
        return
    url = make_url(request.getfixturevalue("pg_url"))
    admin = create_engine_for(url.render_as_string(hide_password=False))
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {SCHEMA}")
    scoped = url.update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    engine = create_engine_for(scoped.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        admin.dispose()


def schema_diff(engine: Engine) -> list[object]:
    def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        # On PostgreSQL, statement-level triggers stand for these keys (migration 0009): see the tests below.
        return not (type_ == "foreign_key_constraint" and is_statement_foreign_key(obj, engine.dialect.name))

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include}
        )
        return list(compare_metadata(context, Base.metadata))


def test_migrations_create_exactly_the_tables_the_models_describe(blank_engine: Engine) -> None:
    upgrade(blank_engine)

    assert schema_diff(blank_engine) == []


def test_an_empty_database_differs_from_the_models(blank_engine: Engine) -> None:
    # Proves the comparison above can fail: every table is reported missing.
    missing = {change[1].name for change in schema_diff(blank_engine) if change[0] == "add_table"}  # type: ignore[index]

    assert missing == set(Base.metadata.tables)


def test_downgrade_to_base_drops_every_table_and_upgrade_restores_them(blank_engine: Engine) -> None:
    upgrade(blank_engine)
    upgrade_to_base(blank_engine)
    assert set(inspect(blank_engine).get_table_names()) == {"alembic_version"}

    upgrade(blank_engine)
    assert schema_diff(blank_engine) == []


def test_upgrade_twice_is_a_no_op(blank_engine: Engine) -> None:
    upgrade(blank_engine)
    upgrade(blank_engine)

    assert schema_diff(blank_engine) == []


def upgrade_to_base(engine: Engine) -> None:
    from alembic import command

    from annota.storage.db import WRITE_OPTION, alembic_config

    config = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")


def test_two_processes_migrating_at_once_both_succeed(blank_engine: Engine) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def migrate() -> None:
        start.wait()
        try:
            upgrade(blank_engine)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    run_together(migrate, [(), ()])

    assert errors == []
    assert schema_diff(blank_engine) == []


def test_annotation_keys_are_statement_triggers_on_postgresql_and_foreign_keys_on_sqlite(
    blank_engine: Engine,
) -> None:
    upgrade(blank_engine)

    inspector = inspect(blank_engine)
    for table in ("shapes", "tags", "tracks"):
        keyed = {tuple(key["constrained_columns"]) for key in inspector.get_foreign_keys(table)}
        if blank_engine.dialect.name == "postgresql":
            assert keyed == set()  # the tests in test_annotation_keys.py exercise the triggers
        else:
            assert keyed == {("job_id",), ("label_id",)}
