"""In-app notifications: listing one's own, marking them read, and deadline reminders.

`notify_deadlines(session, now)` is meant to be scheduled (the background queue runs it every few
minutes); it sends each reminder once per job and due date.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from annota.storage.errors import NotFound
from annota.storage.tables import Job, Project, Task
from annota.storage.team_events import HookEvent, Notice, emit
from annota.storage.team_tables import Notification
from annota.storage.team_trackers import job_data
from annota.storage.team_workflow import OPEN_ANNOTATION_STATES, due_date

REMINDER_AHEAD = timedelta(hours=24)


def unread_count(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


def mark_read(session: Session, user_id: int, notification_id: int, now: datetime) -> Notification:
    found = session.get(Notification, notification_id)
    if found is None or found.user_id != user_id:
        raise NotFound("notification", notification_id)
    if found.read_at is None:
        found.read_at = now
        session.flush()
    return found


def mark_all_read(session: Session, user_id: int, now: datetime) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def notify_deadlines(session: Session, now: datetime, ahead: timedelta = REMINDER_AHEAD) -> int:
    """Remind assignees of unfinished annotation jobs due within `ahead`; returns how many were sent."""
    due = due_date()
    rows = session.execute(
        select(Job, Task.project_id, due.label("due"))
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
        .where(
            Job.assignee_id.is_not(None),
            Job.stage == "annotation",
            Job.state.in_(OPEN_ANNOTATION_STATES),
            and_(due > now, due <= now + ahead),
        )
    ).all()
    facts: list[Notice | HookEvent] = []
    for job, project_id, when in rows:
        key = f"deadline:{job.id}:{when.isoformat()}"
        sent = session.scalar(
            select(Notification.id).where(Notification.user_id == job.assignee_id, Notification.key == key)
        )
        if sent is not None:
            continue
        payload = {"due": when.isoformat()}
        facts.append(
            Notice(job.assignee_id, "deadline_approaching", project_id, job.id, payload=payload, key=key)
        )
        facts.append(
            HookEvent(project_id, "job.deadline_approaching", {**job_data(job, project_id), **payload})
        )
    if facts:
        emit(session, facts, now)
    return sum(isinstance(f, Notice) for f in facts)
