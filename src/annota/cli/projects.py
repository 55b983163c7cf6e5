"""`annota project create` and `annota task create`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from sqlalchemy import select

from annota.cli.context import data_options, fail_on_storage_error, opened, settings_from
from annota.domain.problems import DomainValidationError
from annota.media.problems import MediaIngestError
from annota.services.labels import create_labels
from annota.services.media import add_media_from_paths
from annota.storage import projects as project_rows
from annota.storage import tasks as task_rows
from annota.storage import users as user_rows
from annota.storage.errors import StorageError
from annota.storage.tables import Project


@click.group()
def project() -> None:
    """Manage projects."""


def _labels_from(labels: str | None, labels_file: Path | None) -> list[dict[str, Any]]:
    if labels and labels_file:
        raise click.UsageError("give --labels or --labels-file, not both")
    if labels_file is not None:
        try:
            data = json.loads(labels_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise click.ClickException(f"{labels_file}:{error.lineno}:{error.colno}: {error.msg}") from error
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise click.ClickException(f"{labels_file}: expected a JSON list of label objects")
        return data
    return [{"name": name.strip()} for name in (labels or "").split(",") if name.strip()]


def _owner_id(session: Any, username: str) -> int:
    owner = user_rows.find_user_by_username(session, username)
    if owner is None:
        raise click.ClickException(f"no user {username!r}; create one with `annota user add`")
    return owner.id


@project.command("create")
@click.argument("name")
@click.option("--labels", help="Comma-separated label names: car,person")
@click.option("--labels-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="JSON list of labels: [{name, color?, kind?, attributes?, skeleton?}]")  # fmt: skip
@click.option("--owner", default="admin", show_default=True, help="Username of the project's owner.")
@data_options
def create_project(
    name: str, labels: str | None, labels_file: Path | None, owner: str, data_dir: Path, db_url: str | None
) -> None:
    """Create project NAME with its labels."""
    label_dicts = _labels_from(labels, labels_file)
    source = str(labels_file) if labels_file else "--labels"
    with opened(settings_from(data_dir, db_url)) as database:
        try:
            with database.write() as session:
                created = project_rows.create_project(session, owner_id=_owner_id(session, owner), name=name)
                create_labels(session, created.id, label_dicts, loc=(source,))
                project_id = created.id
        except DomainValidationError as error:
            raise click.ClickException("\n".join(str(p) for p in error.problems)) from error
        except StorageError as error:
            raise fail_on_storage_error(error) from error
    click.echo(f"created project {project_id}: {name} ({len(label_dicts)} labels)")


@click.group()
def task() -> None:
    """Manage tasks."""


@task.command("create")
@click.argument("project_name", metavar="PROJECT")
@click.argument("name")
@click.option("--media", "media_paths", multiple=True, required=True,
              type=click.Path(exists=True, path_type=Path),
              help="Image files, folders (recursively) or .zip archives; repeat for several.")  # fmt: skip
@click.option("--segment-size", default=0, show_default=True, help="Frames per job (0: one job).")
@click.option("--overlap", default=0, show_default=True, help="Frames shared by consecutive jobs.")
@click.option("--subset", default="", help="Dataset subset (train, val, test…).")
@click.option("--owner", default="admin", show_default=True)
@data_options
def create_task(
    project_name: str,
    name: str,
    media_paths: tuple[Path, ...],
    segment_size: int,
    overlap: int,
    subset: str,
    owner: str,
    data_dir: Path,
    db_url: str | None,
) -> None:
    """Create task NAME in PROJECT (a name or an id) with media from files, folders or zips."""
    settings = settings_from(data_dir, db_url)
    with opened(settings) as database:
        try:
            with database.write() as session:
                project_id = _find_project(session, project_name)
                created = task_rows.create_task(
                    session, project_id, name=name, owner_id=_owner_id(session, owner),
                    subset=subset, segment_size=segment_size, overlap=overlap,
                )  # fmt: skip
                items = add_media_from_paths(session, settings, created.id, list(media_paths), progress=True)
                task_id = created.id
        except MediaIngestError as error:
            lines = [f"{'/'.join(map(str, p.loc))}: {p.msg}" for p in error.problems]
            raise click.ClickException("\n".join(lines)) from error
        except StorageError as error:
            raise fail_on_storage_error(error) from error
    click.echo(f"created task {task_id}: {name} ({len(items)} media items)")


def _find_project(session: Any, name_or_id: str) -> int:
    matches = list(session.scalars(select(Project.id).where(Project.name == name_or_id)))
    if len(matches) == 1:
        return matches[0]
    if not matches and name_or_id.isdigit() and session.get(Project, int(name_or_id)) is not None:
        return int(name_or_id)
    if len(matches) > 1:
        raise click.ClickException(f"{len(matches)} projects are called {name_or_id!r}: give the id")
    raise click.ClickException(f"no project {name_or_id!r}")
