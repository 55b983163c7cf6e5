"""Import into a database, export, re-import: what each test of a format needs, through the services."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from annota.formats.base import Format
from annota.formats.registry import FormatRegistry
from annota.services.datasets import ExportResult, ImportResult, export_dataset, import_dataset
from annota.settings import Settings
from annota.storage.annotation_rows import SHAPES, TAGS, TRACKS
from annota.storage.db import Database
from annota.storage.tables import Job, Label, Project, Task
from tests.formats.corpus import REGISTRY


def import_into(
    database: Database,
    settings: Settings,
    path: Path,
    project: str,
    owner_id: int,
    format_name: str | None = None,
) -> ImportResult:
    with database.write() as session:
        return import_dataset(
            session,
            settings,
            REGISTRY,
            path,
            project_name=project,
            owner_id=owner_id,
            format_name=format_name,
        )


def export_from(
    database: Database, settings: Settings, project: str, format_name: str, target: Path, **options: Any
) -> ExportResult:
    with database.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.name == project))
        assert project_id is not None
        return export_dataset(
            session,
            settings,
            REGISTRY,
            project_id=project_id,
            format_name=format_name,
            target=target,
            **options,
        )


def rounded(value: Any) -> Any:
    """Numbers to 6 decimals, inside lists and dicts too: formats that store boxes as x, y, width, height or
    in percent give back float round-off."""
    if isinstance(value, float):
        return round(value, 6) + 0.0
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return {k: rounded(v) for k, v in value.items()} if isinstance(value, dict) else value


def through_a_project(
    database: Database, settings: Settings, owner_id: int, fmt: Format, path: Path, target: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`path` imported with `fmt` into project "first", exported with its images to `target` (a folder or a
    zip), and that imported into project "again": what each of the two holds (`stored`)."""
    registry = FormatRegistry({fmt.name: fmt})
    with database.write() as session:
        first = import_dataset(session, settings, registry, path, project_name="first", owner_id=owner_id)
    with database.session() as session:
        export_dataset(
            session,
            settings,
            registry,
            project_id=first.project_id,
            format_name=fmt.name,
            target=target,
            with_images=True,
        )
    with database.write() as session:
        import_dataset(session, settings, registry, target, project_name="again", owner_id=owner_id)
    return stored(database, "first"), stored(database, "again")


def stored(database: Database, project: str) -> dict[str, Any]:
    """What a project holds: shapes by (kind, label name), tags and tracks by label, task frames by subset."""
    with database.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.name == project))
        labels = dict(
            session.execute(select(Label.id, Label.name).where(Label.project_id == project_id)).all()
        )
        jobs = select(Job.id).join(Task).where(Task.project_id == project_id)
        shapes = Counter(
            (kind, labels[label])
            for kind, label in session.execute(
                select(SHAPES.c.kind, SHAPES.c.label_id).where(SHAPES.c.job_id.in_(jobs))
            )
        )
        tags = Counter(
            labels[label]
            for (label,) in session.execute(select(TAGS.c.label_id).where(TAGS.c.job_id.in_(jobs)))
        )
        tracks = Counter(
            (kind, labels[label])
            for kind, label in session.execute(
                select(TRACKS.c.kind, TRACKS.c.label_id).where(TRACKS.c.job_id.in_(jobs))
            )
        )
        subsets = sorted(session.scalars(select(Task.subset).where(Task.project_id == project_id)))
        return {
            "shapes": shapes,
            "tags": tags,
            "tracks": tracks,
            "subsets": subsets,
            "labels": set(labels.values()),
        }


def stored_rows(database: Database, project: str) -> list[tuple[Any, ...]]:
    """Every annotation of a project, field by field (its task's subset, not its id, job or revision), in a
    stable order."""
    with database.session() as session:
        project_id = session.scalar(select(Project.id).where(Project.name == project))
        labels = dict(
            session.execute(select(Label.id, Label.name).where(Label.project_id == project_id)).all()
        )
        tasks = dict(session.execute(select(Task.id, Task.subset).where(Task.project_id == project_id)).all())
        jobs = dict(session.execute(select(Job.id, Job.task_id).where(Job.task_id.in_(tasks))).all())
        shapes = [
            ("shape", tasks[jobs[r.job_id]], r.frame, labels[r.label_id], r.kind, repr(r.geometry), r.z_order,
             r.occluded, r.outside, repr(r.attributes), r.group_id, r.source, r.score)
            for r in session.execute(select(SHAPES).where(SHAPES.c.job_id.in_(jobs)))
        ]  # fmt: skip
        tags = [
            ("tag", tasks[jobs[r.job_id]], r.frame, labels[r.label_id], r.stop_frame, repr(r.attributes),
             r.source)
            for r in session.execute(select(TAGS).where(TAGS.c.job_id.in_(jobs)))
        ]  # fmt: skip
        return sorted(shapes, key=repr) + sorted(tags, key=repr)
