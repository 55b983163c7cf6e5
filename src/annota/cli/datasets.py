"""`annota formats`, `annota import` and `annota export`: datasets in and out of a data directory.

The registry comes from the ``annota.formats`` entry points; a caller (a test) may pass another one as
``obj={"formats": registry}`` to click.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.cli.context import data_options, fail_on_storage_error, opened, settings_from
from annota.formats.base import FormatError
from annota.formats.options import Direction, OptionError, checked_options, declared_options, parse_pairs
from annota.formats.output import OutputError
from annota.formats.registry import FormatRegistry, UnknownFormat, load_registry
from annota.media.problems import MediaIngestError
from annota.services.datasets import export_dataset, import_dataset
from annota.storage import users as user_rows
from annota.storage.errors import StorageError
from annota.storage.tables import Project


def _registry() -> FormatRegistry:
    ctx = click.get_current_context()
    given = (ctx.obj or {}).get("formats") if isinstance(ctx.obj, dict) else None
    return given if isinstance(given, FormatRegistry) else load_registry()


@click.command("formats")
def formats() -> None:
    """List the dataset formats: name, import/export, what each can carry, and the options each takes
    (``--option KEY=VALUE`` of `annota import` and `annota export`)."""
    registry = _registry()
    rows = [("NAME", "IMPORT", "EXPORT", "CARRIES")]
    for fmt in registry:
        rows.append(
            (fmt.name, "yes" if fmt.can_read else "-", "yes" if fmt.can_write else "-", fmt.carries.summary())
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    with_options = [(fmt.name, declared_options(fmt)) for fmt in registry if declared_options(fmt)]
    if with_options:
        click.echo("\nOPTIONS (--option KEY=VALUE)")
    for name, declared in with_options:
        click.echo(f"  {name}")
        for option in declared:
            default = f"; default {option.default}" if option.default is not None else ""
            click.echo(f"    {option.direction:<6}  {option.usage():<20}  {option.help}{default}")


def option_flag(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--option KEY=VALUE``, repeatable: a format option (`annota formats` lists them)."""
    return click.option(
        "--option",
        "option_pairs",
        multiple=True,
        metavar="KEY=VALUE",
        help="A format option, repeatable; `annota formats` lists each format's options.",
    )(command)


def _options(
    registry: FormatRegistry, format_name: str | None, pairs: tuple[str, ...], way: Direction
) -> dict[str, str]:
    """The ``--option`` pairs, checked against the format when it is named (else once it is detected)."""
    try:
        given = parse_pairs(pairs)
        if format_name is not None:
            checked_options(registry.get(format_name), given, way)
    except OptionError as error:
        raise click.UsageError("\n".join(str(p) for p in error.problems)) from error
    except UnknownFormat as error:
        raise click.UsageError(str(error)) from error
    return given


def _fail(lines: list[str]) -> click.ClickException:
    return click.ClickException("\n".join(lines))


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--project", "project_name", required=True, help="Project to import into (created when absent)."
)
@click.option("--format", "format_name", help="Dataset format (detected when absent); see `annota formats`.")
@click.option("--task", "task_name", help="Task name (default: the project's name, plus the subset).")
@click.option("--owner", default="admin", show_default=True, help="Owner of a created project and tasks.")
@option_flag
@data_options
def import_(
    path: Path,
    project_name: str,
    format_name: str | None,
    task_name: str | None,
    owner: str,
    option_pairs: tuple[str, ...],
    data_dir: Path,
    db_url: str | None,
) -> None:
    """Import the dataset at PATH (a folder, a zip or one annotation file): all of it, or nothing.

    What the format read but could not keep is printed as warnings, each with where it was first seen."""
    registry = _registry()
    options = _options(registry, format_name, option_pairs, Direction.READ)
    settings = settings_from(data_dir, db_url)
    with opened(settings) as database:
        try:
            with database.write() as session:
                user = user_rows.find_user_by_username(session, owner)
                if user is None:
                    raise click.ClickException(f"no user {owner!r}; create one with `annota user add`")
                result = import_dataset(
                    session,
                    settings,
                    registry,
                    path,
                    project_name=project_name,
                    owner_id=user.id,
                    format_name=format_name,
                    task_name=task_name,
                    progress=True,
                    options=options,
                )
        except OptionError as error:
            raise click.UsageError("\n".join(str(p) for p in error.problems)) from error
        except FormatError as error:
            raise _fail(error.lines()) from error
        except MediaIngestError as error:
            raise _fail([f"{'/'.join(map(str, p.loc))}: {p.msg}" for p in error.problems]) from error
        except UnknownFormat as error:
            raise click.UsageError(str(error)) from error
        except StorageError as error:
            raise fail_on_storage_error(error) from error
    detected = f" (detected, confidence {result.confidence:.2f})" if result.confidence is not None else ""
    counts = ", ".join(f"{n} {k}" for k, n in sorted(result.counts.items())) or "no annotations"
    click.echo(f"imported {result.format}{detected} into project {project_name!r}: {counts}")
    for task in result.tasks:
        click.echo(
            f"  task {task.id} {task.name!r}: {task.new_media} new media, {task.matched_media} matched"
        )
    if result.labels_created:
        click.echo(f"  labels created: {', '.join(result.labels_created)}")
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s): read but not kept")
        for warning in result.warnings:
            click.echo(f"  {warning}")


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--project", "project_name", required=True, help="Project to export (name or id).")
@click.option("--format", "format_name", required=True, help="Dataset format; see `annota formats`.")
@click.option("--with-images", is_flag=True, help="Copy the original images next to the annotations.")
@click.option("--annotated-only", is_flag=True, help="Leave out frames without annotations.")
@click.option("--task", "task_name", help="Export this task only.")
@option_flag
@data_options
def export(
    out: Path,
    project_name: str,
    format_name: str,
    with_images: bool,
    annotated_only: bool,
    task_name: str | None,
    option_pairs: tuple[str, ...],
    data_dir: Path,
    db_url: str | None,
) -> None:
    """Export a project to OUT: a folder, or a path ending in .zip."""
    registry = _registry()
    options = _options(registry, format_name, option_pairs, Direction.WRITE)
    with opened(settings_from(data_dir, db_url)) as database:
        try:
            with database.session() as session:
                project_id = _project_id(session, project_name)
                result = export_dataset(
                    session,
                    settings_from(data_dir, db_url),
                    registry,
                    project_id=project_id,
                    format_name=format_name,
                    target=out,
                    with_images=with_images,
                    annotated_only=annotated_only,
                    task_name=task_name,
                    progress=True,
                    options=options,
                )
        except StorageError as error:
            raise fail_on_storage_error(error) from error
        except OutputError as error:
            raise click.ClickException(str(error)) from error
    counts = ", ".join(f"{n} {k}" for k, n in sorted(result.counts.items())) or "no annotations"
    click.echo(f"exported {result.items} items to {out} ({result.format}): {counts}")
    if result.dropped:
        left = ", ".join(f"{n} {k}" for k, n in sorted(result.dropped.items()))
        click.echo(f"  left out (the format cannot hold them): {left}")


def _project_id(session: Session, name_or_id: str) -> int:
    matches = list(session.scalars(select(Project.id).where(Project.name == name_or_id)))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise click.ClickException(f"{len(matches)} projects are called {name_or_id!r}: give the id")
    if name_or_id.isdigit() and session.get(Project, int(name_or_id)) is not None:
        return int(name_or_id)
    raise click.ClickException(f"no project {name_or_id!r}")
