"""Submitting, cancelling and describing background jobs: what the API (and the CLI) call.

A job is committed to the database before its id goes into the queue: a worker never dequeues an id
it cannot find. If the process dies in between (or the enqueue fails), the job waits in ``queued``
until a worker's watchdog notices it has no queue message and enqueues it.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from annota.jobs.context import JOBS_FOLDER
from annota.jobs.queue import JobQueue
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.errors import Conflict
from annota.storage.job_tables import BackgroundJobRow

log = logging.getLogger("annota.jobs")

# Writes files the job needs into its (new, empty) folder; returns params to add. Raising undoes all.
Stage = Callable[[Path], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class JobState:
    """A job row with its live progress folded in (what the API shows)."""

    row: BackgroundJobRow
    progress: float
    message: str


def submit(
    settings: Settings,
    database: Database,
    queue: JobQueue,
    *,
    kind: str,
    params: Mapping[str, Any],
    created_by: int | None,
    project_id: int | None,
    stage: Stage | None = None,
) -> BackgroundJobRow:
    """Record a job (staging its files in its own folder under the data directory), then enqueue it."""
    folder_name = f"{JOBS_FOLDER}/{uuid.uuid4().hex}"
    folder = Path(settings.job_files_root) / folder_name
    try:
        with database.write() as session:
            row = job_records.create_job(
                session,
                kind=kind,
                params={**params, "folder": folder_name},
                created_by=created_by,
                project_id=project_id,
            )
            if stage is not None:
                folder.mkdir(parents=True)
                row.params = {**row.params, **stage(folder)}
                session.flush()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        queue.enqueue(row.id)
    except Exception:
        log.exception("background job %s: enqueue failed; a worker's watchdog will enqueue it", row.id)
    return row


def cancel(database: Database, queue: JobQueue, job_id: int) -> BackgroundJobRow:
    """Cancel a queued job, or ask a running one to stop (Conflict when it succeeded or failed).

    The live signal goes first: on SQLite a running import holds the write lock, and the database
    write below waits until the import has seen the signal and rolled back.
    """
    queue.signals.ask_to_cancel(job_id)
    try:
        with database.write() as session:
            row = job_records.request_cancel(session, job_id)
    except Conflict:
        queue.signals.forget(job_id)
        raise
    except OperationalError:
        # SQLite still busy after its timeout (a step of an import that does not check for a while):
        # the live signal stops the job at its next check, and its worker records it as cancelled.
        log.warning("background job %s: database busy; the cancel request travels as a signal only", job_id)
        with database.session() as session:
            return job_records.get_job(session, job_id)
    if row.status == "cancelled":
        queue.signals.forget(job_id)
    return row


def states(queue: JobQueue, rows: Iterable[BackgroundJobRow]) -> list[JobState]:
    """The rows with the live progress of the running ones."""
    rows = list(rows)
    live = queue.signals.progress_of(row.id for row in rows if row.status == "running")
    out = []
    for row in rows:
        found = live.get(row.id)
        if found is not None and row.status == "running":
            out.append(JobState(row, found.progress, found.message))
        else:
            out.append(JobState(row, row.progress, row.message))
    return out
