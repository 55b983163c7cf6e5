"""A project's quality cut by annotator, by task, the review queue, and every cut as CSV.

The per-annotator figures are the **running honeypot score**: each job of an annotator that a ground truth
covers is compared with it on the gold frames inside the job, from the annotations as they are stored now;
so the score moves with every save, and nothing is stored that could go stale.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.domain.quality import Counts
from annota.services.quality.reports import JobQuality, ProjectQuality
from annota.services.quality.settings import ProjectRules, score
from annota.services.quality.wire import conflict_to_dict, counts_to_dict, label_names, workspace_link
from annota.storage import quality_consensus, users
from annota.storage.tables import Task

Level = Literal["job", "task", "annotator", "label", "conflict"]
LEVELS: tuple[Level, ...] = ("job", "task", "annotator", "label", "conflict")
METRICS = (
    "reference", "annotated", "matched", "wrong_label", "missing", "extra", "precision", "recall", "f1",
    "accuracy", "label_accuracy", "attribute_accuracy", "mean_iou", "errors", "warnings",
)  # fmt: skip


@dataclass(slots=True)
class Group:
    key: int | None
    name: str | None
    jobs: list[int] = field(default_factory=list)
    frames_compared: int = 0
    counts: Counts = field(default_factory=Counts)


def by_annotator(session: Session, quality: ProjectQuality) -> list[Group]:
    """One group per assignee of a compared job (None: jobs nobody is assigned), by user id."""
    groups = _grouped(quality.jobs, lambda q: q.comparison.assignee_id)
    names = users.usernames(session, [g.key for g in groups if g.key is not None])
    for g in groups:
        g.name = names.get(g.key) if g.key is not None else None
    return groups


def by_task(session: Session, quality: ProjectQuality) -> list[Group]:
    groups = _grouped(quality.jobs, lambda q: q.comparison.task_id)
    ids = [g.key for g in groups]
    names = {
        task_id: name for task_id, name in session.execute(select(Task.id, Task.name).where(Task.id.in_(ids)))
    }
    for g in groups:
        g.name = names.get(g.key) if g.key is not None else None
    return groups


def group_to_dict(group: Group, rules: ProjectRules, id_field: str) -> dict[str, Any]:
    return {
        id_field: group.key,
        "name": group.name,
        "jobs": group.jobs,
        "frames_compared": group.frames_compared,
        "score": score(group.counts, rules.review_metric),
        "flagged": rules.flags(group.counts),
        "summary": counts_to_dict(group.counts),
    }


def review_queue(session: Session, quality: ProjectQuality, rules: ProjectRules) -> dict[str, Any]:
    """Jobs below the review threshold, worst first, and the low-agreement frames of consensus jobs."""
    jobs = [q for q in quality.jobs if rules.flags(q.report.counts)]
    jobs.sort(key=lambda q: (score(q.report.counts, rules.review_metric) or 0.0, q.comparison.job_id))
    frames = quality_consensus.flagged_frames(session, quality.project_id)
    return {
        "project_id": quality.project_id,
        "review_metric": rules.review_metric,
        "review_threshold": rules.review_threshold,
        "agreement_threshold": rules.consensus.agreement_threshold,
        "jobs": [
            {
                "job_id": q.comparison.job_id,
                "task_id": q.comparison.task_id,
                "assignee_id": q.comparison.assignee_id,
                "score": score(q.report.counts, rules.review_metric),
                "link": f"/jobs/{q.comparison.job_id}",
            }
            for q in jobs
        ],
        "frames": [
            {
                "job_id": f.job_id,
                "frame": f.frame,
                "agreement": f.agreement,
                "objects": f.objects,
                "link": workspace_link(f.job_id, f.frame),
            }
            for f in frames
        ],
    }


def to_csv(session: Session, quality: ProjectQuality, rules: ProjectRules, level: Level) -> str:
    """The report at `level` as CSV (one header line, then one row per job, task, annotator, label or
    conflict); empty metrics are empty cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if level == "conflict":
        _conflict_rows(writer, quality)
        return out.getvalue()
    writer.writerow([level, "name", "jobs", "frames_compared", "score", "flagged", *METRICS])
    for key, name, jobs, frames, counts in _rows(session, quality, level):
        metrics = counts_to_dict(counts)
        writer.writerow(
            [key, name or "", jobs, frames, _cell(score(counts, rules.review_metric)), rules.flags(counts)]
            + [_cell(metrics[m]) for m in METRICS]
        )
    return out.getvalue()


def _rows(
    session: Session, quality: ProjectQuality, level: Level
) -> Iterable[tuple[int | None, str | None, int, int | str, Counts]]:
    if level == "job":
        for q in quality.jobs:
            yield q.comparison.job_id, None, 1, len(q.comparison.compared), q.report.counts
    elif level in ("task", "annotator"):
        groups = by_task(session, quality) if level == "task" else by_annotator(session, quality)
        for g in groups:
            yield g.key, g.name, len(g.jobs), g.frames_compared, g.counts
    else:
        names = label_names(session, quality.project_id)
        for label_id, counts in sorted(quality.labels.items()):
            yield label_id, names.get(label_id), len(quality.jobs), "", counts


def _conflict_rows(writer: Any, quality: ProjectQuality) -> None:
    columns = ["job_id", "reference_job_id", "frame", "type", "severity", "annotation_id", "reference_id",
               "label_id", "annotated_label_id", "similarity", "attributes", "link"]  # fmt: skip
    writer.writerow(columns)
    for q in quality.jobs:
        for conflict in q.report.conflicts():
            row = conflict_to_dict(conflict, q.comparison.job_id, q.comparison.reference_job_id)
            row["attributes"] = " ".join(row["attributes"])
            writer.writerow([_cell(row[c]) for c in columns])


def _cell(value: object) -> object:
    return "" if value is None else value


def _grouped(jobs: Iterable[JobQuality], key: Callable[[JobQuality], int | None]) -> list[Group]:
    groups: dict[int | None, Group] = {}
    for q in jobs:
        k = key(q)
        g = groups.setdefault(k, Group(k, None))
        g.jobs.append(q.comparison.job_id)
        g.frames_compared += len(q.comparison.compared)
        g.counts.add(q.report.counts)
    return sorted(groups.values(), key=lambda g: (g.key is None, g.key or 0))
