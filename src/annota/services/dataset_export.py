"""Export a project's annotations to a dataset format, streamed from the database (issue 5).

`dataset_stream.RecordStream` reads the project as records with flat memory; formats that write records get
them as they are, the others get domain items built from them (`records.dataset_of`). Kinds a format
cannot hold are left out and counted in the result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.formats.base import Format, Output, WriteOptions
from annota.formats.output import open_output
from annota.formats.records import RecordDataset, RecordWriter, dataset_of
from annota.formats.registry import FormatRegistry
from annota.services.dataset_gc import paused_gc
from annota.services.dataset_stream import RecordStream
from annota.settings import Settings
from annota.storage import projects
from annota.storage.errors import NotFound
from annota.storage.media_store import MediaStore
from annota.storage.tables import Task


@dataclass
class ExportResult:
    format: str
    target: Path
    items: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # written: "rectangle", "tag", "track"...
    dropped: Counter[str] = field(default_factory=Counter)  # kinds the format cannot hold


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
) -> ExportResult:
    """Write project `project_id` (or only its task `task_name`) to `target`: a folder, or a ``.zip`` path."""
    fmt = registry.get(format_name)
    projects.get_project(session, project_id)
    query = select(Task).where(Task.project_id == project_id).order_by(Task.subset, Task.id)
    if task_name is not None:
        query = query.where(Task.name == task_name)
    task_rows = list(session.scalars(query))
    if task_name is not None and not task_rows:
        raise NotFound("task", task_name)
    labels = projects.domain_labels(session, project_id)
    result = ExportResult(fmt.name, target)
    # Record writers use an item's image only to copy it; domain writers may look at it (e.g. its size).
    images = with_images or not isinstance(fmt, RecordWriter)
    stream = RecordStream(
        session, MediaStore(settings.media_dir), fmt, task_rows, result, annotated_only, images
    )
    items: Any = stream.items()
    if progress:
        items = tqdm(items, desc="exporting items", unit="item")
    dataset = RecordDataset(list(labels.values()), items, stream.tracks(), {"project_id": project_id})
    output = open_output(target)
    try:
        with paused_gc():
            write_records(fmt, dataset, output, WriteOptions(with_images=with_images))
    except BaseException:
        output.close()
        if target.suffix.lower() == ".zip":
            target.unlink(missing_ok=True)
        raise
    output.close()
    return result
