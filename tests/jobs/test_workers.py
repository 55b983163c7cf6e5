"""Worker threads embedded in `annota serve`: N of them run jobs, none leave jobs for `annota worker`."""

from __future__ import annotations

import time

from annota.jobs.queue import JobQueue, open_queue
from annota.jobs.service import submit
from annota.jobs.workers import bind_runner, embedded_workers
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database

EXPORT = {"format": "coco", "with_images": False, "annotated_only": False, "task_id": None}


def status_after(database: Database, job_id: int, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        with database.session() as session:
            status = job_records.get_job(session, job_id).status
        if status in ("succeeded", "failed") or time.monotonic() > deadline:
            return status
        time.sleep(0.02)


def test_embedded_workers_run_the_jobs_the_server_queues(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int
) -> None:
    with embedded_workers(settings, database, queue, 2) as workers:
        assert workers is not None and len(workers.consumer.worker_threads) == 2
        job = submit(
            settings,
            database,
            queue,
            kind="export",
            params=EXPORT,
            created_by=owner_id,
            project_id=project_id,
        )

        assert status_after(database, job.id, 20) == "succeeded"


def test_no_embedded_workers_leave_the_jobs_queued_for_annota_worker(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int
) -> None:
    with embedded_workers(settings, database, queue, 0) as workers:
        assert workers is None
        job = submit(
            settings,
            database,
            queue,
            kind="export",
            params=EXPORT,
            created_by=owner_id,
            project_id=project_id,
        )

        assert status_after(database, job.id, 1.5) == "queued"
    assert queue.waiting_job_ids() == {job.id}


def test_in_immediate_mode_a_job_runs_inside_its_submission(
    settings: Settings, database: Database, project_id: int, owner_id: int
) -> None:
    immediate = open_queue(settings, immediate=True)
    bind_runner(settings, database, immediate)

    job = submit(
        settings,
        database,
        immediate,
        kind="export",
        params=EXPORT,
        created_by=owner_id,
        project_id=project_id,
    )

    with database.session() as session:
        assert job_records.get_job(session, job.id).status == "succeeded"
    assert not (settings.data_dir / "queue.db").exists()
