"""Background jobs: list, read, cancel, and download what an export made.

Who sees a background job: whoever manages its project, and the person who started it as long as they
still see the project. Anyone else gets 404, as for a job that does not exist.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from starlette.responses import FileResponse, Response

from annota.api.deps import AppSettings, Caller, ReadSession, get_database
from annota.api.errors import ApiError
from annota.api.listing import ListParams, page_of
from annota.api.schemas.background import BackgroundJobPublic
from annota.api.schemas.common import Page
from annota.auth import policy
from annota.auth.errors import Hidden
from annota.auth.policy import Access
from annota.auth.principal import Principal
from annota.formats.registry import FormatRegistry, load_registry
from annota.jobs import service
from annota.jobs.queue import JobQueue, open_queue
from annota.jobs.service import JobState
from annota.storage.db import Database
from annota.storage.job_tables import BackgroundJobRow
from annota.storage.tables import Project

router = APIRouter(tags=["background jobs"])

# Parameters that are the server's business (file locations), not the caller's.
_INTERNAL_PARAMS = frozenset({"folder", "upload"})
_INTERNAL_RESULT = frozenset({"file"})
_STATE_LOCK = threading.Lock()

JOB_COLUMNS = {
    "id": BackgroundJobRow.id,
    "kind": BackgroundJobRow.kind,
    "status": BackgroundJobRow.status,
    "project_id": BackgroundJobRow.project_id,
    "created_by": BackgroundJobRow.created_by,
    "created_at": BackgroundJobRow.created_at,
    "finished_at": BackgroundJobRow.finished_at,
}


def get_job_queue(request: Request) -> JobQueue:
    """The app's queue: ``app.state.job_queue`` when the host set one (`annota serve` with workers),
    else opened from the settings on first use."""
    state = request.app.state
    with _STATE_LOCK:
        queue: JobQueue | None = getattr(state, "job_queue", None)
        if queue is None:
            queue = open_queue(state.settings)
            state.job_queue = queue
    return queue


def get_formats(request: Request) -> FormatRegistry:
    """The format registry (entry points), loaded on first use; a host may set ``app.state.formats``."""
    state = request.app.state
    with _STATE_LOCK:
        formats: FormatRegistry | None = getattr(state, "formats", None)
        if formats is None:
            formats = load_registry()
            state.formats = formats
    return formats


Queue = Annotated[JobQueue, Depends(get_job_queue)]
Formats = Annotated[FormatRegistry, Depends(get_formats)]
Db = Annotated[Database, Depends(get_database)]


def visible_job(session: Session, caller: Principal, job_id: int) -> BackgroundJobRow:
    """The job if the caller may see it (see the module docstring); Hidden (404) otherwise."""
    row = session.get(BackgroundJobRow, job_id)
    project = session.get(Project, row.project_id) if row is not None and row.project_id is not None else None
    if row is None or project is None:
        raise Hidden("background job", job_id)
    try:
        policy.require_project(session, caller, project.id, Access.VIEW)
    except Hidden:
        raise Hidden("background job", job_id) from None
    if (
        row.created_by == caller.user_id
        or policy.project_relations(session, caller, project) & policy.MANAGING
    ):
        return row
    raise Hidden("background job", job_id)


def job_public(state: JobState) -> dict[str, Any]:
    row = state.row
    result = row.result
    download = None
    if row.kind == "export" and row.status == "succeeded" and result:
        download = f"/api/background-jobs/{row.id}/download"
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "progress": state.progress,
        "message": state.message,
        "created_by": row.created_by,
        "project_id": row.project_id,
        "params": {k: v for k, v in (row.params or {}).items() if k not in _INTERNAL_PARAMS},
        "result": {k: v for k, v in result.items() if k not in _INTERNAL_RESULT} if result else None,
        "errors": row.error,
        "cancel_requested": row.cancel_requested,
        "attempt": row.attempt,
        "created_at": row.created_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "download_url": download,
    }


@router.get("/api/background-jobs", response_model=Page[BackgroundJobPublic])
def list_background_jobs(
    caller: Caller,
    session: ReadSession,
    queue: Queue,
    params: Annotated[ListParams, Query()],
    project_id: int | None = None,
    kind: str | None = None,
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"] | None = None,
) -> dict[str, Any]:
    """The caller's own jobs, and every job of the projects the caller manages."""
    mine = and_(BackgroundJobRow.created_by == caller.user_id, policy.visible_projects(caller))
    query = (
        select(BackgroundJobRow)
        .join(Project, Project.id == BackgroundJobRow.project_id)
        .where(or_(mine, policy.managed_projects(caller)))
    )
    filters = {
        k: v for k, v in {"project_id": project_id, "kind": kind, "status": status}.items() if v is not None
    }
    page = page_of(
        session,
        query,
        params,
        JOB_COLUMNS,
        unique_key=BackgroundJobRow.id,
        default_sort="-id",
        filters=filters,
    )
    page["items"] = [job_public(s) for s in service.states(queue, page["items"])]
    return page


@router.get("/api/background-jobs/{job_id}", response_model=BackgroundJobPublic)
def read_background_job(job_id: int, caller: Caller, session: ReadSession, queue: Queue) -> dict[str, Any]:
    """Poll this for progress (the editor does, while a tracker runs)."""
    row = visible_job(session, caller, job_id)
    return job_public(service.states(queue, [row])[0])


@router.post("/api/background-jobs/{job_id}/cancel", response_model=BackgroundJobPublic)
def cancel_background_job(job_id: int, caller: Caller, database: Db, queue: Queue) -> dict[str, Any]:
    """A queued job is cancelled at once; a running one stops at its next check (the answer says
    ``cancel_requested``; poll until the status is ``cancelled``). 409 when it has already ended."""
    with database.session() as session:
        visible_job(session, caller, job_id)
    service.cancel(database, queue, job_id)
    with database.session() as session:
        row = visible_job(session, caller, job_id)
        return job_public(service.states(queue, [row])[0])


@router.get("/api/background-jobs/{job_id}/download", response_class=Response)
def download_export(job_id: int, caller: Caller, session: ReadSession, settings: AppSettings) -> Response:
    """The zip an export job made."""
    row = visible_job(session, caller, job_id)
    if row.kind != "export":
        raise ApiError(404, "this job makes no file", "not_found", ("path", "job_id"))
    if row.status != "succeeded" or not row.result:
        raise ApiError(409, f"the export is {row.status}: no file yet", "not_ready", ("path", "job_id"))
    root = (Path(settings.job_files_root) / "jobs").resolve()
    path = (Path(settings.job_files_root) / str(row.result["file"])).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise ApiError(404, "the export file is gone", "not_found", ("path", "job_id"))
    return FileResponse(path, media_type="application/zip", filename=str(row.result["file_name"]))
