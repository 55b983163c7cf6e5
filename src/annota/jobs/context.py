"""What a job kind sees while it runs: its parameters, progress reporting, cancellation, guarded writes.

A kind reports progress often (every item, every frame): `report` publishes at most every
`PUBLISH_EVERY_S` and checks for a cancel request at most every `CANCEL_CHECK_EVERY_S`, so the
calls cost nothing in a tight loop. Writes that make the job's effect happen go through
`guarded()` (or end with `succeed()` inside the kind's own transaction): a worker that lost the job
to another cannot write.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from annota.formats.registry import FormatRegistry
from annota.jobs.errors import JobCancelled
from annota.jobs.signals import LiveSignals
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.job_records import Claim

PUBLISH_EVERY_S = 0.25
CANCEL_CHECK_EVERY_S = 0.25
# The database flag is the durable one; the live signal is the fast one. Read the database less often.
DATABASE_CHECK_EVERY_S = 2.0
JOBS_FOLDER = "jobs"


@dataclass
class JobContext:
    claim: Claim
    settings: Settings
    database: Database
    signals: LiveSignals
    registry: FormatRegistry
    _published: float = field(default=0.0, repr=False)
    _checked: float = field(default=0.0, repr=False)
    _checked_database: float = field(default_factory=time.monotonic, repr=False)

    @property
    def job_id(self) -> int:
        return self.claim.job_id

    @property
    def params(self) -> Mapping[str, Any]:
        return self.claim.params

    @property
    def folder(self) -> Path:
        """Where the job keeps its files (an uploaded dataset, an export), under `settings.job_files_root`."""
        name = self.claim.params.get("folder") or f"{JOBS_FOLDER}/{self.claim.job_id}"
        return Path(self.settings.job_files_root) / str(name)

    def report(self, progress: float, message: str, *, force: bool = False) -> None:
        """Progress in 0..1 with what is being done; raises JobCancelled when asked to stop."""
        now = time.monotonic()
        if force or now - self._published >= PUBLISH_EVERY_S:
            self._published = now
            self.signals.publish(self.claim.job_id, progress, message)
        self.check_cancelled(now)

    def check_cancelled(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if now - self._checked < CANCEL_CHECK_EVERY_S:
            return
        self._checked = now
        if self.signals.cancel_asked(self.claim.job_id):
            raise JobCancelled()
        if now - self._checked_database >= DATABASE_CHECK_EVERY_S:
            self._checked_database = now
            with self.database.session() as session:
                if job_records.is_cancel_requested(session, self.claim.job_id):
                    raise JobCancelled()

    @contextmanager
    def guarded(self) -> Iterator[Session]:
        """A write transaction that fails with LostClaim (writing nothing) unless this attempt still
        holds the job."""
        with self.database.write() as session:
            job_records.guard(session, self.claim)
            yield session

    def succeed(self, session: Session, result: Mapping[str, Any], message: str) -> None:
        """Mark the job succeeded inside `session` (the transaction that made its effect, if any)."""
        job_records.finish(session, self.claim, "succeeded", message=message, result=result)
