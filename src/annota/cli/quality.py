"""`annota quality report`: how a project's jobs compare with their ground truth, as a table, JSON or CSV;
`annota quality export`: the project's quality by job, task, annotator (honeypot score), label or conflict,
as CSV under the project's stored rules (what `GET /api/projects/{id}/quality.csv` answers)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.cli.context import data_options, fail_on_storage_error, opened, settings_from
from annota.cli.projects import _find_project
from annota.domain.problems import DomainValidationError
from annota.domain.quality import LabelMatching, MatchMethod, QualitySettings
from annota.domain.quality.settings import DEFAULT_LOW_OVERLAP_THRESHOLD
from annota.services import quality
from annota.services.quality import breakdown
from annota.services.quality.settings import rules_of
from annota.storage.errors import StorageError
from annota.storage.tables import Task

COLUMNS = (
    "task", "job", "reference", "frames", "ref_objects", "objects", "matched", "precision", "recall", "f1",
    "mean_iou", "label_acc", "attr_acc", "errors", "warnings", "mota", "idf1", "id_switches",
)  # fmt: skip


@click.group("quality")
def quality_group() -> None:
    """Quality reports: annotations compared with their ground truth."""


@quality_group.command("report")
@click.option("--project", "project_name", required=True, help="Project (name or id).")
@click.option("--task", "task_name", help="Only the jobs of this task (name or id).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=0.5, show_default=True,
              help="Similarity (IoU, OKS, line similarity) two objects need to be paired.")  # fmt: skip
@click.option("--method", type=click.Choice([m.value for m in MatchMethod]),
              default=MatchMethod.HUNGARIAN.value, show_default=True,
              help="Pairing: most pairs then best overlap, or greedy by score (COCO).")  # fmt: skip
@click.option("--labels", "label_matching", type=click.Choice([m.value for m in LabelMatching]),
              default=LabelMatching.PER_LABEL_THEN_ANY.value, show_default=True,
              help="Whether objects of different labels may be paired (as wrong labels).")  # fmt: skip
@click.option("--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)  # fmt: skip
@data_options
def report(
    project_name: str,
    task_name: str | None,
    threshold: float,
    method: str,
    label_matching: str,
    output_format: str,
    data_dir: Path,
    db_url: str | None,
) -> None:
    """Compare every job of a project that has a ground-truth job with it: one row per job, then the total."""
    try:
        settings = QualitySettings(
            iou_threshold=threshold,
            low_overlap_threshold=max(threshold, DEFAULT_LOW_OVERLAP_THRESHOLD),
            method=MatchMethod(method),
            label_matching=LabelMatching(label_matching),
        )
    except DomainValidationError as error:
        raise click.UsageError("; ".join(str(p) for p in error.problems)) from error
    with opened(settings_from(data_dir, db_url)) as database:
        try:
            with database.session() as session:
                project_id = _find_project(session, project_name)
                task_id = _find_task(session, project_id, task_name) if task_name else None
                result = quality.project_quality(session, project_id, settings, task_id)
                names = quality.label_names(session, project_id)
        except StorageError as error:
            raise fail_on_storage_error(error) from error
    data = quality.project_to_dict(result, names, settings)
    if output_format == "json":
        click.echo(json.dumps(data, indent=2))
        return
    rows = [_row(job) for job in data["jobs"]]
    rows.append(_row({**data, "task_id": "total", "job_id": "", "reference_job_id": ""}))
    if output_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
        return
    _print_table(rows)
    if data["jobs_without_reference"]:
        ids = ", ".join(str(i) for i in data["jobs_without_reference"])
        click.echo(f"jobs without a ground-truth job: {ids}")


@quality_group.command("export")
@click.option("--project", "project_name", required=True, help="Project (name or id).")
@click.option("--by", "level", type=click.Choice(breakdown.LEVELS), default="job", show_default=True,
              help="One row per job, task, annotator, label, or conflict (with its link).")  # fmt: skip
@data_options
def export(project_name: str, level: breakdown.Level, data_dir: Path, db_url: str | None) -> None:
    """The project's quality report as CSV, compared under the project's quality settings."""
    with opened(settings_from(data_dir, db_url)) as database:
        try:
            with database.session() as session:
                project_id = _find_project(session, project_name)
                rules = rules_of(session, project_id)
                result = quality.project_quality(session, project_id, rules.comparison)
                click.echo(breakdown.to_csv(session, result, rules, level), nl=False)
        except StorageError as error:
            raise fail_on_storage_error(error) from error


def _find_task(session: Session, project_id: int, name_or_id: str) -> int:
    matches = list(
        session.scalars(select(Task.id).where(Task.project_id == project_id, Task.name == name_or_id))
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise click.ClickException(f"{len(matches)} tasks are called {name_or_id!r}: give the id")
    task = session.get(Task, int(name_or_id)) if name_or_id.isdigit() else None
    if task is None or task.project_id != project_id:
        raise click.ClickException(f"no task {name_or_id!r} in this project")
    return task.id


def _row(job: dict[str, Any]) -> list[str]:
    s, t = job["summary"], job.get("tracking") or {}
    frames = f"{job['frame_start']}..{job['frame_stop']}" if "frame_start" in job else ""
    return [
        str(job["task_id"]), str(job["job_id"]), str(job["reference_job_id"]), frames,
        str(s["reference"]), str(s["annotated"]), str(s["matched"]),
        _ratio(s["precision"]), _ratio(s["recall"]), _ratio(s["f1"]), _ratio(s["mean_iou"]),
        _ratio(s["label_accuracy"]), _ratio(s["attribute_accuracy"]), str(s["errors"]), str(s["warnings"]),
        _ratio(t.get("mota")), _ratio(t.get("idf1")), str(t.get("id_switches", "")),
    ]  # fmt: skip


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _print_table(rows: list[list[str]]) -> None:
    table = [list(COLUMNS), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    for row in table:
        click.echo("  ".join(cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
