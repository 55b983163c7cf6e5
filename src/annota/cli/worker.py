"""`annota worker`: a process that runs background jobs (imports, exports, tracking) from the queue.

`annota serve` runs one worker thread by default, so the embedded setup needs no worker process.
Start workers of their own to run more jobs at once, or on other machines (with a Redis queue,
a PostgreSQL database and the data directory shared).
"""

from __future__ import annotations

from pathlib import Path

import click

from annota.cli.context import data_options, opened, settings_from
from annota.jobs.processes import run_worker_processes
from annota.jobs.queue import QUEUE_ENV, InvalidQueueUrl, JobQueue, open_queue
from annota.jobs.watchdog import DEFAULT_STALE_AFTER_S, MIN_STALE_AFTER_S
from annota.jobs.workers import WorkerOptions, run_burst, run_worker
from annota.logs import configure_logging


@click.command("worker")
@data_options
@click.option(
    "--queue",
    "queue_url",
    metavar="URL",
    envvar=QUEUE_ENV,
    help="Job queue: redis://HOST:PORT/DB, or 'embedded' (default: queue.db in the data directory).",
)
@click.option(
    "--concurrency", default=1, show_default=True, type=click.IntRange(1, 64), help="Jobs run at once."
)
@click.option(
    "--stale-after",
    "stale_after_s",
    default=DEFAULT_STALE_AFTER_S,
    show_default=True,
    type=click.FloatRange(min=MIN_STALE_AFTER_S),
    metavar="SECONDS",
    help="A running job whose worker has been silent this long is given to another worker.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 256),
    metavar="N",
    help="Worker processes, each with --concurrency threads (default: the worker_processes setting, 1).",
)
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then exit.")
def worker(
    data_dir: Path,
    db_url: str | None,
    queue_url: str | None,
    concurrency: int,
    stale_after_s: float,
    processes: int | None,
    burst: bool,
) -> None:
    """Run background jobs until stopped: Ctrl-C (SIGINT) lets running jobs finish, SIGTERM stops at
    once (the jobs are given to another worker, or to this one when it starts again)."""
    settings = settings_from(data_dir, db_url, worker_processes=processes)
    try:
        queue = open_queue(settings, url=queue_url)
    except InvalidQueueUrl as error:
        raise click.BadParameter(str(error), param_hint="--queue") from None
    options = WorkerOptions(concurrency=concurrency, stale_after_s=stale_after_s)
    with opened(settings) as database:
        if burst:
            count = run_burst(settings, database, queue, options)
            click.echo(f"ran {count} queued job message(s)")
            return
        configure_logging(settings)
        count = max(settings.worker_processes, 1)
        where = _where(queue, settings.data_dir)
        click.echo(f"annota worker: {count} process(es) × {concurrency} thread(s) on {where}")
        if count == 1:
            run_worker(settings, database, queue, options)
        else:
            run_worker_processes(settings, queue_url, options, count)


def _where(queue: JobQueue, data_dir: Path) -> str:
    return "a Redis queue" if queue.is_redis else f"the queue in {data_dir}"
