"""What happens because something changed: audit entries, in-app notifications, webhook deliveries.

Facts are derived from the unit of work. The policy names the caller as the session's actor
(`attach`); when that session flushes, `annota.storage.team_trackers` turns each changed row of a
tracked table into facts and `write` stores them in the same transaction, so a change and its
trail commit or roll back together. Changes made without an actor (CLI, migrations) leave no trail.

Explicit facts (an annotation save, a deadline reminder) go through `emit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, event, insert, select
from sqlalchemy.orm import Session, UOWTransaction

from annota.storage.team_tables import AuditEntry, Notification, Webhook, WebhookDelivery
from annota.storage.types import utcnow

ACTOR_KEY = "annota.actor"
AUDIT = cast(Table, AuditEntry.__table__)
NOTIFICATIONS = cast(Table, Notification.__table__)
DELIVERIES = cast(Table, WebhookDelivery.__table__)

# Webhook events, as sent in the `event` field and the X-Annota-Event header.
WEBHOOK_EVENTS = (
    "job.assigned",
    "job.submitted",
    "job.rejected",
    "job.accepted",
    "job.state_changed",
    "job.deadline_approaching",
    "issue.opened",
    "issue.commented",
    "issue.resolved",
    "issue.reopened",
    "annotations.saved",
    "ping",
)
NOTIFICATION_KINDS = ("assigned", "submitted", "rejected", "accepted", "commented", "deadline_approaching")


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    username: str


@dataclass(frozen=True, slots=True)
class Audit:
    entity_type: str
    entity_id: object
    action: str
    summary: dict[str, Any]
    project_id: int | None = None
    organization_id: int | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    user_id: int
    kind: str
    project_id: int | None
    job_id: int | None = None
    issue_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    key: str | None = None


@dataclass(frozen=True, slots=True)
class HookEvent:
    project_id: int
    event: str
    data: dict[str, Any]


Fact = Audit | Notice | HookEvent


def attach(session: Session, actor: Actor) -> None:
    """Make `actor` the author of what this session changes (the first actor named stays)."""
    if ACTOR_KEY in session.info:
        return
    session.info[ACTOR_KEY] = actor
    event.listen(session, "after_flush", _after_flush)


def actor_of(session: Session) -> Actor | None:
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def _after_flush(session: Session, _: UOWTransaction) -> None:
    from annota.storage import team_trackers  # the trackers import this module's fact types

    actor = actor_of(session)
    connection = session.connection()
    facts = team_trackers.facts_of_flush(connection, session, actor)
    if facts:
        write(connection, actor, facts)


def emit(session: Session, facts: Sequence[Fact], now: datetime | None = None) -> None:
    """Store facts that do not come from a flushed row (an annotation save, a deadline reminder)."""
    write(session.connection(), actor_of(session), facts, now)


def write(
    connection: Connection, actor: Actor | None, facts: Iterable[Fact], now: datetime | None = None
) -> None:
    at = now or utcnow()
    audits, notices, hooks = [], [], []
    seen: set[tuple[object, ...]] = set()
    for fact in facts:
        if isinstance(fact, Audit):
            audits.append(_audit_row(fact, actor, at))
        elif isinstance(fact, Notice):
            # One notice per person and subject per change, and never about one's own action.
            key = (fact.user_id, fact.kind, fact.job_id, fact.issue_id)
            if key in seen or (actor is not None and fact.user_id == actor.user_id):
                continue
            seen.add(key)
            notices.append(_notice_row(fact, actor, at))
        else:
            hooks.extend(_delivery_rows(connection, fact, actor, at))
    if audits:
        connection.execute(insert(AUDIT), audits)
    if notices:
        connection.execute(insert(NOTIFICATIONS), notices)
    if hooks:
        connection.execute(insert(DELIVERIES), hooks)


def _audit_row(fact: Audit, actor: Actor | None, at: datetime) -> dict[str, Any]:
    return {
        "at": at,
        "actor_id": actor.user_id if actor else None,
        "actor_name": actor.username if actor else "system",
        "organization_id": fact.organization_id,
        "project_id": fact.project_id,
        "entity_type": fact.entity_type,
        "entity_id": str(fact.entity_id),
        "action": fact.action,
        "summary": fact.summary,
    }


def _notice_row(fact: Notice, actor: Actor | None, at: datetime) -> dict[str, Any]:
    by = {"by": actor.username} if actor else {}
    return {
        "user_id": fact.user_id,
        "kind": fact.kind,
        "project_id": fact.project_id,
        "job_id": fact.job_id,
        "issue_id": fact.issue_id,
        "key": fact.key,
        "payload": {**by, **fact.payload},
        "created_at": at,
        "read_at": None,
    }


def _delivery_rows(
    connection: Connection, fact: HookEvent, actor: Actor | None, at: datetime
) -> list[dict[str, Any]]:
    hooks = connection.execute(
        select(Webhook.id, Webhook.events).where(
            Webhook.project_id == fact.project_id, Webhook.active.is_(True)
        )
    ).all()
    payload = {
        "event": fact.event,
        "occurred_at": at.isoformat(),
        "project_id": fact.project_id,
        "actor": {"id": actor.user_id, "username": actor.username} if actor else None,
        "data": fact.data,
    }
    return [
        {
            "webhook_id": hook_id,
            "event": fact.event,
            "payload": payload,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": at,
            "created_at": at,
            "delivered_at": None,
        }
        for hook_id, events in hooks
        if "*" in events or fact.event in events
    ]
