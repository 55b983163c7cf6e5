"""Qualification exams: an operator's standing, attempts and grades; everyone's history for managers;
certificates per operator.

Who may take an exam: whoever sees the exam project, and the organisation's members who could be assigned
jobs in it (`policy.require_assignable`); everyone else is told it does not exist.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.quality_control import CertificatePublic, ExamAttemptPublic, ExamPublic
from annota.auth import policy
from annota.auth.errors import Hidden, Refused
from annota.auth.principal import Principal
from annota.services.quality import exams
from annota.storage import quality_exams
from annota.storage.errors import InvalidValue
from annota.storage.tables import Project

router = APIRouter(tags=["quality"])


def _taker(session: Session, caller: Principal, project_id: int) -> None:
    try:
        policy.require_project(session, caller, project_id, "project.view")
        return
    except Hidden:
        project = session.get(Project, project_id)
        if project is None or project.organization_id is None:
            raise
    try:
        policy.require_assignable(session, project, caller.user_id, "assignee", ("path", "project_id"))
    except InvalidValue:
        raise Hidden("project", project_id) from None
    except Refused:
        return  # a member who may work here once qualified: the exam itself decides


@router.get("/api/projects/{project_id}/exam", response_model=ExamPublic)
def read_exam(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    """The exam's rules and the caller's attempts (409 `not_an_exam` for another project)."""
    _taker(session, caller, project_id)
    return exams.standing_to_dict(session, project_id, exams.standing(session, project_id, caller.user_id))


@router.post("/api/projects/{project_id}/exam/attempts", response_model=ExamAttemptPublic, status_code=201)
def start_attempt(project_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Start an attempt: one job per gold task, assigned to the caller, to annotate and then submit."""
    _taker(session, caller, project_id)
    return exams.attempt_to_dict(exams.start(session, project_id, caller.user_id))


@router.post("/api/projects/{project_id}/exam/submit", response_model=ExamAttemptPublic)
def submit_attempt(project_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Grade the caller's attempt in progress against the gold standard: passed or failed, with the score
    and the per-skill scores."""
    _taker(session, caller, project_id)
    return exams.attempt_to_dict(exams.submit(session, project_id, caller.user_id))


@router.get("/api/projects/{project_id}/exam/attempts", response_model=list[ExamAttemptPublic])
def list_attempts(
    project_id: int, caller: Caller, session: ReadSession, user_id: int | None = None
) -> list[dict[str, Any]]:
    """Everyone's attempts at the exam (or one person's), by person then attempt."""
    policy.require_project(session, caller, project_id, "project.report")
    return [exams.attempt_to_dict(a) for a in quality_exams.attempts_of(session, project_id, user_id)]


@router.get("/api/users/{user_id}/certificates", response_model=list[CertificatePublic])
def certificates(user_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """The exams the person passed: the person themselves, admins, and the managers of their organisation
    (for the exams of projects they manage) may read them."""
    visible = policy.person_report_scope(session, caller, user_id)
    return exams.certificates(session, user_id, visible)
