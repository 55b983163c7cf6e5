"""`annota worker` through click: run what waits (--burst), and refuse bad options naming them."""

from __future__ import annotations

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
