"""Options every command shares (--data, --db) and the database they open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from annota.config import ConfigError, load_settings
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.errors import Invalid, StorageError

F = TypeVar("F", bound=Callable[..., Any])
CONFIG_FILE_KEY = "annota.config_file"


def _remember_config_file(ctx: click.Context, _: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.meta[CONFIG_FILE_KEY] = value


# Flags carry no default of their own (Settings has them), so that an unset flag never hides a
# value from the configuration file or the environment (annota.config: file < env < flags).
config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    expose_value=False,
    is_eager=True,
    callback=_remember_config_file,
    help="TOML configuration file (or ANNOTA_CONFIG); see docs/configuration.md.",
)


def data_options(func: F) -> F:
    func = click.option(
        "--db",
        "db_url",
        metavar="URL",
        help="Database URL (default: SQLite inside the data directory), e.g. postgresql://user@host/annota",
    )(func)
    func = click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        show_default="annota-data",
        help="Data directory: database (SQLite), media and caches.",
    )(func)
    func = config_option(func)
    return func


def settings_from(data_dir: Path | None, db_url: str | None, **extra: Any) -> Settings:
    """Settings from --config/ANNOTA_CONFIG, ANNOTA_* variables and these flags; a bad value stops
    the command with every problem listed."""
    context = click.get_current_context(silent=True)
    config_file = context.meta.get(CONFIG_FILE_KEY) if context is not None else None
    flags = {"data_dir": data_dir, "database_url": db_url, **extra}
    try:
        return load_settings(config_file=config_file, flags=flags)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


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
