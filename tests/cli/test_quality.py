from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annota.cli.quality import quality_group
from annota.services.labels import create_labels
from annota.settings import Settings
from annota.storage import annotations, jobs, projects, tasks, users
from annota.storage.db import Database


def box(id: str, label_id: int, frame: int, x: float) -> dict[str, Any]:
    return {"id": id, "kind": "rectangle", "label_id": label_id, "frame": frame, "points": [x, 0, x + 10, 10]}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A project "Streets" with task "day": job 0..1 against its ground truth (one match, one miss, one
    extra), and job 2..3 without ground truth."""
    data_dir = tmp_path / "data"
    database = Database.open(Settings(data_dir=data_dir))
    with database.write() as session:
        owner = users.create_user(session, username="admin", password_hash="x")
        project = projects.create_project(session, owner_id=owner.id, name="Streets")
        create_labels(session, project.id, [{"name": "car"}], loc=("labels",))
        car = next(iter(projects.domain_labels(session, project.id)))
        task = tasks.create_task(session, project.id, name="day", owner_id=owner.id)
        work = jobs.create_job(session, task.id, frame_start=0, frame_stop=1)
        truth = jobs.create_job(session, task.id, frame_start=0, frame_stop=1, kind="ground_truth")
        jobs.create_job(session, task.id, frame_start=2, frame_stop=3)
        annotations.save_diff(
            session, truth.id, 0, {"shapes": {"create": [box("r1", car, 0, 0), box("r2", car, 1, 0)]}}
        )
        annotations.save_diff(
            session, work.id, 0, {"shapes": {"create": [box("a1", car, 0, 1), box("a2", car, 1, 50)]}}
        )
    database.dispose()
    return data_dir


def run(*args: str) -> str:
    result = CliRunner().invoke(quality_group, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_report_prints_a_row_per_job_and_the_total(data: Path) -> None:
    output = run("report", "--project", "Streets", "--data", str(data))
    header, job, total, without = output.splitlines()
    assert header.split()[:4] == ["task", "job", "reference", "frames"]
    # a1 pairs with r1 (IoU 0.82); a2 is extra and r2 missing: precision = recall = 0.5
    assert job.split()[3:10] == ["0..1", "2", "2", "1", "0.5000", "0.5000", "0.5000"]
    assert total.split()[0] == "total" and total.split()[1:4] == ["2", "2", "1"]
    assert without == "jobs without a ground-truth job: 3"


def test_report_as_json_is_the_project_summary_of_the_api(data: Path) -> None:
    summary = json.loads(
        run("report", "--project", "Streets", "--task", "day", "--format", "json", "--data", str(data))
    )
    assert summary["summary"]["matched"] == 1 and summary["summary"]["conflicts"]["missing_object"] == 1
    assert [j["job_id"] for j in summary["jobs"]] == [1] and summary["jobs_without_reference"] == [3]
    assert summary["settings"]["iou_threshold"] == 0.5


def test_report_as_csv_with_a_stricter_threshold(data: Path) -> None:
    output = run(
        "report", "--project", "Streets", "--threshold", "0.9", "--format", "csv", "--data", str(data)
    )
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["job"] for r in rows] == ["1", ""] and rows[1]["task"] == "total"
    assert rows[0]["matched"] == "0" and rows[0]["errors"] == "4"  # at 0.9 a1 no longer pairs with r1


def test_report_refuses_unknown_projects_tasks_and_thresholds(data: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(quality_group, ["report", "--project", "Nope", "--data", str(data)])
    assert unknown.exit_code != 0 and "no project 'Nope'" in unknown.output
    task = runner.invoke(
        quality_group, ["report", "--project", "Streets", "--task", "night", "--data", str(data)]
    )
    assert task.exit_code != 0 and "no task 'night'" in task.output
    threshold = runner.invoke(
        quality_group, ["report", "--project", "Streets", "--threshold", "0", "--data", str(data)]
    )
    assert threshold.exit_code == 2 and "--threshold" in threshold.output


def test_export_by_conflict_lists_each_with_its_workspace_link(data: Path) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("export", "--project", "Streets", "--by", "conflict", "--data", str(data)))
        )
    )

    assert {(r["type"], r["frame"], r["link"]) for r in rows} == {
        ("extra_object", "1", "/jobs/1?frame=1&object=a2"),
        ("missing_object", "1", "/jobs/1?frame=1"),
    }


def test_export_by_annotator_counts_unassigned_jobs_apart(data: Path) -> None:
    (row,) = csv.DictReader(
        io.StringIO(run("export", "--project", "Streets", "--by", "annotator", "--data", str(data)))
    )

    assert (row["annotator"], row["jobs"], row["matched"], row["score"]) == ("", "1", "1", str(1 / 3))
