"""Consensus replicas of a job, and what the last merge of them found (per-frame agreement)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from annota.storage.jobs import create_job
from annota.storage.quality_tables import ConsensusFrame, ConsensusMerge
from annota.storage.tables import Job, Task
from annota.storage.types import utcnow


def replicas_of(session: Session, job_id: int) -> list[Job]:
    return list(
        session.scalars(
            select(Job).where(Job.parent_job_id == job_id, Job.kind == "consensus_replica").order_by(Job.id)
        )
    )


def add_replicas(session: Session, parent: Job, assignees: Sequence[int | None]) -> list[Job]:
    """One `consensus_replica` job per entry of `assignees` (None: unassigned), over the parent's frames."""
    made = []
    for assignee in assignees:
        job = create_job(
            session,
            parent.task_id,
            frame_start=parent.frame_start,
            frame_stop=parent.frame_stop,
            kind="consensus_replica",
            parent_job_id=parent.id,
        )
        job.assignee_id = assignee
        made.append(job)
    session.flush()
    return made


def last_merge(session: Session, job_id: int) -> ConsensusMerge | None:
    return session.get(ConsensusMerge, job_id)


def record_merge(
    session: Session,
    job_id: int,
    *,
    replicas: int,
    objects: int,
    mean_agreement: float | None,
    merged_by: int | None,
    frames: Sequence[tuple[int, float, int, bool]],
) -> ConsensusMerge:
    """Replace the job's merge record and per-frame agreement (frame, agreement, objects, flagged)."""
    session.execute(delete(ConsensusFrame).where(ConsensusFrame.job_id == job_id))
    found = session.get(ConsensusMerge, job_id)
    if found is None:
        found = ConsensusMerge(job_id=job_id)
        session.add(found)
    found.replicas, found.objects, found.mean_agreement = replicas, objects, mean_agreement
    found.merged_by, found.merged_at = merged_by, utcnow()
    session.add_all(
        ConsensusFrame(job_id=job_id, frame=frame, agreement=agreement, objects=count, flagged=flagged)
        for frame, agreement, count, flagged in frames
    )
    session.flush()
    return found


def frames_of(session: Session, job_id: int) -> list[ConsensusFrame]:
    return list(
        session.scalars(
            select(ConsensusFrame).where(ConsensusFrame.job_id == job_id).order_by(ConsensusFrame.frame)
        )
    )


def flagged_frames(session: Session, project_id: int) -> list[ConsensusFrame]:
    """Low-agreement frames of every consensus job of the project, by job then frame."""
    return list(
        session.scalars(
            select(ConsensusFrame)
            .join(Job, Job.id == ConsensusFrame.job_id)
            .join(Task, Task.id == Job.task_id)
            .where(Task.project_id == project_id, ConsensusFrame.flagged.is_(True))
            .order_by(ConsensusFrame.job_id, ConsensusFrame.frame)
        )
    )
