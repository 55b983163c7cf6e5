"""Tasks: media sets of a project, cut into jobs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.tasks import TaskCreate, TaskPublic, TaskUpdate
from annota.auth import policy
from annota.auth.policy import Access
from annota.auth.principal import Principal
from annota.storage import tasks
from annota.storage.tables import Job, MediaItem, Project, Task

router = APIRouter(tags=["tasks"])


def public_tasks(session: ReadSession, caller: Principal, rows: list[Task]) -> list[dict[str, Any]]:
    """Tasks as answered; `media_count` and `job_count` count what the caller sees."""
    ids = [t.id for t in rows]
    media = dict(
        session.execute(
            select(MediaItem.task_id, func.count())
            .where(MediaItem.task_id.in_(ids), policy.visible_media(caller))
            .group_by(MediaItem.task_id)
        ).all()
    )
    jobs = dict(
        session.execute(
            select(Job.task_id, func.count())
            .where(Job.task_id.in_(ids), policy.visible_jobs(caller))
            .group_by(Job.task_id)
        ).all()
    )
    return [
        {
            **TaskPublic.model_validate(t).model_dump(),
            "media_count": media.get(t.id, 0),
            "job_count": jobs.get(t.id, 0),
        }
        for t in rows
    ]


@router.get("/api/tasks", response_model=Page[TaskPublic])
def list_tasks(
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    project_id: int | None = None,
    subset: str | None = None,
) -> dict[str, Any]:
    query = select(Task).join(Project, Project.id == Task.project_id).where(policy.visible_tasks(caller))
    if params.q:
        query = query.where(Task.name.icontains(params.q, autoescape=True))
    filters = {k: v for k, v in {"project_id": project_id, "subset": subset}.items() if v is not None}
    page = page_of(
        session,
        query,
        params,
        tasks.TASK_COLUMNS,
        unique_key=Task.id,
        default_sort="-created_at",
        filters=filters,
    )
    page["items"] = public_tasks(session, caller, page["items"])
    return page


@router.post("/api/tasks", response_model=TaskPublic, status_code=201)
def create_task(body: TaskCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    policy.require_project(session, caller, body.project_id, Access.MANAGE)
    task = tasks.create_task(
        session,
        body.project_id,
        name=body.name,
        owner_id=caller.user_id,
        subset=body.subset,
        segment_size=body.segment_size,
        overlap=body.overlap,
        frame_start=body.frame_start,
        frame_stop=body.frame_stop,
        frame_step=body.frame_step,
        deadline=body.deadline,
    )
    return public_tasks(session, caller, [task])[0]


@router.get("/api/tasks/{task_id}", response_model=TaskPublic)
def read_task(task_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    task = policy.require_task(session, caller, task_id, Access.VIEW)
    return public_tasks(session, caller, [task])[0]


@router.patch("/api/tasks/{task_id}", response_model=TaskPublic)
def update_task(task_id: int, body: TaskUpdate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    policy.require_task(session, caller, task_id, Access.MANAGE)
    task = tasks.update_task(session, task_id, body.model_dump(exclude_unset=True))
    return public_tasks(session, caller, [task])[0]


@router.delete("/api/tasks/{task_id}", status_code=204)
def delete_task(task_id: int, caller: Caller, session: WriteSession) -> None:
    policy.require_task(session, caller, task_id, Access.MANAGE)
    tasks.delete_task(session, task_id)
