"""Quality reports: a job compared with its ground truth (or another job), a project's summary, its cuts
by annotator and by task, the review queue, the CSV export, and the project's quality settings.

Reading a report needs to see both jobs (job VIEW on each, which implies project VIEW): a report shows where
the reference's objects are missing, so it must not reach anyone the reference is hidden from. A project's
summary needs project VIEW and covers the jobs the caller sees whose reference the caller sees too. The cuts,
the review queue, the export and the settings are the managers' (`project.report`, `project.manage`).
Reports are computed on request, never stored: they always reflect the current annotations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.responses import OrjsonResponse
from annota.api.schemas.quality import (
    ProjectQualityParams,
    ProjectQualityPublic,
    QualityReportCreate,
    QualityReportPublic,
)
from annota.api.schemas.quality_control import (
    AnnotatorQuality,
    ProjectQualitySettingsPublic,
    ProjectQualitySettingsUpdate,
    QualityComparison,
    ReviewQueuePublic,
    TaskQuality,
)
from annota.auth import policy
from annota.auth.policy import Access
from annota.auth.principal import Principal
from annota.domain.problems import DomainValidationError
from annota.domain.quality import QualitySettings
from annota.services import quality
from annota.services.quality import ProjectQuality, breakdown
from annota.services.quality.settings import ProjectRules, rules_of
from annota.storage import quality_settings
from annota.storage.errors import Invalid, InvalidValue
from annota.storage.problems import Problem
from annota.storage.tables import Job, Project, Task

router = APIRouter(tags=["quality"])

T = TypeVar("T")


def _located(where: str | tuple[str, ...], make: Callable[[], T]) -> T:
    """`make()`, its located problems moved under `where` (the body or the query the client sent)."""
    prefix = (where,) if isinstance(where, str) else where
    try:
        return make()
    except (DomainValidationError, Invalid) as error:
        raise InvalidValue([Problem((*prefix, *p.loc), p.msg, p.type) for p in error.problems]) from None


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
    rules = rules_of(session, project_id)
    # The project's stored comparison rules, unless the request names rules of its own.
    chosen = params.model_fields_set - {"task_id"}
    settings: QualitySettings = _located("query", params.to_settings) if chosen else rules.comparison
    task = session.get(Task, params.task_id) if params.task_id is not None else None
    if params.task_id is not None and (task is None or task.project_id != project_id):
        raise InvalidValue([Problem(("query", "task_id"), "no such task in this project", "unknown_task")])
    jobs = select(Job.id).join(Task, Task.id == Job.task_id).where(Task.project_id == project_id)
    visible = set(session.scalars(jobs.where(policy.visible_jobs(caller))))
    result = quality.project_quality(session, project_id, settings, params.task_id, visible)
    names = quality.label_names(session, project_id)
    return OrjsonResponse(quality.project_to_dict(result, names, settings, rules))


def _managed_quality(
    session: Session, caller: Principal, project_id: int
) -> tuple[ProjectQuality, ProjectRules]:
    """Every compared job of the project, under its stored comparison rules (for managers)."""
    policy.require_project(session, caller, project_id, "project.report")
    rules = rules_of(session, project_id)
    return quality.project_quality(session, project_id, rules.comparison), rules


@router.get("/api/projects/{project_id}/quality/annotators", response_model=list[AnnotatorQuality])
def annotator_quality(project_id: int, caller: Caller, session: ReadSession) -> Response:
    """Each annotator's running score: their jobs against the ground truth, on the gold (honeypot) frames
    inside them, as the annotations stand now."""
    result, rules = _managed_quality(session, caller, project_id)
    groups = breakdown.by_annotator(session, result)
    return OrjsonResponse([breakdown.group_to_dict(g, rules, "user_id") for g in groups])


@router.get("/api/projects/{project_id}/quality/tasks", response_model=list[TaskQuality])
def task_quality(project_id: int, caller: Caller, session: ReadSession) -> Response:
    """Each task's totals over its jobs that a ground truth covers."""
    result, rules = _managed_quality(session, caller, project_id)
    groups = breakdown.by_task(session, result)
    return OrjsonResponse([breakdown.group_to_dict(g, rules, "task_id") for g in groups])


@router.get("/api/projects/{project_id}/quality/review", response_model=ReviewQueuePublic)
def review_queue(project_id: int, caller: Caller, session: ReadSession) -> Response:
    """What needs a reviewer: jobs below the review threshold and low-agreement consensus frames."""
    result, rules = _managed_quality(session, caller, project_id)
    return OrjsonResponse(breakdown.review_queue(session, result, rules))


@router.get(
    "/api/projects/{project_id}/quality.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def quality_csv(
    project_id: int, caller: Caller, session: ReadSession, by: breakdown.Level = "job"
) -> Response:
    """The project's quality by job, task, annotator or label (with the metrics), or every conflict with its
    workspace link."""
    result, rules = _managed_quality(session, caller, project_id)
    body = breakdown.to_csv(session, result, rules, by)
    disposition = f'attachment; filename="quality-project-{project_id}-{by}.csv"'
    return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})


@router.get("/api/projects/{project_id}/quality/settings", response_model=ProjectQualitySettingsPublic)
def read_settings(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.report")
    return _settings_public(session, project_id)


@router.patch("/api/projects/{project_id}/quality/settings", response_model=ProjectQualitySettingsPublic)
def update_settings(
    project_id: int, body: ProjectQualitySettingsUpdate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """Change the review threshold, the consensus rules, the exam rules or the exam this project requires."""
    project = policy.require_project(session, caller, project_id, "project.manage")
    changes = body.model_dump(exclude_unset=True)
    if "comparison" in changes:
        comparison = body.comparison or QualityComparison()
        _located(("body", "comparison"), comparison.to_settings)
        changes["comparison"] = comparison.model_dump(mode="json")
    for key in ("review_metric", "agreement_threshold", "consensus_quorum", "is_exam", "exam_pass_score",
                "exam_max_attempts"):  # fmt: skip
        if key in changes and changes[key] is None:
            raise InvalidValue([Problem(("body", key), "may not be null", "invalid_value")])
    if changes.get("required_exam_id") is not None:
        _check_exam(session, project, changes["required_exam_id"])
    quality_settings.update_settings(session, project_id, changes)
    return _settings_public(session, project_id)


def _check_exam(session: Session, project: Project, exam_id: int) -> None:
    exam = session.get(Project, exam_id)
    same_place = exam is not None and exam.organization_id == project.organization_id
    if exam is not None and project.organization_id is None:
        same_place = exam.organization_id is None and exam.owner_id == project.owner_id
    if not same_place or exam_id == project.id or not quality_settings.is_exam(session, exam_id):
        msg = f"project {exam_id} is not an exam project of this project's organisation"
        raise InvalidValue([Problem(("body", "required_exam_id"), msg, "not_an_exam")])


def _settings_public(session: Session, project_id: int) -> dict[str, Any]:
    row = quality_settings.settings_of(session, project_id)
    return {
        "project_id": project_id,
        "comparison": QualityComparison.model_validate(row.comparison or {}).model_dump(),
        "review_threshold": row.review_threshold,
        "review_metric": row.review_metric,
        "agreement_threshold": row.agreement_threshold,
        "consensus_quorum": row.consensus_quorum,
        "is_exam": row.is_exam,
        "exam_pass_score": row.exam_pass_score,
        "exam_max_attempts": row.exam_max_attempts,
        "required_exam_id": row.required_exam_id,
    }
