"""Jobs: frame segments of a task (or replicas of one), the unit of assignment and review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.errors import InvalidValue, NotFound
from annota.storage.pagination import Page, paginate
from annota.storage.problems import Problem
from annota.storage.rows import get_or_raise, one_of, update_unique, write_unique
from annota.storage.tables import JOB_KINDS, JOB_STAGES, JOB_STATES, Job, Task
from annota.storage.tasks import get_task

JOB_COLUMNS = {
    "id": Job.id,
    "task_id": Job.task_id,
    "project_id": Task.project_id,
    "frame_start": Job.frame_start,
    "assignee_id": Job.assignee_id,
    "reviewer_id": Job.reviewer_id,
    "stage": Job.stage,
    "state": Job.state,
    "kind": Job.kind,
    "parent_job_id": Job.parent_job_id,
    "priority": Job.priority,
    "deadline": Job.deadline,
    "created_at": Job.created_at,
    "updated_at": Job.updated_at,
}
_CHANGEABLE = {
    "assignee_id": None,
    "reviewer_id": None,
    "stage": one_of(JOB_STAGES),
    "state": one_of(JOB_STATES),
    "priority": None,
    "deadline": None,
}


def create_job(
    session: Session,
    task_id: int,
    *,
    frame_start: int,
    frame_stop: int,
    kind: str = "annotation",
    parent_job_id: int | None = None,
    deadline: datetime | None = None,
) -> Job:
    """A job outside the regular split: a ground-truth job or a consensus replica of `parent_job_id`."""
    get_task(session, task_id)
    problems = []
    if frame_start < 0:
        problems.append(Problem(("frame_start",), "must be 0 or more", "invalid_value"))
    if frame_stop < frame_start:
        problems.append(Problem(("frame_stop",), "must not be before frame_start", "invalid_value"))
    kind_problem = one_of(JOB_KINDS)(kind)
    if kind_problem:
        problems.append(Problem(("kind",), kind_problem, "invalid_value"))
    if problems:
        raise InvalidValue(problems)
    job = Job(
        task_id=task_id,
        frame_start=frame_start,
        frame_stop=frame_stop,
        kind=kind,
        parent_job_id=parent_job_id,
        deadline=deadline,
    )
    write_unique(session, job, f"parent job {parent_job_id} does not exist")
    return job


def get_job(session: Session, job_id: int) -> Job:
    return get_or_raise(session, Job, job_id, "job")


def job_project_id(session: Session, job_id: int) -> int:
    """The project a job belongs to (its labels are the ones its annotations may use)."""
    project_id = session.scalar(select(Task.project_id).join(Job).where(Job.id == job_id))
    if project_id is None:
        raise NotFound("job", job_id)
    return project_id


def list_jobs(
    session: Session,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = "task_id,frame_start",
    filters: Mapping[str, object] | None = None,
) -> Page[Job]:
    """Jobs filtered by equality on JOB_COLUMNS (e.g. {"assignee_id": 4, "state": "new"})."""
    return paginate(
        session,
        select(Job).join(Task),
        columns=JOB_COLUMNS,
        unique_key=Job.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def update_job(session: Session, job_id: int, changes: Mapping[str, Any]) -> Job:
    """Change assignment, stage, state, priority or deadline; never the frames or the revision."""
    job = get_job(session, job_id)
    update_unique(session, job, changes, _CHANGEABLE, "the assignee or reviewer does not exist")
    return job
