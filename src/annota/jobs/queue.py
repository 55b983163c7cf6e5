"""The job queue: Huey with SQLite storage in the data directory (embedded) or Redis (to scale).

The queue carries job ids only; what to do is in the job's row (``background_jobs``). Every annota
process opens its own `JobQueue` on the same storage: the API enqueues, workers consume. The one
Huey task, ``annota_background_job``, is registered on every instance under the same name, so any
process's worker can run what any process enqueued.

Which storage: ``queue_url`` — the ``--queue`` flag, else the ``queue_url`` setting (configuration
file, ``ANNOTA_QUEUE_URL``, see docs/configuration.md); none (or ``embedded``) means ``<data dir>/queue.db``;
``redis://host:port/db`` (or ``rediss://``, ``unix://``) means Redis. ``settings.extra["queue_name"]``
(default ``annota``) names the queue, so that several deployments can share one Redis.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.api import Task

from annota.jobs.signals import LiveSignals
from annota.settings import Settings

QUEUE_NAME = "annota"
QUEUE_FILE = "queue.db"
QUEUE_ENV = "ANNOTA_QUEUE_URL"
TASK_NAME = "annota_background_job"
EMBEDDED = "embedded"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# Attempts of one job in all (first run included): Huey retries, and re-queues after a worker died.
MAX_ATTEMPTS = 3
RETRY_DELAY_S = 5.0

# Runs a job: (job id, retries Huey has left for this message).
Execute = Callable[[int, int], None]


class InvalidQueueUrl(ValueError):
    def __init__(self, key: str, value: str) -> None:
        super().__init__(f"{key}: expected 'embedded' or a redis://, rediss:// or unix:// URL, got {value!r}")
        self.key = key
        self.value = value


def queue_url(settings: Settings, override: str | None = None) -> tuple[str, str | None]:
    """(where the value came from, the URL) — None for the embedded queue."""
    for key, value in (("--queue", override), ("queue_url", settings.queue_url)):
        if value:
            return key, None if value == EMBEDDED else value
    return "default", None


def build_huey(
    settings: Settings, url: str | None, *, key: str = "queue_url", immediate: bool = False
) -> Huey:
    name = settings.extra.get("queue_name") or QUEUE_NAME
    if url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path = Path(settings.data_dir) / QUEUE_FILE
        # timeout: the busy timeout of the queue file; writes there are a few rows, never long.
        return SqliteHuey(name, filename=str(path), results=False, immediate=immediate, timeout=30)
    if url.startswith(REDIS_SCHEMES):
        return RedisHuey(name, url=url, results=False, immediate=immediate)
    raise InvalidQueueUrl(key, url)


class JobQueue:
    """One process's handle on the queue: enqueue job ids, see what waits, reach the live signals."""

    def __init__(self, huey: Huey) -> None:
        self.huey = huey
        self.signals = LiveSignals(huey.storage)
        self._execute: Execute | None = None
        self._task = huey.task(
            retries=MAX_ATTEMPTS - 1, retry_delay=RETRY_DELAY_S, context=True, name=TASK_NAME
        )(self._run)

    @property
    def is_redis(self) -> bool:
        return isinstance(self.huey, RedisHuey)

    def bind(self, execute: Execute) -> None:
        """Where this process runs the jobs it dequeues (a `JobRunner`); only workers need one."""
        self._execute = execute

    def _run(self, job_id: int, task: Task | None = None) -> None:
        if self._execute is None:
            raise RuntimeError("this process consumes jobs but no runner was bound to its queue")
        self._execute(int(job_id), int(task.retries) if task is not None else 0)

    def enqueue(self, job_id: int, *, delay_s: float | None = None) -> None:
        if delay_s:
            self._task.schedule((job_id,), delay=delay_s)
        else:
            self._task(job_id)

    def waiting_job_ids(self) -> set[int]:
        """Job ids with a message in the queue or in the schedule (retries wait there)."""
        ids: set[int] = set()
        for task in [*self.huey.pending(), *self.huey.scheduled()]:
            args: Any = task.args
            if args:
                ids.add(int(args[0]))
        return ids

    def close(self) -> None:
        close = getattr(self.huey.storage, "close", None)
        if callable(close):
            close()


def open_queue(settings: Settings, *, url: str | None = None, immediate: bool = False) -> JobQueue:
    """The queue of `settings` (see the module docstring for which storage); `immediate` runs each
    job inside `enqueue`, in memory (Huey's immediate mode: tests of one process only)."""
    key, resolved = queue_url(settings, url)
    return JobQueue(build_huey(settings, resolved, key=key, immediate=immediate))
