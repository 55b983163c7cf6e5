"""Quality reports: a job compared with its ground truth (or another job), and a project's summary.

Reading a report needs to see both jobs (job VIEW on each, which implies project VIEW): a report shows where
the reference's objects are missing, so it must not reach anyone the reference is hidden from. A project's
summary needs project VIEW and covers the jobs the caller sees whose reference the caller sees too.
Reports are computed on request, never stored: they always reflect the current annotations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Query
from sqlalchemy import select
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession
from annota.api.responses import OrjsonResponse
from annota.api.schemas.quality import (
    ProjectQualityParams,
    ProjectQualityPublic,
    QualityReportCreate,
    QualityReportPublic,
)
from annota.auth import policy
from annota.auth.policy import Access
from annota.domain.problems import DomainValidationError
from annota.domain.quality import QualitySettings
from annota.services import quality
from annota.storage.errors import Invalid, InvalidValue
from annota.storage.problems import Problem
from annota.storage.tables import Job, Task

router = APIRouter(tags=["quality"])

T = TypeVar("T")


def _located(where: str, make: Callable[[], T]) -> T:
    """`make()`, its located problems moved under `where` (the body or the query the client sent)."""
    try:
        return make()
    except (DomainValidationError, Invalid) as error:
        raise InvalidValue([Problem((where, *p.loc), p.msg, p.type) for p in error.problems]) from None


@router.post("/api/quality/reports", response_model=QualityReportPublic)
def create_report(body: QualityReportCreate, caller: Caller, session: ReadSession) -> Response:
    """Compare a job with a reference job, frame by frame: matches and conflicts per frame (each naming the
    objects involved), totals, per-label metrics and, for tracks, MOTA / IDF1 / identity switches."""
    settings: QualitySettings = _located("body", body.settings)
    policy.require_job(session, caller, body.job_id, Access.VIEW)
    if body.reference_job_id is not None:
        policy.require_job(session, caller, body.reference_job_id, Access.VIEW)
    comparison = _located("body", lambda: quality.comparison_for(session, body.job_id, body.reference_job_id))
    policy.require_job(session, caller, comparison.reference_job_id, Access.VIEW)
    report = quality.job_report(session, comparison, settings)
    names = quality.label_names(session, comparison.project_id)
    return OrjsonResponse(quality.job_to_dict(report, names, body.frames))


@router.get("/api/projects/{project_id}/quality", response_model=ProjectQualityPublic)
def project_quality(
    project_id: int, params: Annotated[ProjectQualityParams, Query()], caller: Caller, session: ReadSession
) -> Response:
    """Totals and per-job summaries over the project's jobs that have a ground-truth job."""
    policy.require_project(session, caller, project_id, Access.VIEW)
    settings: QualitySettings = _located("query", params.to_settings)
    task = session.get(Task, params.task_id) if params.task_id is not None else None
    if params.task_id is not None and (task is None or task.project_id != project_id):
        raise InvalidValue([Problem(("query", "task_id"), "no such task in this project", "unknown_task")])
    jobs = select(Job.id).join(Task, Task.id == Job.task_id).where(Task.project_id == project_id)
    visible = set(session.scalars(jobs.where(policy.visible_jobs(caller))))
    result = quality.project_quality(session, project_id, settings, params.task_id, visible)
    names = quality.label_names(session, project_id)
    return OrjsonResponse(quality.project_to_dict(result, names, settings))
