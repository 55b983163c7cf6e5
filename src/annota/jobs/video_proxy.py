"""The ``video_proxy`` job: build the seek proxy of one video (params: ``content_hash``).

Idempotent: a proxy already built (or known impossible) makes the job succeed at once, and
builds of one video in several processes are serialised by the proxy store. Cancelling stops the
build between two frames and leaves nothing on disk.

The build runs in a thread of its own at a lower CPU priority (``video_proxy_niceness``; on Linux,
niceness is per thread and the decoder's and encoder's threads inherit it): annotators' requests,
seeks included, keep the cores first while a proxy is made.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select

from annota.jobs import service
from annota.jobs.context import JobContext
from annota.jobs.errors import JobFailed, RetryLater, error_item, gone
from annota.jobs.queue import JobQueue
from annota.media.video.runtime import runtime_for
from annota.services.video_proxy import IndexNotReady, NoProxyPossible, ProxyRequest, proxy_source
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.errors import NotFound
from annota.storage.job_tables import BackgroundJobRow

KIND = "video_proxy"
ACTIVE = ("queued", "running")
INDEX_RETRY_S = 5.0
T = TypeVar("T")

log = logging.getLogger("annota.video")


def run(context: JobContext) -> None:
    content_hash = str(context.params["content_hash"])
    with context.database.session() as session:
        try:
            source = proxy_source(session, context.settings, content_hash)
        except NotFound:
            raise gone("video", "content_hash") from None
        except IndexNotReady:
            raise RetryLater("the video is still being indexed", INDEX_RETRY_S) from None
        except NoProxyPossible as exc:
            msg = f"the video has no index: {exc}"
            raise JobFailed(msg, [error_item(("content_hash",), msg, "video.index_failed")]) from None
    total = len(source.index)

    def progress(done: int) -> None:
        context.report(done / total, f"{done} of {total} frames")

    runtime = runtime_for(context.settings)
    state = at_low_priority(
        lambda: runtime.proxies.build(content_hash, source.path, source.index, progress),
        runtime.config.proxy_niceness,
    )
    proxy = state.proxy
    result = {
        "content_hash": content_hash,
        "status": state.status,
        "reason": state.reason,
        "frames": total,
        "bytes": proxy.size_bytes if proxy is not None else 0,
        "seconds": proxy.build_seconds if proxy is not None else 0.0,
    }
    message = f"seek proxy of {total} frames ready" if proxy else f"no seek proxy: {state.reason}"
    with context.guarded() as session:
        context.succeed(session, result, message)


def at_low_priority(work: Callable[[], T], niceness: int) -> T:
    """``work()`` in a new thread niced by ``niceness`` (Linux); its result, or what it raised."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        if sys.platform == "linux" and niceness > 0:
            try:
                me = threading.get_native_id()
                os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + niceness)
            except OSError:
                log.warning("could not lower the priority of the seek proxy build", exc_info=True)
        try:
            outcome.append(work())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, name="video-proxy-build", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def request_proxy(
    settings: Settings, database: Database, queue: JobQueue, request: ProxyRequest
) -> BackgroundJobRow | None:
    """Submit the build of a video's proxy unless a job for it is queued or running; the new job."""
    with database.session() as session:
        active = session.scalars(
            select(BackgroundJobRow).where(BackgroundJobRow.kind == KIND, BackgroundJobRow.status.in_(ACTIVE))
        )
        if any((row.params or {}).get("content_hash") == request.content_hash for row in active):
            return None
    return service.submit(
        settings,
        database,
        queue,
        kind=KIND,
        params={"content_hash": request.content_hash},
        created_by=None,
        project_id=request.project_id,
    )
