"""Annotation rows written in bulk for imports: plain DB-API executemany, ids in insertion order.

An import writes up to millions of rows in one transaction, so it skips the ORM and SQLAlchemy's per-row
parameter processing: rows are tuples, JSON columns are serialised once by orjson, and ids are UUID-shaped
strings that grow monotonically (a random prefix per import, then a counter) so that the primary-key index
is appended to rather than written all over. Every touched job's revision is bumped once, and its rows are
stamped with the new revision, as a save would do (ADR 0001).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, Table, update

from annota.domain.shapes.base import Shape
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.domain.tracks import Track, keyframe_to_dict
from annota.storage.annotation_rows import SHAPES, TAGS, TRACKS
from annota.storage.tables import Job

JOBS: Table = Job.__table__  # type: ignore[assignment]
BATCH = 20_000
_SHAPE_COLUMNS = (
    "id",
    "job_id",
    "label_id",
    "kind",
    "frame",
    "z_order",
    "occluded",
    "outside",
    "attributes",
    "group_id",
    "source",
    "score",
    "geometry",
    "revision",
)
_TRACK_COLUMNS = (
    "id",
    "job_id",
    "label_id",
    "kind",
    "frame",
    "z_order",
    "attributes",
    "group_id",
    "source",
    "keyframes",
    "revision",
)
_TAG_COLUMNS = (
    "id",
    "job_id",
    "label_id",
    "frame",
    "stop_frame",
    "attributes",
    "source",
    "score",
    "revision",
)
_EMPTY = "{}"


def _dumps(value: Any) -> str:
    return _EMPTY if not value else orjson.dumps(value).decode()


class IdMaker:
    """``xxxxxxxx-xxxx-xxxx-xxxx-<12 hex digit counter>``: unique per import, increasing within it."""

    def __init__(self) -> None:
        h = uuid.uuid4().hex
        self._prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-"
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return f"{self._prefix}{self._next:012x}"


class RowWriter:
    """Buffers rows per table and writes them in batches on `connection` (inside the caller's transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.ids = IdMaker()
        self.revisions: dict[int, int] = {}
        self.counts = {"shapes": 0, "tracks": 0, "tags": 0}
        self._shapes: list[tuple[Any, ...]] = []
        self._tracks: list[tuple[Any, ...]] = []
        self._tags: list[tuple[Any, ...]] = []
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self._sql = {
            name: f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join([marker] * len(cols))})"
            for name, table, cols in (
                ("shapes", SHAPES, _SHAPE_COLUMNS),
                ("tracks", TRACKS, _TRACK_COLUMNS),
                ("tags", TAGS, _TAG_COLUMNS),
            )
        }

    def revision(self, job_id: int) -> int:
        """The job's new revision, bumped (row-locked on PostgreSQL) when the import first touches it."""
        revision = self.revisions.get(job_id)
        if revision is None:
            revision = self.connection.execute(
                update(JOBS)
                .where(JOBS.c.id == job_id)
                .values(revision=JOBS.c.revision + 1)
                .returning(JOBS.c.revision)
            ).scalar_one()
            self.revisions[job_id] = revision
        return revision

    def shape(self, job_id: int, label_id: int, frame: int, shape: Shape) -> None:
        geometry = get_kind(shape.kind).dump(shape.geometry)
        self._shapes.append(
            (
                self.ids(),
                job_id,
                label_id,
                shape.kind,
                frame,
                shape.z_order,
                shape.occluded,
                shape.outside,
                _dumps(shape.attributes),
                shape.group,
                shape.source.value,
                shape.score,
                orjson.dumps(geometry).decode(),
                self.revision(job_id),
            )
        )
        if len(self._shapes) >= BATCH:
            self._flush("shapes", self._shapes)

    def tag(self, job_id: int, label_id: int, frame: int, stop_frame: int, tag: Tag) -> None:
        self._tags.append(
            (
                self.ids(),
                job_id,
                label_id,
                frame,
                stop_frame,
                _dumps(tag.attributes),
                tag.source.value,
                tag.score,
                self.revision(job_id),
            )
        )
        if len(self._tags) >= BATCH:
            self._flush("tags", self._tags)

    def track(self, job_id: int, label_id: int, track: Track, frames: Sequence[int]) -> None:
        """`frames[i]` is the task frame of keyframe i."""
        keyframes = []
        for keyframe, frame in zip(track.keyframes, frames, strict=True):
            wire = keyframe_to_dict(keyframe, track.kind)
            wire["frame"] = frame
            keyframes.append(wire)
        self._tracks.append(
            (
                self.ids(),
                job_id,
                label_id,
                track.kind,
                frames[0],
                track.z_order,
                _dumps(track.attributes),
                track.group,
                track.source.value,
                orjson.dumps(keyframes).decode(),
                self.revision(job_id),
            )
        )
        if len(self._tracks) >= BATCH:
            self._flush("tracks", self._tracks)

    def flush(self) -> None:
        self._flush("shapes", self._shapes)
        self._flush("tracks", self._tracks)
        self._flush("tags", self._tags)

    def _flush(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.connection.exec_driver_sql(self._sql[name], rows)
            self.counts[name] += len(rows)
            rows.clear()
