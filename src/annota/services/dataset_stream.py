"""A project's items read from the database as records, streamed, for an export.

Tasks one at a time (ordered by subset, so each subset's items come together); inside a task, jobs in frame
order, and for each job its media, shapes and tags merged by frame. Rows are read with the driver's own
cursor (server-side on PostgreSQL) and become records directly: stored geometry was checked when it was
written, so it is parsed by orjson only, never by a kind module. Shapes of kinds the format cannot hold are
left out and counted. Tracks go to formats that carry them; for the others each track is expanded to one
shape per frame where it is not outside, up to the task's last frame, as the domain's interpolation has it
(`annota.domain.interpolation`, docs/interpolation.md).
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections import defaultdict
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.domain.interpolation import expand
from annota.domain.shapes.registry import get_kind
from annota.domain.tracks import Track, track_from_dict
from annota.formats.base import DatasetTrack, Format
from annota.formats.records import RecordItem, ShapeRecord, TagRecord
from annota.settings import Settings
from annota.storage.annotation_rows import TRACK_SELECT, TRACKS, track_wire
from annota.storage.media_files import media_files
from annota.storage.tables import Job, Task

if TYPE_CHECKING:
    from annota.services.dataset_export import ExportResult

BATCH = 10_000
_loads = orjson.loads
_cursor_names = itertools.count()
_SQL = {
    "media": "SELECT frame, name, width, height, content_hash FROM media_items"
    " WHERE task_id = {p} AND frame >= {p} AND frame <= {p} ORDER BY frame",
    # JSON columns as text: orjson parses them here (psycopg would parse json with the json module)
    "shapes": "SELECT frame, id, kind, label_id, CAST(geometry AS TEXT), z_order, occluded, outside,"
    " CAST(attributes AS TEXT), group_id, source, score FROM shapes WHERE job_id = {p} ORDER BY frame, id",
    "tags": "SELECT frame, id, label_id, stop_frame, CAST(attributes AS TEXT), source, score FROM tags"
    " WHERE job_id = {p} ORDER BY frame, id",
}


class RecordStream:
    """The items (then the tracks) of `task_rows`, as the export of `fmt` wants them."""

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
        self.session, self.settings, self.fmt, self.task_rows = session, settings, fmt, task_rows
        self.result, self.annotated_only, self.images = result, annotated_only, images
        self.kinds = fmt.carries.kinds
        connection = session.connection()
        # The driver's own connection, taken here once: a second thread may fetch from it (`_ahead`), and
        # must not go through the session for that.
        self.driver: Any = connection.connection.driver_connection
        self.postgres = connection.dialect.name == "postgresql"
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self.sql = {name: sql.format(p=marker) for name, sql in _SQL.items()}

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

    def _rows(self, name: str, params: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        """Rows of query `name` (see `_batches`)."""
        for batch in self._batches(name, params):
            yield from batch

    def _batches(self, name: str, params: tuple[Any, ...]) -> Iterator[list[tuple[Any, ...]]]:
        """Batches of rows of query `name`, fetched by the driver itself (no per-row SQLAlchemy work)."""
        if self.postgres:  # a named cursor is a server-side one: rows stream instead of arriving at once
            cursor = self.driver.cursor(name=f"annota_export_{next(_cursor_names)}")
        else:
            cursor = self.driver.cursor()
        try:
            cursor.execute(self.sql[name], params)
            while batch := cursor.fetchmany(BATCH):
                yield batch
        finally:
            cursor.close()

    def _shape_batches(self, job_id: int) -> Iterator[list[tuple[Any, ...]]]:
        """The job's shape rows; on PostgreSQL fetched ahead by a second thread, so that the server prepares
        the next batch while this one becomes records (psycopg lets go of the GIL while it waits)."""
        batches = self._batches("shapes", (job_id,))
        return _ahead(batches) if self.postgres else batches

    def _task_items(self, task: Task, expanded: dict[int, list[ShapeRecord]]) -> Iterator[RecordItem]:
        query = (
            select(Job.id, Job.frame_start, Job.frame_stop)
            .where(Job.task_id == task.id, Job.kind == "annotation")
            .order_by(Job.frame_start)
        )
        jobs = list(self.session.execute(query))
        files = media_files(self.session, self.settings, task_id=task.id) if self.images else None
        counts, dropped, annotated_only = self.result.counts, self.result.dropped, self.annotated_only
        carries_tags = "tag" in self.kinds
        emitted = -1
        for job_id, start, stop in jobs:
            shapes, tags = self._shapes(job_id), self._tags(job_id)
            next_shapes, next_tags = next(shapes, None), next(tags, None)
            for frame, name, width, height, content_hash in self._rows(
                "media", (task.id, max(start, emitted + 1), stop)
            ):
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
                if item_tags and not carries_tags:
                    dropped["tag"] += len(item_tags)
                    item_tags = []
                emitted = frame
                if annotated_only and not (item_shapes or item_tags):
                    continue
                self.result.items += 1
                if item_shapes:
                    kind = item_shapes[0]["kind"]
                    if all(s["kind"] == kind for s in item_shapes):
                        counts[kind] += len(item_shapes)
                    else:
                        counts.update(s["kind"] for s in item_shapes)
                if item_tags:
                    counts["tag"] += len(item_tags)
                image = files.path(content_hash) if files else None  # S3, a connected bucket: cached copies
                yield RecordItem(name, task.subset, frame, width, height, image, item_shapes, item_tags)
            shapes.close()
            tags.close()

    def _shapes(self, job_id: int) -> Generator[tuple[int, list[ShapeRecord]], None, None]:
        """(frame, its shapes) by frame; shapes of kinds the format cannot hold are counted, not given."""
        kinds, dropped = self.kinds, self.result.dropped
        current: list[ShapeRecord] = []
        current_frame = -1
        for batch in self._shape_batches(job_id):
            for (
                frame,
                id_,
                kind,
                label_id,
                geometry,
                z,
                occluded,
                outside,
                attributes,
                group,
                source,
                score,
            ) in batch:
                if kind not in kinds:
                    dropped[kind] += 1
                    continue
                if frame != current_frame:
                    if current:
                        yield current_frame, current
                    current, current_frame = [], frame
                current.append(
                    {
                        "id": id_,
                        "kind": kind,
                        "label_id": label_id,
                        "geometry": _loads(geometry),
                        "z_order": z,
                        "occluded": occluded == 1,  # SQLite gives 0 or 1
                        "outside": outside == 1,
                        "attributes": {} if attributes == "{}" else _loads(attributes),
                        "group": group,
                        "source": source,
                        "score": score,
                    }
                )
        if current:
            yield current_frame, current

    def _tags(self, job_id: int) -> Generator[tuple[int, list[TagRecord]], None, None]:
        rows = self._rows("tags", (job_id,))
        for frame, group in itertools.groupby(rows, key=lambda row: row[0]):
            records: list[TagRecord] = [
                {
                    "id": id_,
                    "label_id": label_id,
                    "stop_frame": stop_frame,
                    "attributes": {} if attributes == "{}" else _loads(attributes),
                    "source": source,
                    "score": score,
                }
                for _, id_, label_id, stop_frame, attributes, source, score in group
            ]
            yield frame, records

    def _tracks(self, task_id: int) -> Iterator[Track]:
        job_ids = select(Job.id).where(Job.task_id == task_id, Job.kind == "annotation")
        rows = self.session.execute(
            select(*TRACK_SELECT).where(TRACKS.c.job_id.in_(job_ids)).order_by(TRACKS.c.frame)
        )
        for row in rows:
            yield track_from_dict(track_wire(tuple(row)))

    def _expanded_tracks(self, task_id: int) -> dict[int, list[ShapeRecord]]:
        """Each track's state on every frame where it is not outside, as shapes on their frames."""
        out: dict[int, list[ShapeRecord]] = defaultdict(list)
        query = select(func.max(Job.frame_stop)).where(Job.task_id == task_id, Job.kind == "annotation")
        last = self.session.scalar(query)
        for track in self._tracks(task_id):
            if not track.keyframes:
                continue
            first = track.keyframes[0].frame
            states = [s for s in expand(track, first, max(first, last or 0)) if not s.outside]
            if track.kind not in self.kinds:
                self.result.dropped[track.kind] += len(states)
                continue
            dump = get_kind(track.kind).dump
            for state in states:
                out[state.frame].append(
                    {
                        "id": f"{track.id}@{state.frame}",
                        "kind": track.kind,
                        "label_id": track.label_id,
                        "geometry": dump(state.geometry),
                        "z_order": track.z_order,
                        "occluded": state.occluded,
                        "outside": False,
                        "attributes": dict(state.attributes),
                        "group": track.group,
                        "source": state.source.value,
                        "score": None,
                    }
                )
        return out


_DONE = object()


def _ahead(batches: Iterator[list[Any]]) -> Generator[list[Any], None, None]:
    """`batches` fetched by a second thread, at most two ahead; closing this generator stops the thread."""
    found: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def offer(value: Any) -> bool:
        """Queues `value` unless the reader stopped first."""
        while not stop.is_set():
            try:
                found.put(value, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def fetch() -> None:
        try:
            for batch in batches:
                if not offer(batch):
                    return
            offer(_DONE)
        except BaseException as error:  # handed to the reading thread
            offer(error)
        finally:
            batches.close()  # type: ignore[attr-defined]

    thread = threading.Thread(target=fetch, name="annota-export-rows", daemon=True)
    thread.start()
    try:
        while (batch := found.get()) is not _DONE:
            if isinstance(batch, BaseException):
                raise batch
            yield batch
    finally:
        stop.set()
        thread.join()
