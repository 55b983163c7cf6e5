"""Ground truth over chosen frames, and honeypots: gold frames sampled inside every annotator's job.

A ground-truth job spans its first to last chosen frame and lists the chosen ones; reports compare only
those. With `per_job`, the sample is drawn in each annotation job of the task (N frames, or a fraction of
each job's frames): every annotator then meets gold frames at that rate, among their own frames. Nothing
in an annotator's job tells them apart: the job's frames, document and revision stay what they were; the
gold lives in the ground-truth job, which only its assignee and the managers see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from annota.domain.problems import DomainValidationError
from annota.domain.quality.sampling import checked_frames, sample_frames, sample_per_segment
from annota.storage import quality_ground_truth as storage
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Problem
from annota.storage.tables import Job, Task
from annota.storage.tasks import count_frames


@dataclass(frozen=True, slots=True)
class GroundTruthRequest:
    frames: Sequence[int] | None = None
    count: int | None = None
    fraction: float | None = None
    per_job: bool = False
    seed: int | None = None
    assignee_id: int | None = None


@dataclass(frozen=True, slots=True)
class GroundTruth:
    job: Job
    frames: tuple[int, ...]
    sampling: storage.Sampling


def create(
    session: Session, task_id: int, request: GroundTruthRequest, created_by: int | None
) -> GroundTruth:
    """A new ground-truth job of the task over the requested frames; problems located under ``body``."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound("task", task_id)
    frames, sampling = _choose(session, task, request)
    job = storage.add_ground_truth(session, task_id, frames, sampling, created_by, request.assignee_id)
    return GroundTruth(job, tuple(frames), sampling)


def listed(session: Session, task_id: int) -> list[GroundTruth]:
    """The task's ground-truth jobs; one made without a frame list counts all its frames."""
    jobs = storage.ground_truth_jobs(session, task_id)
    ids = [job.id for job in jobs]
    frames, sampling = storage.frames_of(session, ids), storage.sampling_of(session, ids)
    out = []
    for job in jobs:
        row = sampling.get(job.id)
        how = (
            storage.Sampling(row.mode, row.count, row.fraction, row.per_job, row.seed)
            if row is not None
            else storage.Sampling("frames")
        )
        out.append(
            GroundTruth(job, frames.get(job.id, tuple(range(job.frame_start, job.frame_stop + 1))), how)
        )
    return out


def _choose(session: Session, task: Task, request: GroundTruthRequest) -> tuple[list[int], storage.Sampling]:
    given = [name for name in ("frames", "count", "fraction") if getattr(request, name) is not None]
    if len(given) != 1:
        msg = f"give exactly one of frames, count and fraction (got {', '.join(given) or 'none'})"
        raise InvalidValue([Problem(("body",), msg, "invalid_value")])
    last = count_frames(session, task.id) - 1
    if last < 0:
        raise InvalidValue([Problem(("path", "task_id"), "the task has no media yet", "no_media")])
    try:
        if request.frames is not None:
            if request.per_job:
                msg = "per_job samples each job: give count or fraction with it"
                raise InvalidValue([Problem(("body", "per_job"), msg, "invalid_value")])
            return checked_frames(request.frames, 0, last, ("body", "frames")), storage.Sampling("frames")
        mode = given[0]
        sampling = storage.Sampling(mode, request.count, request.fraction, request.per_job, request.seed)
        if request.per_job:
            jobs = storage.annotation_jobs(session, task.id)
            if not jobs:
                raise InvalidValue(
                    [Problem(("body", "per_job"), "the task has no annotation job", "no_jobs")]
                )
            segments = [range(job.frame_start, min(job.frame_stop, last) + 1) for job in jobs]
            chosen = sample_per_segment(
                segments, count=request.count, fraction=request.fraction, seed=request.seed, loc=("body",)
            )
            return chosen, sampling
        chosen = sample_frames(
            range(last + 1), count=request.count, fraction=request.fraction, seed=request.seed, loc=("body",)
        )
        return chosen, sampling
    except DomainValidationError as error:
        raise InvalidValue([Problem(p.loc, p.msg, p.type) for p in error.problems]) from None
