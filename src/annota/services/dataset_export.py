"""Export a project's annotations to a dataset format, streamed from the database (issue 5).

`dataset_stream.RecordStream` reads the project as records with flat memory; formats that write records get
them as they are, the others get domain items built from them (`records.dataset_of`). Kinds a format
cannot hold are left out and counted in the result. `audit_export` records who exported what in the
project's audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.formats.base import Format, Output, WriteOptions
from annota.formats.options import Direction, checked_options
from annota.formats.output import open_output
from annota.formats.records import RecordDataset, RecordWriter, dataset_of
from annota.formats.registry import FormatRegistry
from annota.services.dataset_gc import paused_gc
from annota.services.dataset_stream import RecordStream
from annota.settings import Settings
from annota.storage import projects
from annota.storage.errors import NotFound
from annota.storage.tables import Project, Task, User
from annota.storage.team_events import Actor, Audit, write


@dataclass
class ExportResult:
    format: str
    target: Path
    items: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # written: "rectangle", "tag", "track"...
    dropped: Counter[str] = field(default_factory=Counter)  # kinds the format cannot hold
    options: dict[str, str] = field(default_factory=dict)  # the format options used, checked


def write_records(fmt: Format, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
    """`dataset` written by `fmt`: its fast path when it has one, else through the domain model."""
    if isinstance(fmt, RecordWriter):
        fmt.write_records(dataset, output, options)
    else:
        fmt.write(dataset_of(dataset), output, options)


def export_dataset(
    session: Session,
    settings: Settings,
    registry: FormatRegistry,
    *,
    project_id: int,
    format_name: str,
    target: Path,
    with_images: bool = False,
    annotated_only: bool = False,
    task_name: str | None = None,
    progress: bool = False,
    options: Mapping[str, object] | None = None,
) -> ExportResult:
    """Write project `project_id` (or only its task `task_name`) to `target`: a folder, or a ``.zip`` path.

    `options` are the format's export options (`annota.formats.options`); raises OptionError before
    anything is read or written when one is unknown or bad.
    """
    fmt = registry.get(format_name)
    extra = checked_options(fmt, options or {}, Direction.WRITE)
    projects.get_project(session, project_id)
    query = select(Task).where(Task.project_id == project_id).order_by(Task.subset, Task.id)
    if task_name is not None:
        query = query.where(Task.name == task_name)
    task_rows = list(session.scalars(query))
    if task_name is not None and not task_rows:
        raise NotFound("task", task_name)
    labels = projects.domain_labels(session, project_id)
    result = ExportResult(fmt.name, target, options=extra)
    # Record writers use an item's image only to copy it; domain writers may look at it (e.g. its size).
    images = with_images or not isinstance(fmt, RecordWriter)
    stream = RecordStream(session, settings, fmt, task_rows, result, annotated_only, images)
    items: Any = stream.items()
    if progress:
        items = tqdm(items, desc="exporting items", unit="item")
    dataset = RecordDataset(list(labels.values()), items, stream.tracks(), {"project_id": project_id})
    output = open_output(target)
    try:
        with paused_gc():
            write_records(fmt, dataset, output, WriteOptions(with_images=with_images, extra=extra))
    except BaseException:
        output.close()
        if target.suffix.lower() == ".zip":
            target.unlink(missing_ok=True)
        raise
    output.close()
    return result


def audit_export(
    session: Session, *, actor_id: int | None, project_id: int, result: ExportResult, **facts: object
) -> None:
    """One entry in project `project_id`'s audit log: `actor_id` exported it in `result`'s format
    (``entity_type`` "project", ``action`` "export"); `facts` (the task, with_images...) join the summary."""
    user = session.get(User, actor_id) if actor_id is not None else None
    actor = Actor(user.id, user.username) if user is not None else None
    organization_id = session.scalar(select(Project.organization_id).where(Project.id == project_id))
    summary = {
        "format": result.format,
        "options": dict(result.options),
        "items": result.items,
        "counts": dict(sorted(result.counts.items())),
        **facts,
    }
    write(
        session.connection(),
        actor,
        [Audit("project", project_id, "export", summary, project_id, organization_id)],
    )
