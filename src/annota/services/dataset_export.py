"""Export a project's annotations to a dataset format, streamed from the database (issue 5).

Memory stays flat: tasks are read one at a time (ordered by subset, so each subset's items come together),
and inside a task, jobs in frame order and their shapes and tags with server-side cursors, batch by batch.
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

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.domain.labels import Label
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.domain.tracks import Track, track_from_dict
from annota.formats.base import Dataset, DatasetTrack, Format, Item, WriteOptions
from annota.formats.output import open_output
from annota.formats.registry import FormatRegistry
from annota.settings import Settings
from annota.storage import projects
from annota.storage.annotation_rows import (
    SHAPE_SELECT,
    SHAPES,
    TAG_SELECT,
    TAGS,
    TRACK_SELECT,
    TRACKS,
    track_wire,
)
from annota.storage.errors import NotFound
from annota.storage.media_store import MediaStore
from annota.storage.tables import Job, MediaItem, Task

YIELD_PER = 10_000


@dataclass
class ExportResult:
    format: str
    target: Path
    items: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # written: "rectangle", "tag", "track"...
    dropped: Counter[str] = field(default_factory=Counter)  # kinds the format cannot hold


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
    stream = _Stream(session, settings, fmt, labels, task_rows, result, annotated_only)
    items: Any = stream.items()
    if progress:
        items = tqdm(items, desc="exporting items", unit="item")
    dataset = Dataset(tuple(labels.values()), items, stream.tracks(), {"project_id": project_id})
    output = open_output(target)
    try:
        fmt.write(dataset, output, WriteOptions(with_images=with_images))
    except BaseException:
        output.close()
        if target.suffix.lower() == ".zip":
            target.unlink(missing_ok=True)
        raise
    output.close()
    return result


class _FrameCursor:
    """Objects sorted by frame, handed out frame by frame as the media rows go by (a merge join)."""

    def __init__(self, objects: Iterator[Any]) -> None:
        self._objects = objects
        self._next: Any = next(objects, None)

    def take(self, frame: int) -> list[Any]:
        out = []
        while self._next is not None and self._next.frame <= frame:
            if self._next.frame == frame:
                out.append(self._next)
            self._next = next(self._objects, None)
        return out


class _Stream:
    def __init__(
        self,
        session: Session,
        settings: Settings,
        fmt: Format,
        labels: dict[int, Label],
        task_rows: list[Task],
        result: ExportResult,
        annotated_only: bool,
    ) -> None:
        self.session, self.fmt, self.labels, self.task_rows = session, fmt, labels, task_rows
        self.result, self.annotated_only = result, annotated_only
        self.store = MediaStore(settings.media_dir)
        self.kinds = fmt.carries.kinds

    def items(self) -> Iterator[Item]:
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

    def _task_items(self, task: Task, expanded: dict[int, list[Shape]]) -> Iterator[Item]:
        jobs = list(
            self.session.execute(
                select(Job.id, Job.frame_start, Job.frame_stop)
                .where(Job.task_id == task.id, Job.kind == "annotation")
                .order_by(Job.frame_start)
            )
        )
        emitted = -1
        for job_id, start, stop in jobs:
            shapes = _FrameCursor(self._shapes(job_id))
            tags = _FrameCursor(self._tags(job_id))
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
                item_shapes = self._carried(shapes.take(frame) + expanded.get(frame, []))
                item_tags = tags.take(frame)
                if item_tags and "tag" not in self.kinds:
                    self.result.dropped["tag"] += len(item_tags)
                    item_tags = []
                emitted = frame
                if self.annotated_only and not (item_shapes or item_tags):
                    continue
                self.result.items += 1
                for shape in item_shapes:
                    self.result.counts[shape.kind] += 1
                self.result.counts["tag"] += len(item_tags)
                image = self.store.path(content_hash)
                yield Item(
                    name, task.subset, frame, width, height, image, tuple(item_shapes), tuple(item_tags)
                )

    def _carried(self, shapes: list[Shape]) -> list[Shape]:
        kept = [s for s in shapes if s.kind in self.kinds]
        if len(kept) != len(shapes):
            for s in shapes:
                if s.kind not in self.kinds:
                    self.result.dropped[s.kind] += 1
        return kept

    def _shapes(self, job_id: int) -> Iterator[Shape]:
        rows = self.session.execute(
            select(*SHAPE_SELECT).where(SHAPES.c.job_id == job_id).order_by(SHAPES.c.frame, SHAPES.c.id),
            execution_options={"yield_per": YIELD_PER},
        )
        for (
            id_,
            kind,
            label_id,
            frame,
            geometry,
            z,
            occluded,
            outside,
            attributes,
            group,
            source,
            score,
        ) in rows:
            ops = get_kind(kind)
            parsed, problems = ops.parse(geometry, ())
            if parsed is None:
                raise ValueError(f"stored shape {id_} has invalid geometry: {problems}")
            yield Shape(
                id_,
                kind,
                label_id,
                frame,
                parsed,
                z,
                occluded,
                outside,
                attributes,
                group,
                Source(source),
                score,
            )

    def _tags(self, job_id: int) -> Iterator[Tag]:
        rows = self.session.execute(select(*TAG_SELECT).where(TAGS.c.job_id == job_id).order_by(TAGS.c.frame))
        for id_, label_id, frame, stop_frame, attributes, source, score in rows:
            yield Tag(id_, label_id, frame, stop_frame, attributes, Source(source), score)

    def _tracks(self, task_id: int) -> Iterator[Track]:
        job_ids = select(Job.id).where(Job.task_id == task_id, Job.kind == "annotation")
        rows = self.session.execute(
            select(*TRACK_SELECT).where(TRACKS.c.job_id.in_(job_ids)).order_by(TRACKS.c.frame)
        )
        for row in rows:
            yield track_from_dict(track_wire(tuple(row)))

    def _expanded_tracks(self, task_id: int) -> dict[int, list[Shape]]:
        """Keyframes that are not outside, as shapes on their frames (interpolation is not available yet)."""
        out: dict[int, list[Shape]] = defaultdict(list)
        for track in self._tracks(task_id):
            for k in track.keyframes:
                if k.outside:
                    continue
                shape = Shape(
                    f"{track.id}@{k.frame}",
                    track.kind,
                    track.label_id,
                    k.frame,
                    k.geometry,
                    track.z_order,
                    k.occluded,
                    False,
                    {**track.attributes, **k.attributes},
                    track.group,
                    k.source,
                )
                out[k.frame].append(shape)
        return out
