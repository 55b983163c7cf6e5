"""Quality history in storage: points recorded at workflow events, and the rows the trends are built from
(the points, the activity per person and day, the consensus agreement per frame) of one project."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.quality_history_tables import HISTORY_EVENTS, QualityHistoryPoint
from annota.storage.quality_tables import ConsensusFrame
from annota.storage.tables import Job, Task
from annota.storage.team_tables import Activity


@dataclass(frozen=True, slots=True)
class Score:
    """A job's score against its ground truth at the moment of an event (all None without one)."""

    accuracy: float | None = None
    precision: float | None = None
    recall: float | None = None
    frames_compared: int = 0
    conflicts: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class ActivityDay:
    """One person's active time and output in a project on one UTC day."""

    user_id: int
    day: date
    active_seconds: int
    objects_created: int
    objects_edited: int


def record_point(
    session: Session,
    *,
    project_id: int,
    job_id: int,
    user_id: int | None,
    event: str,
    score: Score,
    now: datetime,
) -> QualityHistoryPoint:
    """Add a point; its round is the job's number of submissions so far (this one included for a submit)."""
    if event not in HISTORY_EVENTS:
        raise ValueError(f"event: expected one of {', '.join(HISTORY_EVENTS)}, got {event!r}")
    submits = session.scalar(
        select(func.count())
        .select_from(QualityHistoryPoint)
        .where(QualityHistoryPoint.job_id == job_id, QualityHistoryPoint.event == "submit")
    )
    rounds = (submits or 0) + (1 if event == "submit" else 0)
    point = QualityHistoryPoint(
        project_id=project_id,
        job_id=job_id,
        user_id=user_id,
        event=event,
        round=max(1, rounds),
        accuracy=score.accuracy,
        precision=score.precision,
        recall=score.recall,
        frames_compared=score.frames_compared,
        conflicts=dict(score.conflicts or {}),
        recorded_at=now,
    )
    session.add(point)
    session.flush()
    return point


def points_of(
    session: Session, project_id: int, since: date | None = None, until: date | None = None
) -> list[QualityHistoryPoint]:
    """The project's points in time order; `since` and `until` are inclusive UTC days."""
    query = select(QualityHistoryPoint).where(QualityHistoryPoint.project_id == project_id)
    if since is not None:
        query = query.where(QualityHistoryPoint.recorded_at >= datetime.combine(since, time(), UTC))
    if until is not None:
        end = datetime.combine(until + timedelta(days=1), time(), UTC)
        query = query.where(QualityHistoryPoint.recorded_at < end)
    return list(session.scalars(query.order_by(QualityHistoryPoint.recorded_at, QualityHistoryPoint.id)))


def activity_of(
    session: Session, project_id: int, since: date | None = None, until: date | None = None
) -> list[ActivityDay]:
    """Active time and output per person and day over the project's jobs, by day then person."""
    query = (
        select(
            Activity.user_id,
            Activity.day,
            func.sum(Activity.active_seconds),
            func.sum(Activity.objects_created),
            func.sum(Activity.objects_edited),
        )
        .join(Job, Job.id == Activity.job_id)
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == project_id)
        .group_by(Activity.user_id, Activity.day)
        .order_by(Activity.day, Activity.user_id)
    )
    if since is not None:
        query = query.where(Activity.day >= since)
    if until is not None:
        query = query.where(Activity.day <= until)
    return [
        ActivityDay(user, day, int(seconds or 0), int(created or 0), int(edited or 0))
        for user, day, seconds, created, edited in session.execute(query).all()
    ]


def agreements_of(session: Session, project_id: int) -> list[tuple[int, float]]:
    """(job id, agreement) of every frame of the project's merged consensus jobs, as of their last merge."""
    query = (
        select(ConsensusFrame.job_id, ConsensusFrame.agreement)
        .join(Job, Job.id == ConsensusFrame.job_id)
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == project_id)
        .order_by(ConsensusFrame.job_id, ConsensusFrame.frame)
    )
    return [(job_id, float(agreement)) for job_id, agreement in session.execute(query).all()]
