"""`annota backup` and `annota restore`: a project, whole, to a zip and back (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path

import click

from annota.cli.context import data_options, opened, settings_from
from annota.cli.projects import _find_project, _owner_id
from annota.services.backup import restore_backup, write_backup
from annota.services.backup_manifest import MANIFEST, InvalidBackup
from annota.storage import organizations
from annota.storage.errors import Invalid


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--project", "project_name", required=True, help="Project (name or id).")
@click.option("--with-media", is_flag=True, help="Put the media files in the backup (else references only).")
@data_options
def backup(out: Path, project_name: str, with_media: bool, data_dir: Path | None, db_url: str | None) -> None:
    """Write a project (labels, tasks, media references or media, jobs, annotations) to the zip OUT."""
    settings = settings_from(data_dir, db_url)
    with opened(settings) as database, database.session() as session:
        project_id = _find_project(session, project_name)
        summary = write_backup(session, settings, project_id, out, with_media=with_media)
    media = "media files included" if summary.with_media else "media by reference"
    click.echo(
        f"backed up {summary.tasks} task(s), {summary.media} media item(s), {summary.jobs} job(s), "
        f"{summary.annotations} annotation(s) to {out} ({media})"
    )


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--as", "name", help="Name of the restored project (default: the backed-up name).")
@click.option("--owner", default="admin", show_default=True, help="Username of the restored project's owner.")
@click.option("--organization", "organization_slug", help="Restore into this organisation (slug).")
@data_options
def restore(
    source: Path,
    name: str | None,
    owner: str,
    organization_slug: str | None,
    data_dir: Path | None,
    db_url: str | None,
) -> None:
    """Restore a backup as a new project; all or nothing."""
    settings = settings_from(data_dir, db_url)
    with opened(settings) as database:
        try:
            with database.write() as session:
                organization_id = None
                if organization_slug is not None:
                    found = organizations.find_organization_by_slug(session, organization_slug)
                    if found is None:
                        raise click.ClickException(f"no organisation {organization_slug!r}")
                    organization_id = found.id
                project, warnings = restore_backup(
                    session, settings, source, owner_id=_owner_id(session, owner), name=name,
                    organization_id=organization_id,
                )  # fmt: skip
                project_id, project_name = project.id, project.name
        except InvalidBackup as error:
            raise click.ClickException(f"{source.name}: {error}") from None
        except Invalid as error:
            lines = "\n".join(f"{source.name}: {MANIFEST}: {p}" for p in error.problems)
            raise click.ClickException(f"nothing was restored:\n{lines}") from None
    for warning in warnings:
        click.echo(f"warning: {warning}")
    click.echo(f"restored project {project_id}: {project_name}")
