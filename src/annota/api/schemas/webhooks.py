from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from annota.api.schemas.common import Public, Wire


class WebhookCreate(Wire):
    url: str = Field(min_length=1, max_length=2000)
    events: list[str] = Field(default_factory=lambda: ["*"], description='Event names, or ["*"] for all')


class WebhookUpdate(Wire):
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    events: list[str] | None = None
    active: bool | None = None


class WebhookPublic(Public):
    id: int
    project_id: int
    url: str
    events: list[str]
    active: bool
    created_by: int | None
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="Shown once: the HMAC-SHA256 key of X-Annota-Signature")


class AttemptPublic(Public):
    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


class DeliveryPublic(Public):
    id: int
    event: str
    status: str
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]
    log: list[AttemptPublic] = Field(default_factory=list)
