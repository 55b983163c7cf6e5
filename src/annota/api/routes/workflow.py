"""The job workflow: transitions, "submit and open my next job", the self-assign pool, bulk
assignment, and "my work"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.schemas.tasks import JobPublic
from annota.api.schemas.workflow import (
    AssignmentRequest,
    AssignmentResult,
    TransitionPublic,
    TransitionRequest,
    TransitionResult,
    WorkflowPublic,
    WorkflowUpdate,
    WorkItem,
)
from annota.auth import policy
from annota.auth.errors import Forbidden, Hidden, Refused
from annota.auth.principal import Principal
from annota.services.quality import history
from annota.storage import team_assignment, team_issues, team_reports, team_workflow, users
from annota.storage.tables import Job, Task
from annota.storage.types import utcnow

router = APIRouter(tags=["workflow"])


def public_jobs(session: Session, jobs: Sequence[Job]) -> list[dict[str, Any]]:
    """Jobs as answered, with their open issue counts and the names of their assignee and reviewer."""
    counts = team_issues.open_issue_counts(session, [job.id for job in jobs])
    names = users.usernames(session, [p for job in jobs for p in (job.assignee_id, job.reviewer_id)])
    return [
        {
            **JobPublic.model_validate(job).model_dump(),
            "open_issues": counts.get(job.id, 0),
            "assignee_name": names.get(job.assignee_id) if job.assignee_id else None,
            "reviewer_name": names.get(job.reviewer_id) if job.reviewer_id else None,
        }
        for job in jobs
    ]


def _may(decide: Any) -> bool:
    try:
        decide()
    except (Hidden, Forbidden):
        return False
    return True


def _workflow(session: Session, caller: Principal, project_id: int) -> dict[str, Any]:
    settings = team_workflow.settings_of(session, project_id)
    may_claim = settings.self_assign and _may(
        lambda: policy.require_project(session, caller, project_id, "pool.claim")
    )
    available = team_workflow.pool_size(session, project_id) if may_claim else None
    return {"project_id": project_id, "self_assign": settings.self_assign, "pool_available": available}


@router.get("/api/projects/{project_id}/workflow", response_model=WorkflowPublic)
def read_workflow(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.view")
    return _workflow(session, caller, project_id)


@router.patch("/api/projects/{project_id}/workflow", response_model=WorkflowPublic)
def update_workflow(
    project_id: int, body: WorkflowUpdate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.manage")
    team_workflow.update_settings(session, project_id, self_assign=body.self_assign)
    return _workflow(session, caller, project_id)


@router.post("/api/projects/{project_id}/pool/claim", response_model=JobPublic)
def claim_job(project_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Take the pool's next job (highest priority, nearest deadline); 409 when the pool is closed or empty."""
    policy.require_project(session, caller, project_id, "pool.claim")
    policy.require_qualified(session, project_id, caller.user_id, ("path", "project_id"))
    if not team_workflow.settings_of(session, project_id).self_assign:
        raise ApiError(409, "this project has no self-assign pool", "pool_closed", ("path", "project_id"))
    job = team_workflow.claim(session, project_id, caller.user_id)
    if job is None:
        raise ApiError(409, "no job is waiting in the pool", "pool_empty", ("path", "project_id"))
    return public_jobs(session, [job])[0]


@router.post("/api/projects/{project_id}/assignments", response_model=AssignmentResult)
def assign_jobs(
    project_id: int, body: AssignmentRequest, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """Share the project's jobs among people: round robin, or balanced by frame count (counting the
    frames each already holds)."""
    project = policy.require_project(session, caller, project_id, "project.manage")
    for i, user_id in enumerate(body.users):
        policy.require_assignable(session, project, user_id, body.seat, ("body", "users", i))
    dealt = team_assignment.assign(
        session,
        project_id,
        people=body.users,
        strategy=body.strategy,
        seat=body.seat,
        job_ids=body.job_ids,
        only_unassigned=body.only_unassigned,
        loc=("body",),
    )
    return {"assigned": [{"job_id": a.job_id, "user_id": a.user_id, "frames": a.frames} for a in dealt]}


def _transitions(session: Session, caller: Principal, job: Job) -> list[dict[str, Any]]:
    return [
        {"action": t.action, "to_stage": t.to_stage, "to_state": t.to_state, "description": t.description}
        for t in policy.available_transitions(session, caller, job)
    ]


@router.get("/api/jobs/{job_id}/transitions", response_model=list[TransitionPublic])
def list_transitions(job_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """What the caller may do with the job now."""
    job = policy.require_job(session, caller, job_id, "job.view")
    return _transitions(session, caller, job)


@router.post("/api/jobs/{job_id}/transitions", response_model=TransitionResult)
def transition(job_id: int, body: TransitionRequest, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Move the job (submit, reject, accept...); with open_next, also the caller's next job: their next
    one to annotate after start/submit/recall, to review after a review action (claimed from the
    project's pool when they have none and may claim)."""
    job, move = policy.require_transition(session, caller, job_id, body.action)
    team_workflow.move(session, job, move.to_stage, move.to_state)
    history.record_transition(session, job.id, body.action, utcnow())
    following = None
    if body.open_next:
        queue = "annotation" if body.action in ("start", "submit", "recall") else "review"
        following = team_workflow.next_job(session, caller.user_id, policy.visible_jobs(caller), queue)
        if following is None and queue == "annotation":
            following = _claim_if_allowed(session, caller, job)
    return {
        "job": public_jobs(session, [job])[0],
        "next_job": public_jobs(session, [following])[0] if following is not None else None,
    }


def _claim_if_allowed(session: Session, caller: Principal, job: Job) -> Job | None:
    task = session.get(Task, job.task_id)
    if task is None or not team_workflow.settings_of(session, task.project_id).self_assign:
        return None
    if not _may(lambda: policy.require_project(session, caller, task.project_id, "pool.claim")):
        return None
    try:
        policy.require_qualified(session, task.project_id, caller.user_id, ())
    except Refused:
        return None  # an exam to pass first: no job from the pool
    return team_workflow.claim(session, task.project_id, caller.user_id)


@router.get("/api/me/work", response_model=list[WorkItem])
def my_work(caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """Jobs waiting for the caller (to annotate or to review): overdue first, then by due date."""
    policy.acting(session, caller)
    return team_reports.my_work(session, caller.user_id, policy.visible_jobs(caller), utcnow())
