"""Export a project's annotations to a dataset format, streamed from the database (issue 5).

Memory stays flat: tasks are read one at a time (ordered by subset, so each subset's items come together),
and inside a task, jobs in frame order and their shapes and tags with server-side cursors, batch by batch.
Rows become records (`formats.records`) without parsing their geometry again (it was checked when stored):
formats that write records get them as they are, the others get domain items built from them.
Tracks are passed on as tracks to formats that carry them; for the others each track is expanded to one
shape per keyframe that is not outside (interpolated frames are not produced yet: `annota.domain
.interpolation` does not exist). Kinds a format cannot hold are left out and counted in the result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.domain.shapes.registry import get_kind
from annota.domain.tracks import Track, track_from_dict
from annota.formats.base import DatasetTrack, Format, Output, WriteOptions
from annota.formats.output import open_output
from annota.formats.records import (
    RecordDataset,
    RecordItem,
    RecordWriter,
    ShapeRecord,
    TagRecord,
    dataset_of,
)
from annota.formats.registry import FormatRegistry
from annota.services.dataset_gc import paused_gc
from annota.settings import Settings
from annota.storage import projects
from annota.storage.annotation_rows import SHAPES, TAGS, TRACK_SELECT, TRACKS, track_wire
from annota.storage.errors import NotFound
from annota.storage.media_store import MediaStore
from annota.storage.tables import Job, MediaItem, Task

YIELD_PER = 10_000
_loads = orjson.loads
_SHAPE_COLUMNS = (
    SHAPES.c.id,
    SHAPES.c.kind,
    SHAPES.c.label_id,
    SHAPES.c.frame,
    cast(SHAPES.c.geometry, Text),  # parsed by orjson here, not by the driver (psycopg would use json)
    SHAPES.c.z_order,
    SHAPES.c.occluded,
    SHAPES.c.outside,
    cast(SHAPES.c.attributes, Text),
    SHAPES.c.group_id,
    SHAPES.c.source,
    SHAPES.c.score,
)
_TAG_COLUMNS = (
    TAGS.c.id,
    TAGS.c.label_id,
    TAGS.c.frame,
    TAGS.c.stop_frame,
    cast(TAGS.c.attributes, Text),
    TAGS.c.source,
    TAGS.c.score,
)


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
    stream = _Stream(session, settings, fmt, task_rows, result, annotated_only, images)
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


class _Stream:
    def __init__(
        self,
        session: Session,
        settings: Settings,
        fmt: Format,
        task_rows: list[Task],
        result: ExportResult,
        annotated_only: bool,
        images: bool,
    ) -> None:
        self.session, self.fmt, self.task_rows = session, fmt, task_rows
        self.result, self.annotated_only, self.images = result, annotated_only, images
        self.store = MediaStore(settings.media_dir)
        self.kinds = fmt.carries.kinds

    def items(self) -> Iterator[RecordItem]:
        for task in self.task_rows:
            expanded = {} if self.fmt.carries.tracks else self._expanded_tracks(task.id)
            yield from self._task_items(task, expanded)

    def tracks(self) -> Iterator[DatasetTrack]:
        if not self.fmt.carries.tracks:
            return
        for task in self.task_rows:
            for track in self._tracks(task.id):
                self.result.counts["track"] += 1
                yield DatasetTrack(task.subset, track)

    def _task_items(self, task: Task, expanded: dict[int, list[ShapeRecord]]) -> Iterator[RecordItem]:
        jobs = list(
            self.session.execute(
                select(Job.id, Job.frame_start, Job.frame_stop)
                .where(Job.task_id == task.id, Job.kind == "annotation")
                .order_by(Job.frame_start)
            )
        )
        counts, dropped, kinds = self.result.counts, self.result.dropped, self.kinds
        carries_tags = "tag" in kinds
        emitted = -1
        for job_id, start, stop in jobs:
            shapes = _by_frame(self._shapes(job_id))
            tags = _by_frame(self._tags(job_id))
            next_shapes = next(shapes, None)
            next_tags = next(tags, None)
            media = self.session.execute(
                select(
                    MediaItem.frame, MediaItem.name, MediaItem.width, MediaItem.height, MediaItem.content_hash
                )
                .where(
                    MediaItem.task_id == task.id,
                    MediaItem.frame >= max(start, emitted + 1),
                    MediaItem.frame <= stop,
                )
                .order_by(MediaItem.frame),
                execution_options={"yield_per": YIELD_PER},
            )
            for frame, name, width, height, content_hash in media:
                item_shapes: list[ShapeRecord] = []
                while next_shapes is not None and next_shapes[0] <= frame:
                    if next_shapes[0] == frame:
                        item_shapes = next_shapes[1]
                    next_shapes = next(shapes, None)
                item_tags: list[TagRecord] = []
                while next_tags is not None and next_tags[0] <= frame:
                    if next_tags[0] == frame:
                        item_tags = next_tags[1]
                    next_tags = next(tags, None)
                if frame in expanded:
                    item_shapes = item_shapes + expanded[frame]
                if item_shapes:
                    item_shapes = self._carried(item_shapes)
                if item_tags and not carries_tags:
                    dropped["tag"] += len(item_tags)
                    item_tags = []
                emitted = frame
                if self.annotated_only and not (item_shapes or item_tags):
                    continue
                self.result.items += 1
                for shape in item_shapes:
                    counts[shape["kind"]] += 1
                if item_tags:
                    counts["tag"] += len(item_tags)
                image = self.store.path(content_hash) if self.images else None
                yield RecordItem(name, task.subset, frame, width, height, image, item_shapes, item_tags)

    def _carried(self, shapes: list[ShapeRecord]) -> list[ShapeRecord]:
        kinds = self.kinds
        kept = [s for s in shapes if s["kind"] in kinds]
        if len(kept) != len(shapes):
            for s in shapes:
                if s["kind"] not in kinds:
                    self.result.dropped[s["kind"]] += 1
        return kept

    def _shapes(self, job_id: int) -> Iterator[tuple[int, ShapeRecord]]:
        rows = self.session.execute(
            select(*_SHAPE_COLUMNS).where(SHAPES.c.job_id == job_id).order_by(SHAPES.c.frame, SHAPES.c.id),
            execution_options={"yield_per": YIELD_PER},
        )
        for row in rows:
            id_, kind, label_id, frame, geometry, z, occluded, outside, attributes, group, source, score = row
            record: ShapeRecord = {
                "id": id_,
                "kind": kind,
                "label_id": label_id,
                "geometry": _loads(geometry),
                "z_order": z,
                "occluded": bool(occluded),
                "outside": bool(outside),
                "attributes": {} if attributes == "{}" else _loads(attributes),
                "group": group,
                "source": source,
                "score": score,
            }
            yield frame, record

    def _tags(self, job_id: int) -> Iterator[tuple[int, TagRecord]]:
        rows = self.session.execute(
            select(*_TAG_COLUMNS).where(TAGS.c.job_id == job_id).order_by(TAGS.c.frame, TAGS.c.id)
        )
        for id_, label_id, frame, stop_frame, attributes, source, score in rows:
            record: TagRecord = {
                "id": id_,
                "label_id": label_id,
                "stop_frame": stop_frame,
                "attributes": {} if attributes == "{}" else _loads(attributes),
                "source": source,
                "score": score,
            }
            yield frame, record

    def _tracks(self, task_id: int) -> Iterator[Track]:
        job_ids = select(Job.id).where(Job.task_id == task_id, Job.kind == "annotation")
        rows = self.session.execute(
            select(*TRACK_SELECT).where(TRACKS.c.job_id.in_(job_ids)).order_by(TRACKS.c.frame)
        )
        for row in rows:
            yield track_from_dict(track_wire(tuple(row)))

    def _expanded_tracks(self, task_id: int) -> dict[int, list[ShapeRecord]]:
        """Keyframes that are not outside, as shapes on their frames (interpolation is not available yet)."""
        out: dict[int, list[ShapeRecord]] = defaultdict(list)
        for track in self._tracks(task_id):
            for k in track.keyframes:
                if k.outside:
                    continue
                out[k.frame].append(
                    {
                        "id": f"{track.id}@{k.frame}",
                        "kind": track.kind,
                        "label_id": track.label_id,
                        "geometry": get_kind(track.kind).dump(k.geometry),
                        "z_order": track.z_order,
                        "occluded": k.occluded,
                        "outside": False,
                        "attributes": {**track.attributes, **k.attributes},
                        "group": track.group,
                        "source": k.source.value,
                        "score": None,
                    }
                )
        return out


def _by_frame(rows: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, list[Any]]]:
    """(frame, records of that frame) from rows sorted by frame."""
    current: list[Any] = []
    current_frame = -1
    for frame, record in rows:
        if frame != current_frame:
            if current:
                yield current_frame, current
            current, current_frame = [], frame
        current.append(record)
    if current:
        yield current_frame, current
