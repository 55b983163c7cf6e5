"""Quality reports of jobs against a reference, the use cases behind the quality API and `annota quality`.

- `find_reference(session, job) -> Job | None`: the job's ground truth (a `ground_truth` job of the same task
  sharing the most compared frames with the job).
- `comparison_for(session, job_id, reference_job_id=None) -> Comparison`: what to compare with what, on
  which frames; raises `NotFound` or `InvalidValue` located at ``reference_job_id``.
- `job_report(session, comparison, settings) -> JobQuality`: the report, read from the database.
- `project_quality(session, project_id, settings, task_id=None, visible=None) -> ProjectQuality`: every job
  of a project (or of one of its tasks) that has a ground truth, with the totals.

A ground-truth job made of chosen frames (`annota.services.quality.ground_truth`) is compared on those
frames only: with honeypots, those of an annotator's frames that are gold.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.domain.labels import Label as DomainLabel
from annota.domain.quality import (
    Counts,
    QualityReport,
    QualitySettings,
    TrackingCounts,
    compare,
    frame_objects_from_wire,
)
from annota.storage.annotations import load_document
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Problem
from annota.storage.projects import domain_labels
from annota.storage.quality_ground_truth import frames_of
from annota.storage.tables import Job, Task

FrameDetail = Literal["all", "with_conflicts", "none"]
REFERENCE_KIND = "ground_truth"
COMPARED_KINDS = ("annotation", "consensus_replica")


@dataclass(frozen=True, slots=True)
class Comparison:
    job_id: int
    reference_job_id: int
    task_id: int
    project_id: int
    frames: range  # the frames both jobs cover
    # The reference's chosen frames within `frames` (a ground truth of listed frames), else None: all.
    gold: tuple[int, ...] | None = None
    assignee_id: int | None = None  # of the compared job

    @property
    def compared(self) -> Sequence[int]:
        return self.frames if self.gold is None else self.gold


@dataclass(frozen=True, slots=True)
class JobQuality:
    comparison: Comparison
    report: QualityReport


@dataclass(slots=True)
class ProjectQuality:
    project_id: int
    jobs: list[JobQuality] = field(default_factory=list)
    without_reference: list[int] = field(default_factory=list)  # compared kinds of jobs with no ground truth
    counts: Counts = field(default_factory=Counts)
    labels: defaultdict[int, Counts] = field(default_factory=lambda: defaultdict(Counts))
    tracking: TrackingCounts | None = None


def find_reference(session: Session, job: Job) -> Job | None:
    """The `ground_truth` job of the job's task that shares the most compared frames with it (lowest id on a
    tie); one whose chosen frames all lie outside the job's does not count."""
    candidates = session.scalars(
        select(Job).where(
            Job.task_id == job.task_id,
            Job.kind == REFERENCE_KIND,
            Job.id != job.id,
            Job.frame_start <= job.frame_stop,
            Job.frame_stop >= job.frame_start,
        )
    ).all()
    gold = frames_of(session, [c.id for c in candidates])
    shared = {c.id: len(_compared(_shared_frames(job, c), gold.get(c.id))) for c in candidates}
    useful = [c for c in candidates if shared[c.id] > 0]
    if not useful:
        return None
    return max(useful, key=lambda g: (shared[g.id], -g.id))


