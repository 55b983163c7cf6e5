"""Running one job: claim it, run its kind, record how it ended.

Outcomes:
- the kind called `JobContext.succeed` → succeeded (recorded in the kind's own transaction);
- JobCancelled → cancelled; JobFailed → failed with its located problems (no retry: it would fail
  the same way);
- RetryLater → back to the queue after its delay (counts as an attempt);
- LostClaim → nothing: another worker holds the job now;
- anything else → a bug or an outage: back to the queue while Huey has retries left, else failed
  with ``internal_error`` (the exception goes to the log, never into the record).

A job id may be delivered twice (a duplicate message, a retry racing a sweep): the claim makes
the second delivery a no-op, so re-running a job id never repeats its work.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Mapping

from huey.exceptions import RetryTask

from annota.formats.registry import FormatRegistry, load_registry
from annota.jobs.context import JobContext
from annota.jobs.errors import ErrorItem, JobCancelled, JobFailed, RetryLater, error_item
from annota.jobs.queue import MAX_ATTEMPTS, JobQueue
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.job_records import Claim, LostClaim

log = logging.getLogger("annota.jobs")

Kind = Callable[[JobContext], None]


def worker_name() -> str:
    """Names the process in job rows: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobRunner:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        queue: JobQueue,
        kinds: Mapping[str, Kind],
        *,
        registry: FormatRegistry | None = None,
        name: str | None = None,
    ) -> None:
        self.settings, self.database, self.queue, self.kinds = settings, database, queue, kinds
        self._registry = registry
        self.name = name or worker_name()
        self._held: dict[int, int] = {}
        self._lock = threading.Lock()

    @property
    def registry(self) -> FormatRegistry:
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    def held(self) -> list[tuple[int, int]]:
        """(job id, attempt) of the jobs this runner is running now (for heartbeats)."""
        with self._lock:
            return list(self._held.items())

    def __call__(self, job_id: int, retries_left: int) -> None:
        self.run(job_id, retries_left)

    def run(self, job_id: int, retries_left: int = 0) -> None:
        with self.database.write() as session:
            claim = job_records.claim(session, job_id, self.name, max_attempts=MAX_ATTEMPTS)
        if claim is None:
            log.info("background job %s: not claimable (finished, cancelled or running elsewhere)", job_id)
            self.queue.signals.forget_progress(job_id)
            return
        with self._lock:
            self._held[job_id] = claim.attempt
        try:
            self._run_claimed(claim, retries_left)
        finally:
            with self._lock:
                self._held.pop(job_id, None)

    def _run_claimed(self, claim: Claim, retries_left: int) -> None:
        kind = self.kinds.get(claim.kind)
        if kind is None:
            msg = f"unknown job kind {claim.kind!r}"
            self._end(claim, "failed", msg, [error_item(("kind",), msg, "unknown_kind")])
            return
        self.queue.signals.forget_progress(claim.job_id)
        context = JobContext(claim, self.settings, self.database, self.queue.signals, self.registry)
        try:
            context.report(0.0, "started", force=True)
            kind(context)
        except JobCancelled:
            self._end(claim, "cancelled", "cancelled")
        except JobFailed as failure:
            self._end(claim, "failed", failure.message, failure.problems)
        except LostClaim:
            log.warning("background job %s: attempt %s lost its claim", claim.job_id, claim.attempt)
        except RetryLater as later:
            self._retry(claim, later.message)
            raise RetryTask(delay=later.delay_s) from None
        except Exception:
            log.exception("background job %s (%s) crashed", claim.job_id, claim.kind)
            if retries_left > 0:
                self._retry(claim, "failed unexpectedly: trying again")
                raise
            problem = error_item((), "internal error: see the worker's log", "internal_error")
            self._end(claim, "failed", "internal error", [problem])
        else:
            self._finished_or_fail(claim)

    def _end(self, claim: Claim, status: str, message: str, error: list[ErrorItem] | None = None) -> None:
        try:
            with self.database.write() as session:
                job_records.finish(session, claim, status, message=message, error=error)
        except LostClaim:
            log.warning("background job %s: could not record %s, the claim was lost", claim.job_id, status)
        self.queue.signals.forget(claim.job_id)

    def _retry(self, claim: Claim, message: str) -> None:
        with self.database.write() as session:
            job_records.requeue(session, claim, message)
        self.queue.signals.forget_progress(claim.job_id)

    def _finished_or_fail(self, claim: Claim) -> None:
        """A kind returns after `succeed`; returning without it is a bug of the kind."""
        with self.database.session() as session:
            status = job_records.get_job(session, claim.job_id).status
        if status == "running":
            msg = f"the {claim.kind} job ended without a result"
            self._end(claim, "failed", msg, [error_item((), msg, "internal_error")])
        else:
            self.queue.signals.forget(claim.job_id)
