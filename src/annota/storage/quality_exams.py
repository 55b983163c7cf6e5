"""Qualification exam attempts: who tried which exam project, with which jobs, and how it went."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from annota.storage.quality_tables import ExamAttempt, QualitySettingsRow
from annota.storage.tables import Project
from annota.storage.types import utcnow


def attempts_of(session: Session, exam_id: int, user_id: int | None = None) -> list[ExamAttempt]:
    query = select(ExamAttempt).where(ExamAttempt.exam_id == exam_id)
    if user_id is not None:
        query = query.where(ExamAttempt.user_id == user_id)
    return list(session.scalars(query.order_by(ExamAttempt.user_id, ExamAttempt.number)))


def current_attempt(session: Session, exam_id: int, user_id: int) -> ExamAttempt | None:
    return session.scalar(
        select(ExamAttempt).where(
            ExamAttempt.exam_id == exam_id, ExamAttempt.user_id == user_id, ExamAttempt.state == "in_progress"
        )
    )


def has_passed(session: Session, exam_id: int, user_id: int) -> bool:
    found = session.scalar(
        select(ExamAttempt.id)
        .where(ExamAttempt.exam_id == exam_id, ExamAttempt.user_id == user_id, ExamAttempt.state == "passed")
        .limit(1)
    )
    return found is not None


def start_attempt(
    session: Session, exam_id: int, user_id: int, job_ids: Sequence[int], pass_score: float
) -> ExamAttempt:
    number = session.scalar(
        select(func.count(ExamAttempt.id)).where(
            ExamAttempt.exam_id == exam_id, ExamAttempt.user_id == user_id
        )
    )
    attempt = ExamAttempt(
        exam_id=exam_id,
        user_id=user_id,
        number=(number or 0) + 1,
        state="in_progress",
        job_ids=list(job_ids),
        pass_score=pass_score,
        skills={},
    )
    session.add(attempt)
    session.flush()
    return attempt


def finish_attempt(
    session: Session, attempt: ExamAttempt, score: float, skills: dict[str, Any]
) -> ExamAttempt:
    attempt.score, attempt.skills = score, skills
    attempt.state = "passed" if score >= attempt.pass_score else "failed"
    attempt.finished_at = utcnow()
    session.flush()
    return attempt


def passed_exams(
    session: Session, user_id: int, visible: ColumnElement[bool]
) -> list[tuple[ExamAttempt, Project]]:
    """The first passed attempt of each exam the person passed, among the projects `visible` holds for."""
    rows = session.execute(
        select(ExamAttempt, Project)
        .join(Project, Project.id == ExamAttempt.exam_id)
        .where(ExamAttempt.user_id == user_id, ExamAttempt.state == "passed", visible)
        .order_by(ExamAttempt.exam_id, ExamAttempt.number)
    ).all()
    first: dict[int, tuple[ExamAttempt, Project]] = {}
    for attempt, project in rows:
        first.setdefault(attempt.exam_id, (attempt, project))
    return list(first.values())


def missing_exam(session: Session, project_id: int, user_id: int) -> int | None:
    """The exam project `project_id` requires of its assignees, when `user_id` has not passed it."""
    required = session.scalar(
        select(QualitySettingsRow.required_exam_id).where(QualitySettingsRow.project_id == project_id)
    )
    if required is None or has_passed(session, required, user_id):
        return None
    return required
