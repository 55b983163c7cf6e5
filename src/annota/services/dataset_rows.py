"""Annotation rows written in bulk for imports: tuples straight to the driver, ids in insertion order.

An import writes up to millions of rows in one transaction, so it skips the ORM and SQLAlchemy's per-row
parameter processing: rows are tuples, JSON columns are serialised once by orjson, and ids are UUID-shaped
strings that grow monotonically (a random prefix per import, then a counter) so that the primary-key index
is appended to rather than written all over. Rows are sent in batches on the driver's own cursor, inside the
caller's single write transaction: INSERTs of 64 rows each on SQLite, ``COPY ... FROM STDIN`` on
PostgreSQL, from a second thread so that storing a batch overlaps with reading the next. Every touched
job's revision is bumped once (by that thread, when the job's first rows go), and its rows are stamped with
the new revision, as a save would do (ADR 0001).
"""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import orjson
from sqlalchemy import Connection, Table, update

from annota.domain.tracks import Track, keyframe_to_dict
from annota.formats.records import Fields, ShapeRecord, TagRecord
from annota.storage.annotation_rows import SHAPES, TAGS, TRACKS
from annota.storage.tables import Job

JOBS: Table = Job.__table__  # type: ignore[assignment]
BATCH = 20_000
ROWS_PER_INSERT = 64  # SQLite: one INSERT of many rows beats executemany (64 x 14 values < 999 variables)
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
_TABLES = {
    "shapes": (SHAPES, _SHAPE_COLUMNS),
    "tracks": (TRACKS, _TRACK_COLUMNS),
    "tags": (TAGS, _TAG_COLUMNS),
}
_EMPTY = "{}"
_dumps = orjson.dumps


def _json(value: Any) -> str:
    return _EMPTY if not value else _dumps(value).decode()


class IdMaker:
    """``xxxxxxxx-xxxx-xxxx-xxxx-<12 hex digit counter>``: unique per import, increasing within it."""

    def __init__(self) -> None:
        h = uuid.uuid4().hex
        self._prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-"
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return f"{self._prefix}{self._next:012x}"

    def many(self, count: int) -> list[str]:
        """The next `count` ids."""
        prefix, start = self._prefix, self._next + 1
        self._next += count
        return [f"{prefix}{n:012x}" for n in range(start, start + count)]


