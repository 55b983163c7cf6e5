"""Outgoing webhooks of a project, signed with HMAC-SHA256 and delivered with retries.

Each event makes one delivery row per subscribed webhook (`team_events`). `deliver_pending(session,
now)` posts the due ones and records every attempt (the delivery log); a failed attempt is retried
after 30 s, 1 min, 2 min... up to MAX_ATTEMPTS. It posts inside the caller's transaction; the
background workers instead run `claim_due`, `post` and `record` in separate transactions
(`annota.jobs.duties`), so that no database lock is held while a receiver answers and two workers
never post the same delivery.

Receivers check `X-Annota-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook's secret of
`"{X-Annota-Timestamp}.{raw body}"`, and refuse old timestamps (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import orjson
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from annota import __version__
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Loc, Problem
from annota.storage.team_events import WEBHOOK_EVENTS
from annota.storage.team_tables import Webhook, WebhookAttempt, WebhookDelivery

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
SIGNATURE_HEADER = "X-Annota-Signature"
TIMESTAMP_HEADER = "X-Annota-Timestamp"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={mac}"


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failed attempt: doubling from FIRST_RETRY, at most LONGEST_RETRY."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def check(url: str | None, events: Sequence[str] | None, loc: Loc = ()) -> None:
    problems = []
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append(
                Problem((*loc, "url"), "must be an http:// or https:// URL with a host", "invalid_url")
            )
    for i, name in enumerate(events or ()):
        if name != "*" and name not in WEBHOOK_EVENTS:
            problems.append(Problem((*loc, "events", i), f"unknown event {name!r}", "unknown_event"))
    if problems:
        raise InvalidValue(problems)


def create_webhook(
    session: Session, project_id: int, *, url: str, events: Sequence[str], created_by: int, loc: Loc = ()
) -> Webhook:
    check(url, events, loc)
    hook = Webhook(
        project_id=project_id,
        url=url,
        events=list(events),
        secret=secrets.token_hex(32),
        active=True,
        created_by=created_by,
    )
    session.add(hook)
    session.flush()
    return hook


def get_webhook(session: Session, webhook_id: int) -> Webhook:
    hook = session.get(Webhook, webhook_id)
    if hook is None:
        raise NotFound("webhook", webhook_id)
    return hook


def list_webhooks(session: Session, project_id: int) -> list[Webhook]:
    return list(session.scalars(select(Webhook).where(Webhook.project_id == project_id).order_by(Webhook.id)))


def update_webhook(
    session: Session,
    hook: Webhook,
    *,
    url: str | None,
    events: Sequence[str] | None,
    active: bool | None,
    loc: Loc = (),
) -> Webhook:
    check(url, events, loc)
    if url is not None:
        hook.url = url
    if events is not None:
        hook.events = list(events)
    if active is not None:
        hook.active = active
    session.flush()
    return hook


def ping(session: Session, hook: Webhook, now: datetime) -> WebhookDelivery:
    delivery = WebhookDelivery(
        webhook_id=hook.id,
        event="ping",
        payload={"event": "ping", "occurred_at": now.isoformat(), "project_id": hook.project_id, "data": {}},
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(delivery)
    session.flush()
    return delivery


def deliveries(
    session: Session, webhook_id: int, limit: int = 100
) -> list[tuple[WebhookDelivery, list[WebhookAttempt]]]:
    rows = list(
        session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == webhook_id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )
    attempts: dict[int, list[WebhookAttempt]] = {row.id: [] for row in rows}
    for attempt in session.scalars(
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(list(attempts)))
        .order_by(WebhookAttempt.id)
    ):
        attempts[attempt.delivery_id].append(attempt)
    return [(row, attempts[row.id]) for row in rows]


@dataclass(frozen=True, slots=True)
class Outgoing:
    delivery_id: int
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class Outcome:
    delivery_id: int
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


Post = Callable[[Outgoing, float], Outcome]


def due_deliveries(session: Session, now: datetime, limit: int = 10, *, lock: bool = False) -> list[Outgoing]:
    """The pending deliveries whose time has come, signed and ready to post."""
    query = (
        select(WebhookDelivery, Webhook)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now,
            Webhook.active.is_(True),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
    )
    if lock:
        query = query.with_for_update(of=WebhookDelivery, skip_locked=True)
    rows = session.execute(query).all()
    outgoing = []
    for delivery, hook in rows:
        body = orjson.dumps({"delivery_id": delivery.id, **delivery.payload})
        timestamp = int(now.timestamp())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"annota-webhooks/{__version__}",
            "X-Annota-Event": delivery.event,
            "X-Annota-Delivery": str(delivery.id),
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: signature(hook.secret, timestamp, body),
        }
        outgoing.append(Outgoing(delivery.id, hook.url, body, headers))
    return outgoing


def claim_due(session: Session, now: datetime, lease: timedelta, limit: int = 10) -> list[Outgoing]:
    """The due deliveries, each moved `lease` into the future so that no other worker takes it meanwhile
    (`record` then sets its real next attempt). Rows another transaction holds are skipped on PostgreSQL;
    SQLite serialises writers, so its claims never overlap either."""
    outgoing = due_deliveries(session, now, limit, lock=True)
    if outgoing:
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_([o.delivery_id for o in outgoing]))
            .values(next_attempt_at=now + lease)
        )
    return outgoing


def post(outgoing: Outgoing, timeout_s: float) -> Outcome:
    """POST one delivery; never raises (network errors become the outcome's `error`)."""
    request = urllib.request.Request(
        outgoing.url, data=outgoing.body, headers=outgoing.headers, method="POST"
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as answer:
            code, error = answer.status, None
    except urllib.error.HTTPError as failure:
        code, error = failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        code, error = None, str(getattr(failure, "reason", failure))[:500]
    return Outcome(outgoing.delivery_id, code, error, int((time.perf_counter() - started) * 1000))


def record(session: Session, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Log each attempt and schedule the retry, or give up after MAX_ATTEMPTS."""
    for outcome in outcomes:
        delivery = session.get(WebhookDelivery, outcome.delivery_id)
        if delivery is None:  # the webhook was deleted meanwhile: nothing left to record
            continue
        delivery.attempts += 1
        session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                at=now,
                status_code=outcome.status_code,
                error=outcome.error,
                duration_ms=outcome.duration_ms,
            )
        )
        if outcome.delivered:
            delivery.status, delivery.delivered_at = "delivered", now
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = "failed"
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    session.flush()


def deliver_pending(
    session: Session, now: datetime, *, send: Post = post, limit: int = 10, timeout_s: float = 5.0
) -> list[Outcome]:
    """Post every due delivery (at most `limit`) and record the outcomes; returns them."""
    outcomes = [send(outgoing, timeout_s) for outgoing in due_deliveries(session, now, limit)]
    record(session, outcomes, now)
    return outcomes
