"""Operator qualification: exam projects graded against their gold standard, attempts and certificates.

An exam project (quality settings `is_exam`) holds tasks with a ground-truth job each: the gold standard.
An attempt gives the operator one annotation job per gold task, over the ground truth's frames; submitting
grades every job against its ground truth on the gold frames. The score is the accuracy over all of them
(matched / every object of either side); per-skill scores (`annota.domain.quality.skills`) say where the
operator stands on boxes, polygons, keypoints and tracking. The attempt passes at `exam_pass_score` (as set
when it started); `exam_max_attempts` bounds how many an operator may start. A project naming the exam in
`required_exam_id` only takes assignees who passed it (checked by `annota.auth.policy`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.auth.errors import Refused
from annota.domain.quality import FrameObject, compare, frame_objects_from_wire
from annota.domain.quality.skills import skill_scores
from annota.services.quality.reports import REFERENCE_KIND
from annota.services.quality.settings import ProjectRules, rules_of
from annota.storage import quality_exams as storage
from annota.storage.annotations import load_document
from annota.storage.jobs import create_job
from annota.storage.projects import domain_labels
from annota.storage.quality_ground_truth import frames_of
from annota.storage.quality_tables import ExamAttempt
from annota.storage.tables import Job, Project, Task

# Frames of the n-th attempt job are moved by n * FRAME_SPAN when all jobs are graded as one set.
FRAME_SPAN = 1 << 40
HERE = ("path", "project_id")


@dataclass(frozen=True, slots=True)
class ExamStanding:
    rules: ProjectRules
    attempts: list[ExamAttempt]

    @property
    def passed(self) -> bool:
        return any(a.state == "passed" for a in self.attempts)

    @property
    def attempts_left(self) -> int:
        return max(0, self.rules.exam_max_attempts - len(self.attempts))


def exam_rules(session: Session, project_id: int) -> ProjectRules:
    rules = rules_of(session, project_id)
    if not rules.is_exam:
        raise Refused("not_an_exam", f"project {project_id} is not an exam project", HERE)
    return rules


def standing(session: Session, exam_id: int, user_id: int) -> ExamStanding:
    return ExamStanding(exam_rules(session, exam_id), storage.attempts_of(session, exam_id, user_id))


def start(session: Session, exam_id: int, user_id: int) -> ExamAttempt:
    """A new attempt: one job per gold task of the exam, assigned to the operator."""
    found = standing(session, exam_id, user_id)
    if storage.current_attempt(session, exam_id, user_id) is not None:
        raise Refused("attempt_in_progress", "submit the attempt in progress first", HERE)
    if found.passed:
        raise Refused("already_passed", f"user {user_id} passed this exam already", HERE)
    if found.attempts_left == 0:
        msg = f"all {found.rules.exam_max_attempts} attempts at this exam are used"
        raise Refused("attempts_exhausted", msg, HERE)
    gold = _gold_jobs(session, exam_id)
    if not gold:
        raise Refused("no_gold_standard", "the exam has no task with a ground-truth job", HERE)
    jobs = []
    for truth in gold:
        job = create_job(session, truth.task_id, frame_start=truth.frame_start, frame_stop=truth.frame_stop)
        job.assignee_id = user_id
        jobs.append(job)
    session.flush()
    return storage.start_attempt(session, exam_id, user_id, [j.id for j in jobs], found.rules.exam_pass_score)


def submit(session: Session, exam_id: int, user_id: int) -> ExamAttempt:
    """Grade the operator's attempt in progress; its jobs are completed."""
    rules = exam_rules(session, exam_id)
    attempt = storage.current_attempt(session, exam_id, user_id)
    if attempt is None:
        raise Refused("no_attempt", "there is no attempt in progress to submit", HERE)
    annotated: dict[int, list[FrameObject]] = {}
    reference: dict[int, list[FrameObject]] = {}
    frames: list[int] = []
    jobs = {job.id: job for job in session.scalars(select(Job).where(Job.id.in_(attempt.job_ids)))}
    gold = {truth.task_id: truth for truth in _gold_jobs(session, exam_id)}
    listed = frames_of(session, [truth.id for truth in gold.values()])
    for n, job_id in enumerate(attempt.job_ids):
        job = jobs.get(job_id)
        truth = gold.get(job.task_id) if job is not None else None
        if job is None or truth is None:
            continue  # a job or a gold task deleted since: nothing left to grade there
        wanted = listed.get(truth.id, tuple(range(truth.frame_start, truth.frame_stop + 1)))
        mine = frame_objects_from_wire(load_document(session, job.id), wanted)
        theirs = frame_objects_from_wire(load_document(session, truth.id), wanted)
        _shifted(annotated, mine, n)
        _shifted(reference, theirs, n)
        frames.extend(n * FRAME_SPAN + f for f in wanted)
        job.stage, job.state = "acceptance", "completed"
    labels = domain_labels(session, exam_id)
    report = compare(annotated, reference, frames, rules.comparison, labels)
    skills = skill_scores(annotated, reference, frames, rules.comparison)
    return storage.finish_attempt(session, attempt, report.counts.accuracy or 0.0, skills)


def certificates(session: Session, user_id: int, visible: Any) -> list[dict[str, Any]]:
    """The exams the person passed, among the projects `visible` (a clause on Project) holds for."""
    return [
        {
            "user_id": user_id,
            "exam_id": project.id,
            "exam_name": project.name,
            "attempt": attempt.number,
            "score": attempt.score,
            "pass_score": attempt.pass_score,
            "skills": attempt.skills,
            "passed_at": attempt.finished_at,
        }
        for attempt, project in storage.passed_exams(session, user_id, visible)
    ]


def attempt_to_dict(attempt: ExamAttempt) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "exam_id": attempt.exam_id,
        "user_id": attempt.user_id,
        "number": attempt.number,
        "state": attempt.state,
        "job_ids": list(attempt.job_ids),
        "pass_score": attempt.pass_score,
        "score": attempt.score,
        "skills": dict(attempt.skills),
        "started_at": attempt.started_at,
        "finished_at": attempt.finished_at,
    }


def standing_to_dict(session: Session, exam_id: int, found: ExamStanding) -> dict[str, Any]:
    project = session.get(Project, exam_id)
    return {
        "exam_id": exam_id,
        "name": project.name if project is not None else "",
        "pass_score": found.rules.exam_pass_score,
        "max_attempts": found.rules.exam_max_attempts,
        "attempts_left": found.attempts_left,
        "passed": found.passed,
        "attempts": [attempt_to_dict(a) for a in found.attempts],
    }


def _gold_jobs(session: Session, exam_id: int) -> list[Job]:
    """The first ground-truth job of each task of the exam, by task."""
    rows = session.scalars(
        select(Job)
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == exam_id, Job.kind == REFERENCE_KIND)
        .order_by(Job.task_id, Job.id)
    )
    first: dict[int, Job] = {}
    for job in rows:
        first.setdefault(job.task_id, job)
    return list(first.values())


def _shifted(
    into: dict[int, list[FrameObject]], objects: Mapping[int, Sequence[FrameObject]], n: int
) -> None:
    for frame, listed in objects.items():
        into[n * FRAME_SPAN + frame] = [replace(o, frame=n * FRAME_SPAN + frame) for o in listed]
