import os
import sys
import threading

import pytest

from annota.jobs.queue import JobQueue
from annota.jobs.video_proxy import KIND, at_low_priority, request_proxy
from annota.services.video_proxy import ProxyRequest
from annota.settings import Settings
from annota.storage import job_records
from annota.storage.db import Database

VIDEO = "ab" * 32


def my_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(sys.platform != "linux", reason="niceness is per thread on Linux only")
def test_the_build_runs_niced_in_a_thread_of_its_own_and_the_caller_keeps_its_priority() -> None:
    before = my_niceness()

    inside = at_low_priority(my_niceness, 5)

    assert inside == min(19, before + 5) and my_niceness() == before
    assert at_low_priority(my_niceness, 0) == before


def test_what_the_build_raises_reaches_the_job() -> None:
    def cancelled() -> None:
        raise KeyboardInterrupt("cancelled")

    with pytest.raises(KeyboardInterrupt, match="cancelled"):
        at_low_priority(cancelled, 5)


def test_a_proxy_is_requested_once_while_its_job_waits_and_again_once_it_ended(
    settings: Settings, database: Database, queue: JobQueue, project_id: int
) -> None:
    request = ProxyRequest(VIDEO, project_id)

    first = request_proxy(settings, database, queue, request)
    second = request_proxy(settings, database, queue, request)
    other = request_proxy(settings, database, queue, ProxyRequest("cd" * 32, project_id))
    with database.write() as session:
        job_records.request_cancel(session, first.id)  # type: ignore[union-attr]
    third = request_proxy(settings, database, queue, request)

    assert first is not None and (first.kind, first.params["content_hash"]) == (KIND, VIDEO)
    assert second is None and other is not None and third is not None
