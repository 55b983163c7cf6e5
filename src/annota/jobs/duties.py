"""Periodic duties of the worker processes: delivering webhooks and sending deadline reminders.

Every worker process (embedded in `annota serve`, or `annota worker`) runs one `Duties` thread. Each
pass is safe to run from many processes at once: webhook deliveries are claimed before they are posted
(`team_webhooks.claim_due`), and each deadline reminder has a key that makes it once-only
(`team_notifications.notify_deadlines`). Posting happens outside any transaction, so a slow receiver
holds no database lock.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy.exc import OperationalError

from annota.storage import team_notifications, team_webhooks
from annota.storage.db import Database
from annota.storage.types import utcnow

log = logging.getLogger("annota.jobs")

WEBHOOKS_EVERY_S = 5.0
DEADLINES_EVERY_S = 300.0
# How long a claimed delivery is hidden from other workers; longer than a post can take.
CLAIM_LEASE = timedelta(seconds=60)
POST_TIMEOUT_S = 5.0


def deliver_webhooks(
    database: Database, *, send: team_webhooks.Post = team_webhooks.post, limit: int = 10
) -> list[team_webhooks.Outcome]:
    """Claim the due deliveries, post them, record the outcomes: three steps, two short transactions."""
    with database.write() as session:
        claimed = team_webhooks.claim_due(session, utcnow(), CLAIM_LEASE, limit)
    if not claimed:
        return []
    outcomes = [send(outgoing, POST_TIMEOUT_S) for outgoing in claimed]
    with database.write() as session:
        team_webhooks.record(session, outcomes, utcnow())
    return outcomes


def remind_deadlines(database: Database) -> int:
    with database.write() as session:
        return team_notifications.notify_deadlines(session, utcnow())


class Duties:
    """The thread that runs the duties on their schedules until stopped."""

    def __init__(self, database: Database, *, webhooks_every_s: float | None = None) -> None:
        self.database = database
        self.webhooks_every_s = WEBHOOKS_EVERY_S if webhooks_every_s is None else webhooks_every_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="annota-duties", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=POST_TIMEOUT_S * 2)

    def _loop(self) -> None:
        since_deadlines = DEADLINES_EVERY_S  # remind at once after a start
        while not self._stop.is_set():
            try:
                while deliver_webhooks(self.database) and not self._stop.is_set():
                    pass  # a backlog: keep going
                if since_deadlines >= DEADLINES_EVERY_S:
                    since_deadlines = 0.0
                    remind_deadlines(self.database)
            except OperationalError:
                log.info("duties: database busy, trying again", exc_info=True)
            except Exception:
                log.exception("duties: pass failed")
            self._stop.wait(self.webhooks_every_s)
            since_deadlines += self.webhooks_every_s
