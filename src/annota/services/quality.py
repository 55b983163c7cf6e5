"""Quality reports of jobs against a reference, the use cases behind the quality API and `annota quality`.

- `find_reference(session, job) -> Job | None`: the job's ground truth (a `ground_truth` job of the same task
  whose frames overlap the job's most).
- `comparison_for(session, job_id, reference_job_id=None) -> Comparison`: what to compare with what, on
  which frames; raises `NotFound` or `InvalidValue` located at ``reference_job_id``.
- `job_report(session, comparison, settings) -> JobQuality`: the report, read from the database.
- `project_quality(session, project_id, settings, task_id=None, visible=None) -> ProjectQuality`: every job
  of a project (or of one of its tasks) that has a ground truth, with the totals.
- `job_to_dict(quality, names, frames="all")`, `project_to_dict(quality, names, settings)` (and the
  `counts_to_dict`, `tracking_to_dict`, `frame_to_dict`, ... they are made of): the plain-data form of reports
  that the API answers and the CLI prints; `label_names(session, project_id)` gives `names`.

A `Comparison` is only a pair of jobs and a frame range: honeypots, consensus and exams compare other pairs
of annotation sets and plug in by building their own comparisons (or calling `annota.domain.quality.compare`
on objects they gathered).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.domain.labels import Label as DomainLabel
from annota.domain.quality import (
    Conflict,
    ConflictType,
    Counts,
    FrameResult,
    Measure,
    QualityReport,
    QualitySettings,
    Severity,
    TrackingCounts,
    compare,
    frame_objects_from_wire,
)
from annota.domain.quality.conflicts import SEVERITY
from annota.storage.annotations import load_document
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Problem
from annota.storage.projects import domain_labels
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
    """The `ground_truth` job of the job's task that shares the most frames with it (lowest id on a tie)."""
    candidates = session.scalars(
        select(Job).where(
            Job.task_id == job.task_id,
            Job.kind == REFERENCE_KIND,
            Job.id != job.id,
            Job.frame_start <= job.frame_stop,
            Job.frame_stop >= job.frame_start,
        )
    ).all()
    if not candidates:
        return None
    return max(candidates, key=lambda g: (len(_shared_frames(job, g)), -g.id))


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
    return Comparison(job.id, reference.id, job.task_id, project_id, _shared_frames(job, reference))


def job_report(
    session: Session,
    comparison: Comparison,
    settings: QualitySettings | None = None,
    labels: Mapping[int, DomainLabel] | None = None,
) -> JobQuality:
    """Load both jobs' annotations and compare them on the comparison's frames."""
    frames = comparison.frames
    if labels is None:
        labels = domain_labels(session, comparison.project_id)
    with _collector_paused():
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
        comparison = Comparison(job.id, reference.id, job.task_id, project_id, _shared_frames(job, reference))
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
    return None


# The plain-data form shared by the API and the CLI.


def counts_to_dict(counts: Counts) -> dict[str, Any]:
    errors = sum(n for t, n in counts.conflicts.items() if SEVERITY[t] is Severity.ERROR)
    return {
        "reference": counts.reference,
        "annotated": counts.annotated,
        "matched": counts.matched,
        "wrong_label": counts.wrong_label,
        "missing": counts.missing,
        "extra": counts.extra,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "accuracy": counts.accuracy,
        "label_accuracy": counts.label_accuracy,
        "attribute_accuracy": counts.attribute_accuracy,
        "mean_iou": counts.mean_iou,
        "mean_oks": counts.mean_similarity(Measure.OKS),
        "mean_line_similarity": counts.mean_similarity(Measure.LINE),
        "conflicts": {t.value: counts.conflicts[t] for t in ConflictType},
        "errors": errors,
        "warnings": sum(counts.conflicts.values()) - errors,
    }


def tracking_to_dict(tracking: TrackingCounts | None) -> dict[str, Any] | None:
    if tracking is None:
        return None
    return {
        "reference_states": tracking.reference_states,
        "annotated_states": tracking.annotated_states,
        "matches": tracking.matches,
        "misses": tracking.misses,
        "false_positives": tracking.false_positives,
        "id_switches": tracking.switches,
        "idtp": tracking.idtp,
        "idfp": tracking.idfp,
        "idfn": tracking.idfn,
        "mota": tracking.mota,
        "idf1": tracking.idf1,
    }


