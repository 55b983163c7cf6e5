"""The watchdog: heartbeats keep a job, silence gives it to another worker, lost messages are re-sent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from annota.jobs.queue import MAX_ATTEMPTS, JobQueue
from annota.jobs.runner import JobRunner
from annota.jobs.watchdog import MIN_STALE_AFTER_S, Watchdog
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.job_records import Claim
from annota.storage.job_tables import BackgroundJobRow
from annota.storage.types import utcnow

STALE_AFTER_S = 30.0


@pytest.fixture
def runner(settings: Settings, database: Database, queue: JobQueue) -> JobRunner:
    return JobRunner(settings, database, queue, {}, name="this-worker")


@pytest.fixture
def watchdog(database: Database, queue: JobQueue, runner: JobRunner) -> Watchdog:
    return Watchdog(database, queue, runner, stale_after_s=STALE_AFTER_S)


def running(database: Database, project_id: int, *, silent_for_s: float, cancel: bool = False) -> Claim:
    """A job claimed by some worker that has not beaten for `silent_for_s` seconds."""
    with database.write() as session:
        job_id = job_records.create_job(
            session, kind="export", params={}, created_by=None, project_id=project_id
        ).id
        claim = job_records.claim(session, job_id, "elsewhere", max_attempts=MAX_ATTEMPTS)
        assert claim is not None
        row = session.get(BackgroundJobRow, job_id)
        assert row is not None
        row.heartbeat_at = utcnow() - timedelta(seconds=silent_for_s)
        row.cancel_requested = cancel
    return claim


def status(database: Database, job_id: int) -> str:
    with database.session() as session:
        return job_records.get_job(session, job_id).status


def test_a_job_whose_worker_went_silent_is_queued_again_and_one_still_beating_is_not(
    watchdog: Watchdog, database: Database, queue: JobQueue, project_id: int
) -> None:
    silent = running(database, project_id, silent_for_s=STALE_AFTER_S + 5)
    beating = running(database, project_id, silent_for_s=1)

    assert watchdog.sweep() == [silent.job_id]

    assert status(database, silent.job_id) == "queued" and status(database, beating.job_id) == "running"
    assert queue.waiting_job_ids() == {silent.job_id}
    with pytest.raises(job_records.LostClaim), database.write() as session:
        job_records.guard(session, silent)  # the silent worker, if it comes back, writes nothing


def test_a_silent_job_that_was_asked_to_stop_ends_cancelled(
    watchdog: Watchdog, database: Database, project_id: int
) -> None:
    asked = running(database, project_id, silent_for_s=STALE_AFTER_S + 5, cancel=True)

    assert watchdog.sweep() == []

    assert status(database, asked.job_id) == "cancelled"


def test_a_queued_job_without_a_queue_message_is_enqueued_once(
    watchdog: Watchdog, database: Database, queue: JobQueue, project_id: int
) -> None:
    with database.write() as session:
        lost = job_records.create_job(
            session, kind="export", params={}, created_by=None, project_id=project_id
        )
        sent = job_records.create_job(
            session, kind="export", params={}, created_by=None, project_id=project_id
        )
        recent = job_records.create_job(
            session, kind="export", params={}, created_by=None, project_id=project_id
        )
        for old in (lost, sent):
            old.created_at = utcnow() - timedelta(seconds=STALE_AFTER_S + 5)
    queue.enqueue(sent.id)

    assert watchdog.sweep() == []  # once could be a worker between its dequeue and its claim
    assert watchdog.sweep() == [lost.id]
    assert watchdog.sweep() == []

    assert sorted(task.args[0] for task in queue.huey.pending()) == sorted([sent.id, lost.id])
    assert recent.id not in queue.waiting_job_ids()


def test_heartbeats_keep_the_jobs_this_worker_runs_fresh(
    watchdog: Watchdog, runner: JobRunner, database: Database, project_id: int
) -> None:
    claim = running(database, project_id, silent_for_s=STALE_AFTER_S - 1)
    runner._held[claim.job_id] = claim.attempt  # what JobRunner.run records while the kind works

    watchdog.beat()

    with database.session() as session:
        beaten = job_records.get_job(session, claim.job_id).heartbeat_at
    assert beaten is not None and utcnow() - beaten < timedelta(seconds=5)
    assert watchdog.sweep() == []


def test_a_stale_delay_shorter_than_three_heartbeats_is_refused(
    database: Database, queue: JobQueue, runner: JobRunner
) -> None:
    with pytest.raises(ValueError, match="stale_after_s"):
        Watchdog(database, queue, runner, stale_after_s=MIN_STALE_AFTER_S - 1)
