"""Options every command shares (--data, --db) and the database they open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.errors import Invalid, StorageError

F = TypeVar("F", bound=Callable[..., Any])


def data_options(func: F) -> F:
    func = click.option(
        "--db",
        "db_url",
        metavar="URL",
        envvar="ANNOTA_DB",
        help="Database URL (default: SQLite inside the data directory), e.g. postgresql://user@host/annota",
    )(func)
    func = click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="ANNOTA_DATA_DIR",
        default=Path("annota-data"),
        show_default=True,
        help="Data directory: database (SQLite), media and caches.",
    )(func)
    return func


def settings_from(data_dir: Path, db_url: str | None, **extra: Any) -> Settings:
    return Settings.from_env(data_dir=data_dir, database_url=db_url, **extra)


@contextmanager
def opened(settings: Settings) -> Iterator[Database]:
    database = Database.open(settings)
    try:
        yield database
    finally:
        database.dispose()


def fail_on_storage_error(error: StorageError) -> click.ClickException:
    if isinstance(error, Invalid):
        lines = [str(problem) for problem in error.problems]
        return click.ClickException("\n".join(lines))
    return click.ClickException(str(error))
