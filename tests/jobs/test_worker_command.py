"""`annota worker`: run what waits (--burst), several processes, and refuse bad options naming them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from click.testing import CliRunner

from annota.cli.worker import worker
from annota.jobs.queue import JobQueue
from annota.jobs.service import submit
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database


def args(settings: Settings, *more: str) -> list[str]:
    database = ["--db", settings.database_url] if settings.database_url else []
    return ["--data", str(settings.data_dir), *database, *more]


def test_a_burst_runs_the_waiting_jobs_and_exits(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int
) -> None:
    params = {"format": "coco", "with_images": False, "annotated_only": False, "task_id": None}
    job = submit(
        settings, database, queue, kind="export", params=params, created_by=owner_id, project_id=project_id
    )

    result = CliRunner().invoke(worker, args(settings, "--burst"), env={"ANNOTA_QUEUE_URL": ""})

    assert result.exit_code == 0, result.output
    assert result.output == "ran 1 queued job message(s)\n"
    with database.session() as session:
        done = job_records.get_job(session, job.id)
    assert done.status == "succeeded" and done.result is not None and done.result["file_name"] == "P-coco.zip"
    assert (settings.data_dir / done.result["file"]).is_file()


def test_a_queue_url_of_another_kind_is_refused_naming_the_option(settings: Settings) -> None:
    result = CliRunner().invoke(worker, args(settings, "--queue", "amqp://broker", "--burst"))

    assert result.exit_code == 2
    assert "Invalid value for --queue: --queue: expected 'embedded' or a redis://" in result.output


def test_a_stale_delay_shorter_than_three_heartbeats_is_refused(settings: Settings) -> None:
    result = CliRunner().invoke(worker, args(settings, "--stale-after", "1"))

    assert result.exit_code == 2 and "--stale-after" in result.output


def test_worker_processes_share_the_queue_and_stop_together_on_sigterm(
    settings: Settings, database: Database, queue: JobQueue, project_id: int, owner_id: int, tmp_path: Path
) -> None:
    params = {"format": "coco", "with_images": False, "annotated_only": False, "task_id": None}
    jobs = [
        submit(
            settings,
            database,
            queue,
            kind="export",
            params=params,
            created_by=owner_id,
            project_id=project_id,
        )
        for _ in range(4)
    ]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ANNOTA_")}
    command = [sys.executable, "-m", "annota", "worker", *args(settings, "--processes", "2")]
    with (tmp_path / "worker.log").open("w+") as log:
        parent = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment, text=True)
        try:
            deadline = time.monotonic() + 120
            while not all(status(database, job.id) == "succeeded" for job in jobs):
                assert parent.poll() is None and time.monotonic() < deadline, log_text(log)
                time.sleep(0.2)
            processes = spawned(parent.pid)
            parent.send_signal(signal.SIGTERM)
            parent.wait(timeout=60)
        finally:
            if parent.poll() is None:
                parent.kill()
        output = log_text(log)
    assert len(processes) == 2, output
    assert not any(Path(f"/proc/{pid}").exists() for pid in processes)
    assert "2 process(es) × 1 thread(s)" in output


def status(database: Database, job_id: int) -> str:
    with database.session() as session:
        return job_records.get_job(session, job_id).status


def spawned(pid: int) -> list[int]:
    """The children of `pid` that multiprocessing spawned to work (not its resource tracker)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def log_text(log: IO[str]) -> str:
    log.seek(0)
    return log.read()
