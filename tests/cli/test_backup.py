"""`annota backup` / `annota restore`: a project, whole, to a zip and back — beside the original, on
another server with its media, refused (with nothing created) where media or the manifest is wrong."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from annota.auth import accounts
from annota.cli import main
from annota.services.media import add_media_from_paths
from annota.services.video_index import wait_for_indexes
from annota.settings import Settings
from annota.storage import projects, tasks
from annota.storage.annotations import load_document, save_diff
from annota.storage.db import Database
from annota.storage.media_files import media_path
from annota.storage.tables import Job, Label, MediaItem, Project, Task
from annota.storage.video_tables import VideoIndexRow
from tests.api.media_files import jpeg, png
from tests.media.video.samples import write_video

SKELETON = {
    "points": [{"name": "head", "x": 0.5, "y": 0.1}, {"name": "tail", "x": 0.5, "y": 0.9}],
    "edges": [[0, 1]],
}


def annota(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def open_db(data: Path) -> Database:
    return Database.open(Settings(data_dir=data))


@pytest.fixture
def original(tmp_path: Path) -> Path:
    """A data directory with a project: labels (attributes, skeleton), two tasks, annotations, an assignee."""
    data = tmp_path / "original"
    images = tmp_path / "images"
    images.mkdir()
    (images / "a.jpg").write_bytes(jpeg(40, 30, colour=(1, 2, 3)))
    (images / "b.png").write_bytes(png(20, 10))
    (images / "c.jpg").write_bytes(jpeg(16, 16, colour=(9, 9, 9)))
    database = open_db(data)
    settings = Settings(data_dir=data)
    with database.write() as session:
        admin = accounts.create_user(session, "admin", "a long password", is_admin=True)
        anna = accounts.create_user(session, "anna", "a long password")
        project = projects.create_project(
            session, owner_id=admin.id, name="Birds", description="d", guidelines="g"
        )
        bird = projects.create_label(
            session, project.id, name="bird", color="#ff0000",
            attributes=[{"name": "flying", "kind": "checkbox", "mutable": True}],
        )  # fmt: skip
        pose = projects.create_label(
            session, project.id, name="pose", color="#00ff00", kind="skeleton", skeleton=SKELETON
        )
        day1 = tasks.create_task(session, project.id, name="Day 1", owner_id=admin.id, segment_size=2)
        add_media_from_paths(
            session, settings, day1.id, [images / "a.jpg", images / "b.png", images / "c.jpg"]
        )
        day2 = tasks.create_task(session, project.id, name="Day 2", owner_id=admin.id, subset="val")
        add_media_from_paths(session, settings, day2.id, [images / "a.jpg"])
        first = session.scalars(select(Job).where(Job.task_id == day1.id).order_by(Job.id)).first()
        assert first is not None
        first.assignee_id = anna.id
        session.flush()
        diff = {
            "shapes": {"create": [
                {"id": "r1", "kind": "rectangle", "label_id": bird.id, "frame": 0, "points": [1, 2, 30, 20],
                 "attributes": {"flying": True}},
                {"id": "s1", "kind": "skeleton", "label_id": pose.id, "frame": 1, "points": [1, 1, 2, 2],
                 "visibility": ["visible", "occluded"]},
            ]},
            "tracks": {"create": [
                {"id": "t1", "kind": "rectangle", "label_id": bird.id, "keyframes": [
                    {"frame": 0, "points": [0, 0, 10, 10], "rotation": 0},
                    {"frame": 1, "points": [2, 2, 12, 12], "rotation": 0, "outside": True}]},
            ]},
            "tags": {"create": [{"id": "g1", "label_id": bird.id, "frame": 0, "stop_frame": 1}]},
        }  # fmt: skip
        save_diff(session, first.id, 0, diff)
    database.dispose()
    return data


def snapshot(data: Path, name: str) -> dict[str, Any]:
    """Everything a restore must give back, without ids: labels, tasks, media, jobs and annotations."""
    database = open_db(data)
    settings = Settings(data_dir=data)
    try:
        with database.session() as session:
            project = session.scalars(select(Project).where(Project.name == name)).one()
            label_rows = list(session.scalars(select(Label).where(Label.project_id == project.id)))
            labels = {lb.id: lb.name for lb in label_rows}
            out: dict[str, Any] = {
                "project": (project.description, project.guidelines),
                "labels": sorted((lb.name, lb.kind, json.dumps(lb.attributes), json.dumps(lb.skeleton))
                                 for lb in label_rows),
                "tasks": [],
            }  # fmt: skip
            task_rows = session.scalars(select(Task).where(Task.project_id == project.id).order_by(Task.name))
            for task in task_rows:
                media = session.scalars(
                    select(MediaItem).where(MediaItem.task_id == task.id).order_by("frame")
                )
                jobs = session.scalars(select(Job).where(Job.task_id == task.id).order_by(Job.frame_start))
                out["tasks"].append({
                    "task": (task.name, task.subset, task.segment_size),
                    "media": [(m.frame, m.name, m.width, m.height,
                               media_path(session, settings, m.content_hash).read_bytes()) for m in media],
                    "jobs": [(j.frame_start, j.frame_stop, j.assignee_id is not None,
                              _without_ids(load_document(session, j.id), labels)) for j in jobs],
                })  # fmt: skip
            return out
    finally:
        database.dispose()


def _without_ids(document: dict[str, Any], labels: dict[int, str]) -> dict[str, Any]:
    return {
        k: sorted(json.dumps({**o, "id": None, "label_id": labels[o["label_id"]]}, sort_keys=True) for o in v)
        for k, v in document.items()
        if k != "revision"
    }


def test_a_backup_restores_beside_its_original_with_media_by_reference(
    original: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "birds.zip"

    made = annota("backup", str(backup), "--project", "Birds", "--data", str(original))
    restored = annota("restore", str(backup), "--as", "Birds again", "--data", str(original))

    assert made == (0, f"backed up 2 task(s), 4 media item(s), 3 job(s), 4 annotation(s) to {backup} "
                       "(media by reference)\n")  # fmt: skip
    assert restored[0] == 0 and "restored project" in restored[1], restored
    assert snapshot(original, "Birds again") == snapshot(original, "Birds")
    assert not any(name.startswith("media/") for name in zipfile.ZipFile(backup).namelist())


def test_a_backup_with_media_restores_on_another_server(original: Path, tmp_path: Path) -> None:
    backup = tmp_path / "birds.zip"
    elsewhere = tmp_path / "elsewhere"
    annota("user", "add", "admin", "--admin", "--data", str(elsewhere))

    annota("backup", str(backup), "--project", "Birds", "--with-media", "--data", str(original))
    code, output = annota("restore", str(backup), "--data", str(elsewhere))

    assert code == 0, output
    assert "warning: no user 'anna' here: jobs they held are left unassigned" in output
    expected = snapshot(original, "Birds")
    for task in expected["tasks"]:  # anna is not on that server
        task["jobs"] = [(s, e, False, doc) for s, e, _, doc in task["jobs"]]
    assert snapshot(elsewhere, "Birds") == expected


def test_media_the_server_lacks_are_listed_and_nothing_is_restored(original: Path, tmp_path: Path) -> None:
    backup = tmp_path / "birds.zip"
    elsewhere = tmp_path / "elsewhere"
    annota("user", "add", "admin", "--admin", "--data", str(elsewhere))
    annota("backup", str(backup), "--project", "Birds", "--data", str(original))

    code, output = annota("restore", str(backup), "--data", str(elsewhere))

    assert code == 1
    assert (
        "backup.json: tasks[0].media[0].content_hash:" in output
        and "not in this backup nor on this server" in output
    )
    assert output.count("missing_media") == 0 and output.count("not in this backup") == 4
    database = open_db(elsewhere)
    with database.session() as session:
        assert session.scalars(select(Project)).all() == []
    database.dispose()


def test_a_broken_manifest_is_reported_at_its_place(original: Path, tmp_path: Path) -> None:
    backup = tmp_path / "birds.zip"
    annota("backup", str(backup), "--project", "Birds", "--data", str(original))
    manifest = json.loads(zipfile.ZipFile(backup).read("backup.json"))
    manifest["tasks"][1]["jobs"][0]["frame_start"] = -3
    del manifest["labels"][0]["color"]
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("backup.json", json.dumps(manifest))

    code, output = annota("restore", str(broken), "--data", str(original))

    assert code == 1
    assert "backup.json: labels[0].color: Field required" in output
    assert "backup.json: tasks[1].jobs[0].frame_start: Input should be greater than or equal to 0" in output
    assert annota("restore", str(original / "annota.db"), "--data", str(original))[1].endswith(
        "annota.db: 1 problem(s) in the backup:\nbackup.json: annota.db is not a zip file\n"
    )


def test_a_video_task_restores_elsewhere_with_its_frame_index(tmp_path: Path) -> None:
    source, elsewhere = tmp_path / "source", tmp_path / "elsewhere"
    video = write_video(tmp_path / "clip.mp4", frames=30)
    annota("user", "add", "admin", "--admin", "--data", str(source))
    annota("user", "add", "admin", "--admin", "--data", str(elsewhere))
    annota("project", "create", "Clips", "--labels", "car", "--data", str(source))
    annota("task", "create", "Clips", "Street", "--media", str(video), "--data", str(source))
    wait_for_indexes(Settings(data_dir=source), timeout=60)
    backup = tmp_path / "clips.zip"

    annota("backup", str(backup), "--project", "Clips", "--with-media", "--data", str(source))
    code, output = annota("restore", str(backup), "--data", str(elsewhere))

    assert code == 0, output
    database = open_db(elsewhere)
    try:
        with database.session() as session:
            (item,) = session.scalars(select(MediaItem)).all()
            index = session.get(VideoIndexRow, item.content_hash)
            assert index is not None and (index.status, index.frame_count) == ("ready", 30)
            assert index.frame_pts is not None and len(index.frame_pts) > 0
            jobs = session.scalars(select(Job)).all()
            assert [(j.frame_start, j.frame_stop) for j in jobs] == [(0, 29)]
    finally:
        database.dispose()