def labels_to_list(labels: Mapping[int, Counts], names: Mapping[int, str]) -> list[dict[str, Any]]:
    return [
        {"label_id": label_id, "name": names.get(label_id), **counts_to_dict(counts)}
        for label_id, counts in sorted(labels.items())
    ]


def conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    return {
        "type": conflict.type.value,
        "severity": conflict.severity.value,
        "frame": conflict.frame,
        "annotation_id": conflict.annotation_id,
        "reference_id": conflict.reference_id,
        "label_id": conflict.label_id,
        "annotated_label_id": conflict.annotated_label_id,
        "similarity": conflict.similarity,
        "attributes": list(conflict.attributes),
    }


def frame_to_dict(result: FrameResult) -> dict[str, Any]:
    errors = sum(1 for c in result.conflicts if c.severity is Severity.ERROR)
    return {
        "frame": result.frame,
        "reference": result.counts.reference,
        "annotated": result.counts.annotated,
        "matched": result.counts.matched,
        "errors": errors,
        "warnings": len(result.conflicts) - errors,
        "matches": [
            {
                "annotation_id": m.annotation_id,
                "reference_id": m.reference_id,
                "label_id": m.label_id,
                "similarity": m.similarity,
                "measure": m.measure.value,
            }
            for m in result.matches
        ],
        "conflicts": [conflict_to_dict(c) for c in result.conflicts],
    }


def settings_to_dict(settings: QualitySettings) -> dict[str, Any]:
    return {
        "iou_threshold": settings.iou_threshold,
        "low_overlap_threshold": settings.low_overlap_threshold,
        "method": settings.method.value,
        "label_matching": settings.label_matching.value,
        "compare_attributes": settings.compare_attributes,
        "ignored_attributes": sorted(settings.ignored_attributes),
        "compare_groups": settings.compare_groups,
        "oks_sigma": settings.oks_sigma,
        "skeleton_sigmas": {str(k): list(v) for k, v in sorted(settings.skeleton_sigmas.items())},
        "min_point_area": settings.min_point_area,
        "line_tolerance": settings.line_tolerance,
    }


def job_to_dict(quality: JobQuality, names: Mapping[int, str], frames: FrameDetail = "all") -> dict[str, Any]:
    """A job's report; `frames` says which frames are detailed: all, those with conflicts, or none."""
    c, report = quality.comparison, quality.report
    detailed = [
        frame_to_dict(result)
        for result in report.frames
        if frames == "all" or (frames == "with_conflicts" and result.conflicts)
    ]
    return {
        "job_id": c.job_id,
        "reference_job_id": c.reference_job_id,
        "task_id": c.task_id,
        "frame_start": c.frames.start,
        "frame_stop": c.frames.stop - 1,
        "settings": settings_to_dict(report.settings),
        "summary": counts_to_dict(report.counts),
        "labels": labels_to_list(report.labels, names),
        "tracking": tracking_to_dict(report.tracking),
        "frames": detailed,
    }


def project_to_dict(
    quality: ProjectQuality, names: Mapping[int, str], settings: QualitySettings
) -> dict[str, Any]:
    """A project's totals and each job's summary (no frame detail)."""
    return {
        "project_id": quality.project_id,
        "settings": settings_to_dict(settings),
        "summary": counts_to_dict(quality.counts),
        "labels": labels_to_list(quality.labels, names),
        "tracking": tracking_to_dict(quality.tracking),
        "jobs": [
            {
                "job_id": q.comparison.job_id,
                "reference_job_id": q.comparison.reference_job_id,
                "task_id": q.comparison.task_id,
                "frame_start": q.comparison.frames.start,
                "frame_stop": q.comparison.frames.stop - 1,
                "summary": counts_to_dict(q.report.counts),
                "tracking": tracking_to_dict(q.report.tracking),
            }
            for q in quality.jobs
        ],
        "jobs_without_reference": quality.without_reference,
    }


def label_names(session: Session, project_id: int) -> dict[int, str]:
    return {label_id: label.name for label_id, label in domain_labels(session, project_id).items()}
