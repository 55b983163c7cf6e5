"""Outgoing webhooks of a project: signed (HMAC-SHA256), retried with backoff, every attempt logged."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.webhooks import (
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhookUpdate,
)
from annota.auth import policy
from annota.storage import team_webhooks
from annota.storage.team_tables import Webhook, WebhookAttempt, WebhookDelivery
from annota.storage.types import utcnow

router = APIRouter(tags=["webhooks"])


@router.get("/api/projects/{project_id}/webhooks", response_model=list[WebhookPublic])
def list_webhooks(project_id: int, caller: Caller, session: ReadSession) -> list[Webhook]:
    policy.require_project(session, caller, project_id, "project.manage")
    return team_webhooks.list_webhooks(session, project_id)


@router.post("/api/projects/{project_id}/webhooks", response_model=WebhookCreated, status_code=201)
def create_webhook(
    project_id: int, body: WebhookCreate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """A new webhook; its signing secret is shown once."""
    policy.require_project(session, caller, project_id, "project.manage")
    hook = team_webhooks.create_webhook(
        session, project_id, url=body.url, events=body.events, created_by=caller.user_id, loc=("body",)
    )
    return {**WebhookPublic.model_validate(hook).model_dump(), "secret": hook.secret}


@router.patch("/api/webhooks/{webhook_id}", response_model=WebhookPublic)
def update_webhook(webhook_id: int, body: WebhookUpdate, caller: Caller, session: WriteSession) -> Webhook:
    hook = policy.require_webhook(session, caller, webhook_id)
    return team_webhooks.update_webhook(
        session, hook, url=body.url, events=body.events, active=body.active, loc=("body",)
    )


@router.delete("/api/webhooks/{webhook_id}", status_code=204)
def delete_webhook(webhook_id: int, caller: Caller, session: WriteSession) -> None:
    session.delete(policy.require_webhook(session, caller, webhook_id))
    session.flush()


def _delivery(delivery: WebhookDelivery, log: list[WebhookAttempt]) -> dict[str, Any]:
    fields = ("id", "event", "status", "attempts", "next_attempt_at", "created_at", "delivered_at", "payload")
    return {
        **{f: getattr(delivery, f) for f in fields},
        "log": [
            {"at": a.at, "status_code": a.status_code, "error": a.error, "duration_ms": a.duration_ms}
            for a in log
        ],
    }


@router.get("/api/webhooks/{webhook_id}/deliveries", response_model=list[DeliveryPublic])
def list_deliveries(webhook_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """The delivery log, newest first: each delivery with its attempts."""
    policy.require_webhook(session, caller, webhook_id)
    return [_delivery(d, log) for d, log in team_webhooks.deliveries(session, webhook_id)]


@router.post("/api/webhooks/{webhook_id}/ping", response_model=DeliveryPublic, status_code=202)
def ping(webhook_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Queue a `ping` delivery to check the receiver."""
    hook = policy.require_webhook(session, caller, webhook_id)
    return _delivery(team_webhooks.ping(session, hook, utcnow()), [])
