"""The job workflow in storage: settings, moving jobs, the self-assign pool, the next job to open.

Visibility is the policy's business: functions that list a person's jobs take the policy's
WHERE clause on `Job` as `visible`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from annota.storage.tables import Job, Project, Task
from annota.storage.team_tables import ProjectWorkflow

OPEN_ANNOTATION_STATES = ("new", "in_progress", "rejected")
OPEN_REVIEW_STATES = ("new", "in_progress")


def due_date() -> ColumnElement[Any]:
    """A job's effective deadline: its own, else its task's, else its project's (Task and Project joined)."""
    return func.coalesce(Job.deadline, Task.deadline, Project.deadline)


def settings_of(session: Session, project_id: int) -> ProjectWorkflow:
    found = session.get(ProjectWorkflow, project_id)
    return found if found is not None else ProjectWorkflow(project_id=project_id, self_assign=False)


def update_settings(session: Session, project_id: int, *, self_assign: bool | None = None) -> ProjectWorkflow:
    found = session.get(ProjectWorkflow, project_id)
    if found is None:
        found = ProjectWorkflow(project_id=project_id, self_assign=False)
        session.add(found)
    if self_assign is not None:
        found.self_assign = self_assign
    session.flush()
    return found


def move(session: Session, job: Job, stage: str, state: str) -> Job:
    job.stage, job.state = stage, state
    session.flush()
    return job


def start_on_save(session: Session, job_id: int, user_id: int) -> None:
    """The assignee's save starts a new or rejected job (state in_progress)."""
    job = session.get(Job, job_id)
    if (
        job is not None
        and job.assignee_id == user_id
        and job.stage == "annotation"
        and job.state in ("new", "rejected")
    ):
        move(session, job, "annotation", "in_progress")


def _jobs_with_due() -> Select[Any]:
    return (
        select(Job, due_date().label("due"))
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
    )


def _queue_order(query: Select[Any]) -> Select[Any]:
    due = due_date()
    return query.order_by(Job.priority.desc(), due.is_(None), due, Task.id, Job.frame_start, Job.id)


def next_job(
    session: Session, user_id: int, visible: ColumnElement[bool], queue: str, project_id: int | None = None
) -> Job | None:
    """The caller's next job: in `queue` "annotation" (assigned to them) or "review" (reviewed by them);
    highest priority first, then the nearest deadline."""
    if queue == "annotation":
        condition = (
            Job.assignee_id == user_id,
            Job.stage == "annotation",
            Job.state.in_(OPEN_ANNOTATION_STATES),
        )
    else:
        condition = (Job.reviewer_id == user_id, Job.stage == "validation", Job.state.in_(OPEN_REVIEW_STATES))
    query = _jobs_with_due().where(visible, *condition)
    if project_id is not None:
        query = query.where(Task.project_id == project_id)
    found = session.execute(_queue_order(query).limit(1)).first()
    return found[0] if found is not None else None


def claim(session: Session, project_id: int, user_id: int) -> Job | None:
    """Assign the caller the pool's next job (unassigned, new, not one they review); None when empty."""
    query = _jobs_with_due().where(
        Task.project_id == project_id,
        Job.assignee_id.is_(None),
        Job.kind == "annotation",
        Job.stage == "annotation",
        Job.state == "new",
        or_(Job.reviewer_id.is_(None), Job.reviewer_id != user_id),
    )
    query = _queue_order(query).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=Job, skip_locked=True)
    found = session.execute(query).first()
    if found is None:
        return None
    job: Job = found[0]
    job.assignee_id = user_id
    session.flush()
    return job


def pool_size(session: Session, project_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Job)
            .join(Task, Task.id == Job.task_id)
            .where(
                Task.project_id == project_id,
                Job.assignee_id.is_(None),
                Job.kind == "annotation",
                Job.stage == "annotation",
                Job.state == "new",
            )
        )
        or 0
    )


def is_overdue(due: datetime | None, stage: str, state: str, now: datetime) -> bool:
    return due is not None and due < now and (stage, state) != ("acceptance", "completed")
