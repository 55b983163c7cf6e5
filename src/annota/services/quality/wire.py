"""The plain-data form of quality reports, shared by the API, the CLI and the CSV export.

Each conflict names its job, frame and objects, with `link`: the workspace address that opens that job on
that frame with that object selected (`/jobs/{job}?frame={frame}&object={id}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from sqlalchemy.orm import Session

from annota.domain.quality import (
    Conflict,
    ConflictType,
    Counts,
    FrameResult,
    Measure,
    QualitySettings,
    Severity,
)
from annota.domain.quality.conflicts import SEVERITY
from annota.domain.quality.tracking import TrackingCounts
from annota.services.quality.reports import JobQuality, ProjectQuality
from annota.services.quality.settings import ProjectRules
from annota.storage.projects import domain_labels

FrameDetail = Literal["all", "with_conflicts", "none"]


def workspace_link(job_id: int, frame: int, object_id: str | None = None) -> str:
    """Where the web app shows that frame of that job, with that object selected."""
    link = f"/jobs/{job_id}?frame={frame}"
    return link if object_id is None else f"{link}&object={object_id}"


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


def conflict_to_dict(conflict: Conflict, job_id: int, reference_job_id: int) -> dict[str, Any]:
    """The conflict; its link opens the annotated object, else (missing) the reference's frame in the job."""
    return {
        "job_id": job_id,
        "reference_job_id": reference_job_id,
        "link": workspace_link(job_id, conflict.frame, conflict.annotation_id),
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


def frame_to_dict(result: FrameResult, job_id: int, reference_job_id: int) -> dict[str, Any]:
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
        "conflicts": [conflict_to_dict(c, job_id, reference_job_id) for c in result.conflicts],
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
        frame_to_dict(result, c.job_id, c.reference_job_id)
        for result in report.frames
        if frames == "all" or (frames == "with_conflicts" and result.conflicts)
    ]
    return {
        "job_id": c.job_id,
        "reference_job_id": c.reference_job_id,
        "task_id": c.task_id,
        "frame_start": c.frames.start,
        "frame_stop": c.frames.stop - 1,
        "frames_compared": len(c.compared),
        "settings": settings_to_dict(report.settings),
        "summary": counts_to_dict(report.counts),
        "labels": labels_to_list(report.labels, names),
        "tracking": tracking_to_dict(report.tracking),
        "frames": detailed,
    }


def project_to_dict(
    quality: ProjectQuality,
    names: Mapping[int, str],
    settings: QualitySettings,
    rules: ProjectRules | None = None,
) -> dict[str, Any]:
    """A project's totals and each job's summary (no frame detail); with `rules`, jobs below the review
    threshold are `flagged`."""
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
                "assignee_id": q.comparison.assignee_id,
                "frame_start": q.comparison.frames.start,
                "frame_stop": q.comparison.frames.stop - 1,
                "frames_compared": len(q.comparison.compared),
                "flagged": rules is not None and rules.flags(q.report.counts),
                "summary": counts_to_dict(q.report.counts),
                "tracking": tracking_to_dict(q.report.tracking),
            }
            for q in quality.jobs
        ],
        "jobs_without_reference": quality.without_reference,
    }


def label_names(session: Session, project_id: int) -> dict[int, str]:
    return {label_id: label.name for label_id, label in domain_labels(session, project_id).items()}
