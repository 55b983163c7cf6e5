"""Background job records: create, claim, guard, finish, cancel, and find the stale ones.

A job runs under a **claim**: claiming moves it from ``queued`` to ``running`` and bumps `attempt`
in one conditional UPDATE, so two workers handed the same job id cannot both run it. Everything
the worker writes afterwards is guarded by the attempt it claimed (`guard`, `finish`): a worker
that lost its claim (the job was declared stale and handed to another) can no longer write, and
its transaction rolls back. A job's own effects (the imported rows, the tracker's keyframes) are
written in transactions that call `guard` first, so they happen exactly once per successful run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from annota.storage.errors import Conflict, NotFound, StorageError
from annota.storage.job_tables import FINISHED_STATUSES, BackgroundJobRow
from annota.storage.types import utcnow

JOBS = cast(Table, BackgroundJobRow.__table__)
ErrorItems = list[dict[str, Any]]


class LostClaim(StorageError):
    """This attempt no longer holds the job (cancelled, finished, or handed to another worker)."""

    def __init__(self, job_id: int, attempt: int) -> None:
        super().__init__(f"background job {job_id}: attempt {attempt} no longer holds it")
        self.job_id = job_id
        self.attempt = attempt


@dataclass(frozen=True, slots=True)
class Claim:
    """What a worker holds while it runs a job."""

    job_id: int
    attempt: int
    kind: str
    params: Mapping[str, Any]
    project_id: int | None
    created_by: int | None


def create_job(
    session: Session,
    *,
    kind: str,
    params: Mapping[str, Any],
    created_by: int | None,
    project_id: int | None,
    message: str = "waiting for a worker",
) -> BackgroundJobRow:
    row = BackgroundJobRow(
        kind=kind,
        status="queued",
        progress=0.0,
        message=message,
        created_by=created_by,
        project_id=project_id,
        params=dict(params),
        cancel_requested=False,
        attempt=0,
    )
    session.add(row)
    session.flush()
    return row


def get_job(session: Session, job_id: int) -> BackgroundJobRow:
    row = session.get(BackgroundJobRow, job_id)
    if row is None:
        raise NotFound("background job", job_id)
    return row


def claim(session: Session, job_id: int, worker: str, *, max_attempts: int) -> Claim | None:
    """Claim a queued job for `worker`; None when it is not queued (running elsewhere, finished,
    cancelled) or has used up its attempts (it is then marked failed)."""
    now = utcnow()
    row = session.execute(
        update(JOBS)
        .where(
            JOBS.c.id == job_id,
            JOBS.c.status == "queued",
            JOBS.c.cancel_requested.is_(False),
            JOBS.c.attempt < max_attempts,
        )
        .values(
            status="running",
            attempt=JOBS.c.attempt + 1,
            worker=worker[:200],
            started_at=now,
            heartbeat_at=now,
            progress=0.0,
            message="started",
        )
        .returning(JOBS.c.attempt, JOBS.c.kind, JOBS.c.params, JOBS.c.project_id, JOBS.c.created_by)
    ).first()
    if row is not None:
        return Claim(job_id, row.attempt, row.kind, row.params or {}, row.project_id, row.created_by)
    _close_unclaimable(session, job_id, max_attempts, now)
    return None


def _close_unclaimable(session: Session, job_id: int, max_attempts: int, now: datetime) -> None:
    """A queued job that can never be claimed ends here: cancelled, or out of attempts."""
    session.execute(
        update(JOBS)
        .where(JOBS.c.id == job_id, JOBS.c.status == "queued", JOBS.c.cancel_requested.is_(True))
        .values(status="cancelled", finished_at=now, message="cancelled before it started")
    )
    session.execute(
        update(JOBS)
        .where(JOBS.c.id == job_id, JOBS.c.status == "queued", JOBS.c.attempt >= max_attempts)
        .values(
            status="failed",
            finished_at=now,
            message=f"gave up after {max_attempts} attempts",
            error=[_item(f"gave up after {max_attempts} attempts (workers died or kept failing)", "gave_up")],
        )
    )


def guard(session: Session, claim: Claim) -> None:
    """Raise LostClaim unless `claim` still holds its job. Call it first in every write transaction of
    a job: it writes the row (a heartbeat), so the row lock (PostgreSQL) or the write lock (SQLite)
    keeps the claim true until the commit."""
    done = session.execute(
        update(JOBS)
        .where(JOBS.c.id == claim.job_id, JOBS.c.attempt == claim.attempt, JOBS.c.status == "running")
        .values(heartbeat_at=utcnow())
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise LostClaim(claim.job_id, claim.attempt)


def finish(
    session: Session,
    claim: Claim,
    status: str,
    *,
    message: str,
    result: Mapping[str, Any] | None = None,
    error: ErrorItems | None = None,
) -> None:
    """End the job as `status` (succeeded, failed, cancelled); LostClaim when this attempt lost it."""
    if status not in FINISHED_STATUSES:
        raise ValueError(f"{status!r} is not a finished status")
    values: dict[str, Any] = {
        "status": status,
        "finished_at": utcnow(),
        "message": message,
        "result": dict(result) if result is not None else None,
        "error": error,
    }
    if status == "succeeded":
        values["progress"] = 1.0
    if status == "cancelled":
        values["cancel_requested"] = True
    done = session.execute(
        update(JOBS)
        .where(JOBS.c.id == claim.job_id, JOBS.c.attempt == claim.attempt, JOBS.c.status == "running")
        .values(**values)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise LostClaim(claim.job_id, claim.attempt)


def requeue(session: Session, claim: Claim, message: str) -> bool:
    """Give the job back to the queue after a failure worth retrying; False when the claim was lost."""
    done = session.execute(
        update(JOBS)
        .where(JOBS.c.id == claim.job_id, JOBS.c.attempt == claim.attempt, JOBS.c.status == "running")
        .values(status="queued", worker=None, message=message)
    )
    return bool(done.rowcount == 1)  # type: ignore[attr-defined]


def beat(session: Session, held: Iterable[tuple[int, int]]) -> None:
    """Heartbeat of the (job id, attempt) pairs a worker process is running."""
    now = utcnow()
    for job_id, attempt in held:
        session.execute(
            update(JOBS)
            .where(JOBS.c.id == job_id, JOBS.c.attempt == attempt, JOBS.c.status == "running")
            .values(heartbeat_at=now)
        )


def release_stale(session: Session, silent_since: datetime) -> list[int]:
    """Running jobs whose worker has not beaten since `silent_since` go back to ``queued``
    (the worker died); returns their ids, to be enqueued again. Cancelled ones end as cancelled."""
    stale = [JOBS.c.status == "running", JOBS.c.heartbeat_at < silent_since]
    now = utcnow()
    session.execute(
        update(JOBS)
        .where(*stale, JOBS.c.cancel_requested.is_(True))
        .values(status="cancelled", finished_at=now, message="cancelled (its worker stopped)")
    )
    rows = session.execute(
        update(JOBS)
        .where(*stale)
        .values(status="queued", worker=None, message="its worker stopped: waiting for another")
        .returning(JOBS.c.id)
    )
    return sorted(job_id for (job_id,) in rows)


def queued_since(session: Session, before: datetime, limit: int = 1000) -> list[int]:
    """Ids of jobs queued before `before` (candidates for a lost queue message)."""
    query = (
        select(JOBS.c.id)
        .where(JOBS.c.status == "queued", JOBS.c.created_at < before)
        .order_by(JOBS.c.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def request_cancel(session: Session, job_id: int) -> BackgroundJobRow:
    """Cancel a queued job at once; ask a running one to stop (its worker ends it as cancelled).
    A cancelled job stays as it is; Conflict when the job has succeeded or failed."""
    row = session.execute(select(BackgroundJobRow).where(BackgroundJobRow.id == job_id).with_for_update())
    job = row.scalar_one_or_none()
    if job is None:
        raise NotFound("background job", job_id)
    if job.status == "cancelled":
        return job
    if job.status in FINISHED_STATUSES:
        raise Conflict(f"background job {job_id} has already {job.status}")
    job.cancel_requested = True
    if job.status == "queued":
        job.status = "cancelled"
        job.finished_at = utcnow()
        job.message = "cancelled before it started"
    else:
        job.message = "cancelling"
    session.flush()
    return job


def is_cancel_requested(session: Session, job_id: int) -> bool:
    return bool(session.scalar(select(JOBS.c.cancel_requested).where(JOBS.c.id == job_id)))


def _item(msg: str, type: str) -> dict[str, Any]:
    return {"loc": [], "msg": msg, "type": type}
