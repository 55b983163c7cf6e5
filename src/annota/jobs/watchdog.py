"""Keeping jobs alive across dead workers and lost messages.

Each worker process runs one watchdog thread. Every `BEAT_EVERY_S` it writes a heartbeat on the
jobs its runner holds; every sweep it:

1. puts back in the queue every running job whose heartbeat is older than ``stale_after`` (its worker
   died: killed, out of memory, machine lost). The sweep is one conditional UPDATE, so when several
   workers sweep at once each stale job is released once;
2. enqueues again every job queued for longer than ``stale_after`` that has no message in the queue
   (the process that created it died between the commit and the enqueue, or Redis lost its data).
   A job must be seen so in two sweeps in a row: between a worker's dequeue and its claim, a job is
   queued without a message for a few milliseconds, and once is not evidence.

On SQLite a long import holds the write lock; heartbeats (and sweeps) then wait for it, which is
harmless: the import's own transaction ends the job, so it is never found stale afterwards.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy.exc import OperationalError

from annota.jobs.queue import JobQueue
from annota.jobs.runner import JobRunner
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.types import utcnow

log = logging.getLogger("annota.jobs")

BEAT_EVERY_S = 2.0
DEFAULT_STALE_AFTER_S = 30.0
MIN_STALE_AFTER_S = 3 * BEAT_EVERY_S


class Watchdog:
    def __init__(
        self, database: Database, queue: JobQueue, runner: JobRunner, *, stale_after_s: float
    ) -> None:
        if stale_after_s < MIN_STALE_AFTER_S:
            raise ValueError(f"stale_after_s: must be at least {MIN_STALE_AFTER_S} s, got {stale_after_s}")
        self.database, self.queue, self.runner = database, queue, runner
        self.stale_after_s = stale_after_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._messageless: set[int] = set()

    def beat(self) -> None:
        held = self.runner.held()
        if held:
            with self.database.write() as session:
                job_records.beat(session, held)

    def sweep(self) -> list[int]:
        """One pass; returns the ids of the jobs it enqueued again."""
        cutoff = utcnow() - timedelta(seconds=self.stale_after_s)
        with self.database.write() as session:
            released = job_records.release_stale(session, cutoff)
        for job_id in released:
            log.warning("background job %s: its worker stopped beating; queued again", job_id)
            self.queue.enqueue(job_id)
        with self.database.session() as session:
            waiting = job_records.queued_since(session, cutoff)
        messageless = set(waiting) - self.queue.waiting_job_ids() - set(released) if waiting else set()
        lost = sorted(messageless & self._messageless)
        self._messageless = messageless - set(lost)
        for job_id in lost:
            log.warning("background job %s: queued without a queue message; enqueued again", job_id)
            self.queue.enqueue(job_id)
        return released + lost

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="annota-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _loop(self) -> None:
        sweep_every = max(self.stale_after_s / 3, BEAT_EVERY_S)
        since_sweep = sweep_every  # sweep at once: a restarted worker picks up its predecessor's jobs
        while not self._stop.is_set():
            try:
                self.beat()
                if since_sweep >= sweep_every:
                    since_sweep = 0.0
                    self.sweep()
            except OperationalError:
                # SQLite busy past its timeout (a long import): try again at the next tick.
                log.info("watchdog: database busy, trying again", exc_info=True)
            except Exception:
                log.exception("watchdog: pass failed")
            self._stop.wait(BEAT_EVERY_S)
            since_sweep += BEAT_EVERY_S