def comparison_for(session: Session, job_id: int, reference_job_id: int | None = None) -> Comparison:
    """Job `job_id` against `reference_job_id`, or against its ground truth when that is None."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("job", job_id)
    project_id = _project_id(session, job)
    if reference_job_id is None:
        reference = find_reference(session, job)
        if reference is None:
            msg = f"job {job_id} has no ground-truth job covering its frames: give reference_job_id"
            raise InvalidValue([Problem(("reference_job_id",), msg, "no_reference")])
    else:
        reference = session.get(Job, reference_job_id)
        if reference is None:
            raise NotFound("job", reference_job_id)
        problem = _reference_problem(session, job, reference, project_id)
        if problem is not None:
            raise InvalidValue([Problem(("reference_job_id",), problem, "invalid_reference")])
    return _comparison(session, job, reference, project_id)


def job_report(
    session: Session,
    comparison: Comparison,
    settings: QualitySettings | None = None,
    labels: Mapping[int, DomainLabel] | None = None,
) -> JobQuality:
    """Load both jobs' annotations and compare them on the comparison's frames."""
    if labels is None:
        labels = domain_labels(session, comparison.project_id)
    with _collector_paused():
        frames = comparison.compared
        annotated = frame_objects_from_wire(load_document(session, comparison.job_id), frames)
        reference = frame_objects_from_wire(load_document(session, comparison.reference_job_id), frames)
        return JobQuality(comparison, compare(annotated, reference, frames, settings, labels))


def project_quality(
    session: Session,
    project_id: int,
    settings: QualitySettings | None = None,
    task_id: int | None = None,
    visible: Collection[int] | None = None,
) -> ProjectQuality:
    """The report of every job of the project (or of task `task_id`) that has a ground truth, with totals.
    With `visible`, only those job ids are considered (the caller's listing rights)."""
    query = (
        select(Job)
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == project_id, Job.kind.in_(COMPARED_KINDS))
        .order_by(Job.task_id, Job.frame_start, Job.id)
    )
    if task_id is not None:
        query = query.where(Job.task_id == task_id)
    out = ProjectQuality(project_id)
    labels = domain_labels(session, project_id)
    for job in session.scalars(query).all():
        if visible is not None and job.id not in visible:
            continue
        reference = find_reference(session, job)
        if reference is None or (visible is not None and reference.id not in visible):
            out.without_reference.append(job.id)
            continue
        comparison = _comparison(session, job, reference, project_id)
        quality = job_report(session, comparison, settings, labels)
        out.jobs.append(quality)
        out.counts.add(quality.report.counts)
        for label_id, counts in quality.report.labels.items():
            out.labels[label_id].add(counts)
        if quality.report.tracking is not None:
            out.tracking = out.tracking or TrackingCounts()
            out.tracking.add(quality.report.tracking)
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a report is built (as `storage.annotations` does for loads).

    A 100,000-object report allocates a few million objects while both documents are alive; the collections
    this triggers walk all of them again and again: measured, 1.1 s of a 2.6 s comparison. Nothing built here
    holds a cycle, so nothing is lost. Only the caller that found the collector enabled enables it again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _comparison(session: Session, job: Job, reference: Job, project_id: int) -> Comparison:
    frames = _shared_frames(job, reference)
    gold = _gold_within(frames, frames_of(session, [reference.id]).get(reference.id))
    return Comparison(job.id, reference.id, job.task_id, project_id, frames, gold, job.assignee_id)


def _compared(frames: range, gold: tuple[int, ...] | None) -> Sequence[int]:
    within = _gold_within(frames, gold)
    return frames if within is None else within


def _gold_within(frames: range, gold: tuple[int, ...] | None) -> tuple[int, ...] | None:
    if gold is None:
        return None
    return tuple(f for f in gold if f in frames)


def _shared_frames(a: Job, b: Job) -> range:
    return range(max(a.frame_start, b.frame_start), min(a.frame_stop, b.frame_stop) + 1)


def _project_id(session: Session, job: Job) -> int:
    task = session.get(Task, job.task_id)
    if task is None:
        raise NotFound("job", job.id)
    return task.project_id


def _reference_problem(session: Session, job: Job, reference: Job, project_id: int) -> str | None:
    if reference.id == job.id:
        return "a job cannot be its own reference"
    if _project_id(session, reference) != project_id:
        return f"job {reference.id} belongs to another project: labels would not compare"
    if not _shared_frames(job, reference):
        return (
            f"job {reference.id} covers frames {reference.frame_start}..{reference.frame_stop}, "
            f"job {job.id} covers {job.frame_start}..{job.frame_stop}: no frame in common"
        )
    if not _compared(_shared_frames(job, reference), frames_of(session, [reference.id]).get(reference.id)):
        return f"none of the ground-truth frames of job {reference.id} is in job {job.id}"
    return None
