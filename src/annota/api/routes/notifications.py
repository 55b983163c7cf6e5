"""The caller's in-app notifications: assigned, submitted, rejected, accepted, commented, deadline
approaching."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.notifications import MarkedRead, NotificationPublic, UnreadCount
from annota.auth import policy
from annota.storage import team_notifications
from annota.storage.team_tables import Notification
from annota.storage.types import utcnow

router = APIRouter(prefix="/api/notifications", tags=["notifications"])

COLUMNS = {"id": Notification.id, "created_at": Notification.created_at, "kind": Notification.kind}


@router.get("", response_model=Page[NotificationPublic])
def list_notifications(
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    unread: bool | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    policy.acting(session, caller)
    query = select(Notification).where(policy.own_notifications(caller))
    if unread is not None:
        query = query.where(Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None))
    filters = {"kind": kind} if kind is not None else None
    return page_of(
        session, query, params, COLUMNS, unique_key=Notification.id, default_sort="-id", filters=filters
    )


@router.get("/unread", response_model=UnreadCount)
def unread_count(caller: Caller, session: ReadSession) -> dict[str, int]:
    policy.acting(session, caller)
    return {"unread": team_notifications.unread_count(session, caller.user_id)}


@router.post("/read-all", response_model=MarkedRead)
def mark_all_read(caller: Caller, session: WriteSession) -> dict[str, int]:
    policy.acting(session, caller)
    return {"updated": team_notifications.mark_all_read(session, caller.user_id, utcnow())}


@router.post("/{notification_id}/read", response_model=NotificationPublic)
def mark_read(notification_id: int, caller: Caller, session: WriteSession) -> Notification:
    found = policy.require_notification(session, caller, notification_id)
    return team_notifications.mark_read(session, caller.user_id, found.id, utcnow())
