"""Running a job: claimed once, ended as its kind says, retried when it crashes, never run twice.

The kinds here are small ones written for the test (the registry is the extension point); the
real kinds are tested through the API.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from huey.exceptions import RetryTask

from annota.jobs.context import JobContext
from annota.jobs.errors import JobFailed, RetryLater, error_item
from annota.jobs.queue import MAX_ATTEMPTS, JobQueue
from annota.jobs.runner import JobRunner, Kind
from annota.jobs.service import cancel, states, submit
from annota.jobs.workers import EmbeddedWorkers, WorkerOptions
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database
from annota.storage.job_records import LostClaim
from annota.storage.job_tables import BackgroundJobRow

runs: Counter[int] = Counter()


def succeeds(context: JobContext) -> None:
    runs[context.job_id] += 1
    with context.guarded() as session:
        context.succeed(session, {"answer": 42}, "done")


def refuses(context: JobContext) -> None:
    raise JobFailed("bad input", [error_item(("file", 3), "expected a number", "number")])


def crashes(context: JobContext) -> None:
    raise RuntimeError("secret path /srv/data/private.db")


def waits(context: JobContext) -> None:
    raise RetryLater("the video is still being indexed", 12.0)


def forgets(context: JobContext) -> None:
    return None


def counts_until_cancelled(context: JobContext) -> None:
    step = 0
    while True:
        step += 1
        context.report(min(step / 1000, 0.99), f"step {step}")
        time.sleep(0.01)


KINDS: dict[str, Kind] = {
    "succeeds": succeeds,
    "refuses": refuses,
    "crashes": crashes,
    "waits": waits,
    "forgets": forgets,
    "counts": counts_until_cancelled,
}


def job(database: Database, kind: str, project_id: int, owner_id: int) -> int:
    with database.write() as session:
        return job_records.create_job(
            session, kind=kind, params={}, created_by=owner_id, project_id=project_id
        ).id


def row(database: Database, job_id: int) -> BackgroundJobRow:
    with database.session() as session:
        return job_records.get_job(session, job_id)


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    runs.clear()  # job ids start at 1 in every test's database


@pytest.fixture
def runner(settings: Settings, database: Database, queue: JobQueue) -> JobRunner:
    return JobRunner(settings, database, queue, KINDS)


def test_a_job_id_delivered_twice_runs_once(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "succeeds", project_id, owner_id)

    runner.run(job_id)
    runner.run(job_id)

    done = row(database, job_id)
    assert runs[job_id] == 1
    assert (done.status, done.result, done.progress, done.attempt) == ("succeeded", {"answer": 42}, 1.0, 1)
    assert done.finished_at is not None and done.finished_at >= done.started_at  # type: ignore[operator]


def test_a_refused_job_fails_with_its_located_problems_without_retrying(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "refuses", project_id, owner_id)

    runner.run(job_id, retries_left=2)

    failed = row(database, job_id)
    assert (failed.status, failed.message, failed.attempt) == ("failed", "bad input", 1)
    assert failed.error == [{"loc": ["file", 3], "msg": "expected a number", "type": "number"}]


def test_a_crash_goes_back_to_the_queue_while_retries_last_then_fails_without_its_message(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "crashes", project_id, owner_id)

    with pytest.raises(RuntimeError):
        runner.run(job_id, retries_left=1)  # Huey catches it and schedules the retry
    assert row(database, job_id).status == "queued"
    runner.run(job_id, retries_left=0)

    failed = row(database, job_id)
    assert (failed.status, failed.attempt) == ("failed", 2)
    assert failed.error == [
        {"loc": [], "msg": "internal error: see the worker's log", "type": "internal_error"}
    ]
    assert "secret" not in failed.message


def test_a_job_that_cannot_run_yet_waits_in_the_queue(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "waits", project_id, owner_id)

    with pytest.raises(RetryTask) as retry:
        runner.run(job_id)

    assert retry.value.delay == 12.0
    waiting = row(database, job_id)
    assert (waiting.status, waiting.message) == ("queued", "the video is still being indexed")


def test_a_kind_that_returns_without_a_result_and_an_unknown_kind_both_fail(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    forgetful, unknown = (
        job(database, "forgets", project_id, owner_id),
        job(database, "teleport", project_id, owner_id),
    )

    runner.run(forgetful)
    runner.run(unknown)

    assert row(database, forgetful).error[0]["msg"] == "the forgets job ended without a result"  # type: ignore[index]
    assert row(database, unknown).error == [
        {"loc": ["kind"], "msg": "unknown job kind 'teleport'", "type": "unknown_kind"}
    ]


def test_a_job_is_given_up_after_its_last_attempt(
    runner: JobRunner, database: Database, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "succeeds", project_id, owner_id)
    with database.write() as session:
        session.get(BackgroundJobRow, job_id).attempt = MAX_ATTEMPTS  # type: ignore[union-attr]

    runner.run(job_id)

    given_up = row(database, job_id)
    assert given_up.status == "failed" and runs[job_id] == 0
    assert given_up.error[0]["type"] == "gave_up"  # type: ignore[index]


def test_a_worker_that_lost_its_job_to_another_can_no_longer_write(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "succeeds", project_id, owner_id)
    with database.write() as session:
        first = job_records.claim(session, job_id, "worker-1", max_attempts=MAX_ATTEMPTS)
        assert first is not None
    with database.write() as session:  # worker-1 went silent: its job was released and taken again
        session.get(BackgroundJobRow, job_id).status = "queued"  # type: ignore[union-attr]
    JobRunner(settings, database, queue, KINDS, name="worker-2").run(job_id)

    with pytest.raises(LostClaim), database.write() as session:
        job_records.guard(session, first)

    done = row(database, job_id)
    assert (done.status, done.attempt, done.worker) == ("succeeded", 2, "worker-2")


def test_a_running_job_shows_live_progress_and_stops_when_cancelled(
    settings: Settings, database: Database, any_queue: JobQueue, project_id: int, owner_id: int
) -> None:
    with EmbeddedWorkers(settings, database, any_queue, WorkerOptions(), kinds=KINDS):
        submitted = submit(
            settings,
            database,
            any_queue,
            kind="counts",
            params={},
            created_by=owner_id,
            project_id=project_id,
        )
        progress = wait_for(database, any_queue, submitted.id, lambda p: p > 0.02)
        cancel(database, any_queue, submitted.id)
        wait_for_status(database, submitted.id, "cancelled")

    ended = row(database, submitted.id)
    assert 0.02 < progress < 1 and ended.cancel_requested and ended.message == "cancelled"
    assert any_queue.signals.progress_of([submitted.id]) == {}


def wait_for(database: Database, queue: JobQueue, job_id: int, check: object, timeout: float = 20) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = states(queue, [row(database, job_id)])[0]
        if state.row.status == "running" and check(state.progress):  # type: ignore[operator]
            return state.progress
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} never got there")


def wait_for_status(database: Database, job_id: int, status: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while row(database, job_id).status != status:
        assert time.monotonic() < deadline, row(database, job_id).status
        time.sleep(0.02)


def test_two_workers_handed_the_same_job_at_once_run_it_once(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int
) -> None:
    job_id = job(database, "succeeds", project_id, owner_id)
    barrier = threading.Barrier(2)

    def deliver(name: str) -> None:
        barrier.wait()
        JobRunner(settings, database, queue, KINDS, name=name).run(job_id)

    threads = [threading.Thread(target=deliver, args=(f"worker-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert runs[job_id] == 1 and row(database, job_id).attempt == 1
