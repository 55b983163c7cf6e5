"""Consumers: worker threads inside `annota serve` (embedded), or a process of their own (`annota worker`).

Both are Huey consumers with thread workers (jobs spend their time in SQL, file I/O, FFmpeg and
OpenCV, which release the GIL), a `JobRunner` bound to the queue, a `Watchdog` and the periodic
`Duties` (webhook deliveries, deadline reminders). For more CPU,
run more `annota worker` processes, on this machine or others sharing the database, the queue (Redis)
and the data directory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from huey.consumer import Consumer

from annota.formats.registry import FormatRegistry
from annota.jobs.duties import Duties
from annota.jobs.kinds import KINDS
from annota.jobs.queue import JobQueue
from annota.jobs.runner import JobRunner, Kind
from annota.jobs.watchdog import DEFAULT_STALE_AFTER_S, Watchdog
from annota.settings import Settings
from annota.storage.db import Database

log = logging.getLogger("annota.jobs")

# Longest wait between two polls of an idle SQLite queue (Redis blocks on the list instead).
MAX_POLL_DELAY_S = 0.5


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    concurrency: int = 1
    stale_after_s: float = DEFAULT_STALE_AFTER_S
    # How long a graceful stop waits for running jobs before leaving them to the watchdog of another.
    shutdown_timeout_s: float = 10.0


class _EmbeddedConsumer(Consumer):
    """A consumer that leaves signal handling to its host (uvicorn, a test)."""

    def _set_signal_handlers(self) -> None:
        return None


def bind_runner(
    settings: Settings,
    database: Database,
    queue: JobQueue,
    *,
    registry: FormatRegistry | None = None,
    kinds: Mapping[str, Kind] = KINDS,
) -> JobRunner:
    """A runner for this process, bound to `queue` so that dequeued jobs run through it."""
    runner = JobRunner(settings, database, queue, kinds, registry=registry)
    queue.bind(runner)
    return runner


def _consumer(queue: JobQueue, options: WorkerOptions, cls: type[Consumer] = Consumer) -> Consumer:
    return cls(
        queue.huey,
        workers=options.concurrency,
        periodic=False,
        worker_type="thread",
        max_delay=MAX_POLL_DELAY_S,
        check_worker_health=True,
        shutdown_timeout=options.shutdown_timeout_s,
    )


class EmbeddedWorkers:
    """Worker threads in this process: ``with EmbeddedWorkers(...):`` serve, then stop gracefully."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        queue: JobQueue,
        options: WorkerOptions = WorkerOptions(),
        *,
        registry: FormatRegistry | None = None,
        kinds: Mapping[str, Kind] = KINDS,
    ) -> None:
        self.runner = bind_runner(settings, database, queue, registry=registry, kinds=kinds)
        self.consumer = _consumer(queue, options, _EmbeddedConsumer)
        self.watchdog = Watchdog(database, queue, self.runner, stale_after_s=options.stale_after_s)
        self.duties = Duties(database)

    def __enter__(self) -> EmbeddedWorkers:
        self.consumer.start()
        self.watchdog.start()
        self.duties.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.duties.stop()
        self.watchdog.stop()
        self.consumer.stop(graceful=True)


@contextmanager
def embedded_workers(
    settings: Settings, database: Database, queue: JobQueue, concurrency: int
) -> Iterator[EmbeddedWorkers | None]:
    """For `annota serve --workers N`: N worker threads while the server runs; none when N is 0."""
    if concurrency <= 0:
        yield None
        return
    with EmbeddedWorkers(settings, database, queue, WorkerOptions(concurrency=concurrency)) as workers:
        yield workers


def run_worker(settings: Settings, database: Database, queue: JobQueue, options: WorkerOptions) -> None:
    """Consume until SIGINT (finish running jobs) or SIGTERM (stop now); for `annota worker`."""
    runner = bind_runner(settings, database, queue)
    watchdog = Watchdog(database, queue, runner, stale_after_s=options.stale_after_s)
    duties = Duties(database)
    watchdog.start()
    duties.start()
    try:
        _consumer(queue, options).run()
    finally:
        duties.stop()
        watchdog.stop()


def run_burst(settings: Settings, database: Database, queue: JobQueue, options: WorkerOptions) -> int:
    """Run every job that is ready now, one after the other, then return how many messages ran."""
    runner = bind_runner(settings, database, queue)
    watchdog = Watchdog(database, queue, runner, stale_after_s=options.stale_after_s)
    watchdog.sweep()
    count = 0
    for task in iter(queue.huey.dequeue, None):
        count += 1
        queue.huey.execute(task)
    return count
