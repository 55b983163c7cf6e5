"""Ground-truth jobs and their frames: a `ground_truth` job spans its first to last chosen frame, and only
the chosen frames (rows of `quality_ground_truth_frames`) are compared."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.jobs import create_job
from annota.storage.quality_tables import GroundTruthFrame, GroundTruthRow
from annota.storage.tables import Job


@dataclass(frozen=True, slots=True)
class Sampling:
    mode: str  # frames, count or fraction
    count: int | None = None
    fraction: float | None = None
    per_job: bool = False
    seed: int | None = None


def add_ground_truth(
    session: Session,
    task_id: int,
    frames: Sequence[int],
    sampling: Sampling,
    created_by: int | None,
    assignee_id: int | None = None,
) -> Job:
    """A new `ground_truth` job of the task over `frames` (sorted, not empty), with how they were chosen."""
    job = create_job(session, task_id, frame_start=frames[0], frame_stop=frames[-1], kind="ground_truth")
    job.assignee_id = assignee_id
    session.add(
        GroundTruthRow(
            job_id=job.id,
            task_id=task_id,
            mode=sampling.mode,
            count=sampling.count,
            fraction=sampling.fraction,
            per_job=sampling.per_job,
            seed=sampling.seed,
            created_by=created_by,
        )
    )
    session.add_all(GroundTruthFrame(job_id=job.id, frame=frame) for frame in frames)
    session.flush()
    return job


def sampling_of(session: Session, job_ids: Collection[int]) -> dict[int, GroundTruthRow]:
    rows = session.scalars(select(GroundTruthRow).where(GroundTruthRow.job_id.in_(job_ids)))
    return {row.job_id: row for row in rows}


def frames_of(session: Session, job_ids: Collection[int]) -> dict[int, tuple[int, ...]]:
    """The chosen frames of each of the ground-truth jobs that have a list (jobs made otherwise: absent)."""
    out: defaultdict[int, list[int]] = defaultdict(list)
    rows = session.execute(
        select(GroundTruthFrame.job_id, GroundTruthFrame.frame)
        .where(GroundTruthFrame.job_id.in_(job_ids))
        .order_by(GroundTruthFrame.job_id, GroundTruthFrame.frame)
    )
    for job_id, frame in rows:
        out[job_id].append(frame)
    return {job_id: tuple(frames) for job_id, frames in out.items()}


def ground_truth_jobs(session: Session, task_id: int) -> list[Job]:
    return list(
        session.scalars(
            select(Job).where(Job.task_id == task_id, Job.kind == "ground_truth").order_by(Job.id)
        )
    )


def annotation_jobs(session: Session, task_id: int) -> list[Job]:
    return list(
        session.scalars(
            select(Job)
            .where(Job.task_id == task_id, Job.kind == "annotation")
            .order_by(Job.frame_start, Job.id)
        )
    )
