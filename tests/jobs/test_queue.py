"""The queue: which storage, enqueue and what waits, and the live signals beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annota.jobs.queue import InvalidQueueUrl, JobQueue, open_queue, queue_url
from annota.settings import Settings


def test_the_queue_url_comes_from_the_flag_then_the_settings(tmp_path: Path) -> None:
    configured = Settings(data_dir=tmp_path, queue_url="redis://settings:6379/0")

    assert queue_url(configured, "redis://flag:6379/0") == ("--queue", "redis://flag:6379/0")
    assert queue_url(configured) == ("queue_url", "redis://settings:6379/0")
    assert queue_url(configured, "embedded") == ("--queue", None)
    assert queue_url(Settings(data_dir=tmp_path, queue_url="embedded")) == ("queue_url", None)
    assert queue_url(Settings(data_dir=tmp_path)) == ("default", None)


def test_the_environment_reaches_the_queue_through_the_settings(tmp_path: Path) -> None:
    loaded = Settings.from_env({"ANNOTA_QUEUE_URL": "redis://env:6379/0"}, data_dir=tmp_path)

    assert queue_url(loaded) == ("queue_url", "redis://env:6379/0")


def test_the_embedded_queue_lives_in_the_data_directory(tmp_path: Path) -> None:
    queue = open_queue(Settings(data_dir=tmp_path / "data"))
    queue.enqueue(7)

    assert (tmp_path / "data" / "queue.db").is_file() and not queue.is_redis
    assert open_queue(Settings(data_dir=tmp_path / "data")).waiting_job_ids() == {7}


def test_a_queue_url_of_another_kind_is_refused_naming_where_it_came_from(tmp_path: Path) -> None:
    with pytest.raises(InvalidQueueUrl, match=r"^queue_url: .*'amqp://x'"):
        open_queue(Settings(data_dir=tmp_path, queue_url="amqp://x"))


def test_enqueued_and_scheduled_job_ids_are_both_waiting(any_queue: JobQueue) -> None:
    any_queue.enqueue(2, delay_s=60)
    not_due = any_queue.huey.dequeue()
    any_queue.huey.execute(not_due)  # what a consumer does with it: park it in the schedule
    any_queue.enqueue(1)

    assert any_queue.huey.pending_count() == 1 and any_queue.huey.scheduled_count() == 1
    assert any_queue.waiting_job_ids() == {1, 2}


def test_live_progress_is_read_back_for_the_jobs_asked_about(any_queue: JobQueue) -> None:
    any_queue.signals.publish(1, 0.25, "reading")
    any_queue.signals.publish(2, 1.5, "over the top")

    live = any_queue.signals.progress_of([1, 2, 3])

    assert sorted(live) == [1, 2]
    assert (live[1].progress, live[1].message) == (0.25, "reading")
    assert live[2].progress == 1.0
    any_queue.signals.forget_progress(1)
    assert sorted(any_queue.signals.progress_of([1, 2])) == [2]


def test_a_cancel_request_is_seen_until_the_job_is_forgotten(any_queue: JobQueue) -> None:
    assert not any_queue.signals.cancel_asked(5)
    any_queue.signals.ask_to_cancel(5)

    assert any_queue.signals.cancel_asked(5) and not any_queue.signals.cancel_asked(6)
    any_queue.signals.forget(5)
    assert not any_queue.signals.cancel_asked(5)
