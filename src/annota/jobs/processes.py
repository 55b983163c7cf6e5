"""`annota worker --processes N`: N worker processes, for jobs that need more than one CPU.

The parent starts the processes (spawned: a clean interpreter each, its own database connections
and queue handle, the parent's resolved settings), passes SIGINT and SIGTERM on to them, and exits
when they all have. A process that dies is not restarted here: its jobs go to the others through
the watchdog, and the service manager (systemd, compose) restarts the whole group.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from types import FrameType

from annota.api.processes import settings_from_json, settings_to_json
from annota.jobs.workers import WorkerOptions
from annota.settings import Settings


def _process_main(settings_json: str, queue_url: str | None, options: WorkerOptions) -> None:
    from annota.jobs.queue import open_queue
    from annota.jobs.workers import run_worker
    from annota.logs import configure_logging
    from annota.storage.db import Database

    settings = settings_from_json(settings_json)
    configure_logging(settings)
    database = Database.open(settings, migrate=False)
    queue = open_queue(settings, url=queue_url)
    try:
        run_worker(settings, database, queue, options)
    finally:
        queue.close()
        database.dispose()


def run_worker_processes(
    settings: Settings, queue_url: str | None, options: WorkerOptions, count: int
) -> None:
    context = multiprocessing.get_context("spawn")
    children = [
        context.Process(
            target=_process_main,
            args=(settings_to_json(settings), queue_url, options),
            name=f"annota-worker-{i + 1}",
        )
        for i in range(count)
    ]
    for child in children:
        child.start()

    def pass_on(signum: int, _: FrameType | None) -> None:
        for child in children:
            if child.pid is not None and child.is_alive():
                os.kill(child.pid, signum)

    previous = {sig: signal.signal(sig, pass_on) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for child in children:
            child.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
