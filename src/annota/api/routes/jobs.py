"""Jobs: the frame segments people are assigned to."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.listing import ListParams, page_of
from annota.api.routes.workflow import public_jobs
from annota.api.schemas.common import Page
from annota.api.schemas.tasks import JobPublic, JobUpdate
from annota.auth import policy
from annota.auth.policy import Access
from annota.storage import jobs
from annota.storage.tables import Job, Project, Task

router = APIRouter(tags=["jobs"])


@router.get("/api/jobs", response_model=Page[JobPublic])
def list_jobs(
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    task_id: int | None = None,
    project_id: int | None = None,
    assignee_id: int | None = None,
    state: str | None = None,
    stage: str | None = None,
) -> dict[str, Any]:
    query = (
        select(Job)
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
        .where(policy.visible_jobs(caller))
    )
    filters = {
        k: v
        for k, v in {
            "task_id": task_id,
            "project_id": project_id,
            "assignee_id": assignee_id,
            "state": state,
            "stage": stage,
        }.items()
        if v is not None
    }
    page = page_of(
        session,
        query,
        params,
        jobs.JOB_COLUMNS,
        unique_key=Job.id,
        default_sort="task_id,frame_start",
        filters=filters,
    )
    page["items"] = public_jobs(session, page["items"])
    return page


@router.get("/api/jobs/{job_id}", response_model=JobPublic)
def read_job(job_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    return public_jobs(session, [policy.require_job(session, caller, job_id, Access.VIEW)])[0]


@router.patch("/api/jobs/{job_id}", response_model=JobPublic)
def update_job(job_id: int, body: JobUpdate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    job = policy.require_job(session, caller, job_id, Access.MANAGE)
    changes = body.model_dump(exclude_unset=True)
    policy.require_seats_assignable(session, job, changes, ("body",))
    return public_jobs(session, [jobs.update_job(session, job_id, changes)])[0]
