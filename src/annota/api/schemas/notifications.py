from __future__ import annotations

from datetime import datetime
from typing import Any

from annota.api.schemas.common import Public


class NotificationPublic(Public):
    id: int
    kind: str
    project_id: int | None
    job_id: int | None
    issue_id: int | None
    payload: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class UnreadCount(Public):
    unread: int


class MarkedRead(Public):
    updated: int
