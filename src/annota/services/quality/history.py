"""Quality history: at each submit, accept and reject of a compared job, record its score against its ground
truth (under the project's comparison rules) and its conflicts by type, so that trends survive later edits.

- `record_transition(session, job, action, now) -> QualityHistoryPoint | None`: called by the workflow
  after it moved the job; None for actions that are not history events (start, recall, ...) and for jobs
  that are not compared (ground truth, exam-less kinds).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from annota.domain.quality import ConflictType
from annota.services.quality.reports import COMPARED_KINDS, comparison_for, find_reference, job_report
from annota.services.quality.settings import rules_of
from annota.storage import quality_history
from annota.storage.errors import NotFound
from annota.storage.quality_history_tables import HISTORY_EVENTS, QualityHistoryPoint
from annota.storage.tables import Job, Task


def record_transition(
    session: Session, job_id: int, action: str, now: datetime
) -> QualityHistoryPoint | None:
    """Record the job's quality after workflow `action` (a submit, accept or reject); None otherwise."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("job", job_id)
    if action not in HISTORY_EVENTS or job.kind not in COMPARED_KINDS:
        return None
    task = session.get(Task, job.task_id)
    if task is None:
        raise NotFound("task", job.task_id)
    score = quality_history.Score()
    if find_reference(session, job) is not None:
        rules = rules_of(session, task.project_id)
        report = job_report(session, comparison_for(session, job.id), rules.comparison).report
        counts = report.counts
        score = quality_history.Score(
            accuracy=counts.accuracy,
            precision=counts.precision,
            recall=counts.recall,
            frames_compared=len(report.frames),
            conflicts={t.value: counts.conflicts[t] for t in ConflictType if counts.conflicts[t]},
        )
    return quality_history.record_point(
        session,
        project_id=task.project_id,
        job_id=job.id,
        user_id=job.assignee_id,
        event=action,
        score=score,
        now=now,
    )
