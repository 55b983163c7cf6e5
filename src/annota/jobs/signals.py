"""Live progress and cancel requests, kept in the queue's storage (Huey's key-value store).

Why not only the job row: on SQLite an import holds the database's single write lock for its whole
transaction (it is all or nothing), so neither its progress nor a cancel request could be written
to the database until it ends. The queue's storage is another file (or Redis), shared by every
process like the database, so progress shows and a cancel request lands at once. The job row still
gets the progress at every state change and the final outcome; these signals only fill the gaps.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import orjson
from huey.constants import EmptyData
from huey.storage import BaseStorage

_PROGRESS = "annota:progress:{}"
_CANCEL = "annota:cancel:{}"


@dataclass(frozen=True, slots=True)
class LiveProgress:
    progress: float
    message: str
    at: float  # time.time() of the report


class LiveSignals:
    def __init__(self, storage: BaseStorage) -> None:
        self._storage = storage

    def publish(self, job_id: int, progress: float, message: str) -> None:
        value = {"progress": min(max(progress, 0.0), 1.0), "message": message, "at": time.time()}
        self._storage.put_data(_PROGRESS.format(job_id), orjson.dumps(value))

    def progress_of(self, job_ids: Iterable[int]) -> dict[int, LiveProgress]:
        keys = {_PROGRESS.format(job_id): job_id for job_id in job_ids}
        if not keys:
            return {}
        found = self._storage.peek_many(list(keys))
        out = {}
        for key, raw in found.items():
            key = key.decode() if isinstance(key, bytes) else key
            if raw is EmptyData or raw is None or key not in keys:
                continue
            value = orjson.loads(bytes(raw))
            out[keys[key]] = LiveProgress(float(value["progress"]), str(value["message"]), float(value["at"]))
        return out

    def ask_to_cancel(self, job_id: int) -> None:
        self._storage.put_data(_CANCEL.format(job_id), b"1")

    def cancel_asked(self, job_id: int) -> bool:
        return self._storage.peek_data(_CANCEL.format(job_id)) is not EmptyData

    def forget_progress(self, job_id: int) -> None:
        self._storage.delete_data(_PROGRESS.format(job_id))

    def forget(self, job_id: int) -> None:
        """Drop everything about a finished job."""
        self._storage.delete_data(_PROGRESS.format(job_id))
        self._storage.delete_data(_CANCEL.format(job_id))