class _Sender:
    """Sends batches from a second thread, so that the database stores one batch while the next is parsed:
    sqlite3 and libpq let go of the GIL while they work, and the machine has more than one core. The caller
    must `wait` before it uses the connection itself; the thread's error comes back from `put` or `wait`."""

    def __init__(self, send: Callable[[str, list[tuple[Any, ...]]], None]) -> None:
        self._send = send
        self._queue: queue.Queue[tuple[str, list[tuple[Any, ...]]] | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="annota-rows", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._send(*batch)
                except BaseException as error:  # handed to the caller's thread by put or wait
                    self._error = error
            self._queue.task_done()
        self._queue.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def put(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        self._raise()
        self._queue.put((name, rows))

    def wait(self) -> None:
        self._queue.join()
        self._raise()

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


class RowWriter:
    """Buffers rows per table and writes them in batches on `connection` (inside the caller's transaction).

    Batches go out from a second thread (`_Sender`): `wait` before using the connection for anything else,
    and `close` at the end, whatever happened.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._sender = _Sender(self._send)
        self.ids = IdMaker()
        self.revisions: dict[int, int] = {}
        self.counts = {"shapes": 0, "tracks": 0, "tags": 0}
        self._rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
        self._copy = connection.dialect.name == "postgresql"
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self._sql: dict[str, str] = {}
        self._many: dict[str, str] = {}
        for name, (table, cols) in _TABLES.items():
            columns = ", ".join(cols)
            values = f"({', '.join([marker] * len(cols))})"
            if self._copy:
                self._sql[name] = f"COPY {table.name} ({columns}) FROM STDIN"
            else:
                self._sql[name] = f"INSERT INTO {table.name} ({columns}) VALUES {values}"
                self._many[name] = f"INSERT INTO {table.name} ({columns}) VALUES " + ", ".join(
                    [values] * ROWS_PER_INSERT
                )

    def _revisions(self, job_ids: set[int]) -> dict[int, int]:
        """The new revision of each job, bumped (row-locked on PostgreSQL) when the import first touches it.

        Runs where the rows are sent, just before them: a job first touched mid-import must not make the
        reader wait for the rows already on their way."""
        for job_id in job_ids - self.revisions.keys():
            self.revisions[job_id] = self.connection.execute(
                update(JOBS)
                .where(JOBS.c.id == job_id)
                .values(revision=JOBS.c.revision + 1)
                .returning(JOBS.c.revision)
            ).scalar_one()
        return self.revisions

    def shape(self, job_id: int, label_id: int, frame: int, record: ShapeRecord, geometry: Fields) -> None:
        """`geometry`: the record's geometry fields, checked and canonical."""
        self.shapes(job_id, frame, [(label_id, record, geometry)])

    def shapes(self, job_id: int, frame: int, entries: Sequence[tuple[int, ShapeRecord, Fields]]) -> None:
        """The shapes of one item: (project label id, record, its checked geometry fields) each."""
        rows, dumps = self._rows["shapes"], _dumps
        for shape_id, (label_id, record, geometry) in zip(self.ids.many(len(entries)), entries, strict=True):
            attributes = record["attributes"]
            rows.append(
                (
                    shape_id,
                    job_id,
                    label_id,
                    record["kind"],
                    frame,
                    record["z_order"],
                    record["occluded"],
                    record["outside"],
                    dumps(attributes).decode() if attributes else _EMPTY,
                    record["group"],
                    record["source"],
                    record["score"],
                    dumps(geometry).decode(),
                )
            )
        if len(rows) >= BATCH:
            self._flush("shapes")

    def tag(self, job_id: int, label_id: int, frame: int, stop_frame: int, record: TagRecord) -> None:
        rows = self._rows["tags"]
        rows.append(
            (
                self.ids(),
                job_id,
                label_id,
                frame,
                stop_frame,
                _json(record["attributes"]),
                record["source"],
                record["score"],
            )
        )
        if len(rows) >= BATCH:
            self._flush("tags")

    def track(self, job_id: int, label_id: int, track: Track, frames: Sequence[int]) -> None:
        """`frames[i]` is the task frame of keyframe i."""
        keyframes = []
        for keyframe, frame in zip(track.keyframes, frames, strict=True):
            wire = keyframe_to_dict(keyframe, track.kind)
            wire["frame"] = frame
            keyframes.append(wire)
        self._rows["tracks"].append(
            (
                self.ids(),
                job_id,
                label_id,
                track.kind,
                frames[0],
                track.z_order,
                _json(track.attributes),
                track.group,
                track.source.value,
                _dumps(keyframes).decode(),
            )
        )
        if len(self._rows["tracks"]) >= BATCH:
            self._flush("tracks")

    def flush(self) -> None:
        """Every buffered row sent, and stored."""
        for name in _TABLES:
            self._flush(name)
        self.wait()

    def wait(self) -> None:
        """Until the rows sent so far are stored (raises what storing them raised)."""
        self._sender.wait()

    def close(self) -> None:
        self._sender.close()

    def _flush(self, name: str) -> None:
        rows = self._rows[name]
        if rows:
            self._rows[name] = []
            self.counts[name] += len(rows)
            self._sender.put(name, rows)

    def _send(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        """Rows (the job id second, the revision not yet there) stored with their job's new revision."""
        revisions = self._revisions({row[1] for row in rows})
        full = [(*row, revisions[row[1]]) for row in rows]
        cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if self._copy:
                with cursor.copy(self._sql[name]) as copy:
                    for row in full:
                        copy.write_row(row)
            else:
                whole = len(full) - len(full) % ROWS_PER_INSERT
                many = self._many[name]
                for start in range(0, whole, ROWS_PER_INSERT):
                    cursor.execute(many, list(chain.from_iterable(full[start : start + ROWS_PER_INSERT])))
                if whole < len(full):
                    cursor.executemany(self._sql[name], full[whole:])
        finally:
            cursor.close()
