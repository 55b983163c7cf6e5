"""The workers' periodic duties: webhook deliveries claimed, posted outside transactions, retried;
deadline reminders sent by the running workers themselves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from annota.jobs import duties
from annota.jobs.duties import Duties, deliver_webhooks
from annota.storage import team_webhooks
from annota.storage.db import Database
from annota.storage.team_tables import WebhookDelivery
from annota.storage.types import utcnow
from tests.api.webhook_receiver import Receiver, receiver

__all__ = ["receiver"]


def pinged_hook(database: Database, project_id: int, owner_id: int, url: str) -> int:
    with database.write() as session:
        hook = team_webhooks.create_webhook(
            session, project_id, url=url, events=["ping"], created_by=owner_id
        )
        return team_webhooks.ping(session, hook, utcnow()).id


def delivery(database: Database, delivery_id: int) -> WebhookDelivery:
    with database.session() as session:
        row = session.get(WebhookDelivery, delivery_id)
        assert row is not None
        session.expunge(row)
        return row


def eventually(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


def test_a_due_delivery_is_posted_once_and_recorded(
    database: Database, project_id: int, owner_id: int, receiver: Receiver
) -> None:
    delivery_id = pinged_hook(database, project_id, owner_id, receiver.url)

    first = deliver_webhooks(database)
    second = deliver_webhooks(database)

    assert [o.status_code for o in first] == [200] and second == []
    assert len(receiver.received) == 1
    assert delivery(database, delivery_id).status == "delivered"


def test_a_claimed_delivery_is_not_posted_by_another_worker_meanwhile(
    database: Database, project_id: int, owner_id: int, receiver: Receiver
) -> None:
    pinged_hook(database, project_id, owner_id, receiver.url)
    with database.write() as session:
        claimed = team_webhooks.claim_due(session, utcnow(), duties.CLAIM_LEASE)

    meanwhile = deliver_webhooks(database)

    assert len(claimed) == 1 and meanwhile == [] and receiver.received == []


def test_workers_posting_at_the_same_time_post_each_delivery_once(
    database: Database, project_id: int, owner_id: int, receiver: Receiver
) -> None:
    for _ in range(6):
        pinged_hook(database, project_id, owner_id, receiver.url)
    results: list[int] = []

    def worker() -> None:
        results.append(len(deliver_webhooks(database, limit=2)))

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while deliver_webhooks(database):
        pass

    ids = sorted(int(headers["x-annota-delivery"]) for headers, _ in receiver.received)
    assert len(ids) == 6 and len(set(ids)) == 6


def test_a_failed_post_waits_for_its_retry_instead_of_being_posted_again_at_once(
    database: Database, project_id: int, owner_id: int, receiver: Receiver
) -> None:
    delivery_id = pinged_hook(database, project_id, owner_id, receiver.url)
    receiver.statuses = [500]

    failed = deliver_webhooks(database)
    again = deliver_webhooks(database)

    row = delivery(database, delivery_id)
    assert [o.status_code for o in failed] == [500] and again == []
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at > utcnow() + timedelta(seconds=20)


def test_running_duties_deliver_without_being_asked(
    database: Database, project_id: int, owner_id: int, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(duties, "WEBHOOKS_EVERY_S", 0.1)
    running = Duties(database)
    running.start()
    try:
        delivery_id = pinged_hook(database, project_id, owner_id, receiver.url)
        eventually(lambda: delivery(database, delivery_id).status == "delivered")
    finally:
        running.stop()
    assert len(receiver.received) == 1
