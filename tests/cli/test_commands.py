from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from annota.cli import main
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.tables import ApiToken, Job, Label, MediaItem, Project, Task, User
from tests.api.media_files import jpeg, png, zip_of


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code != 0, result.output
    return result.output


def rows(data: Path, model: type) -> list:  # type: ignore[type-arg]
    database = Database.open(Settings(data_dir=data))
    try:
        with database.session() as session:
            return list(session.scalars(select(model)))
    finally:
        database.dispose()


def test_every_command_has_help() -> None:
    for command in [
        [],
        ["serve"],
        ["user", "add"],
        ["token", "create"],
        ["project", "create"],
        ["task", "create"],
    ]:
        assert "Usage:" in run(*command, "--help")


def test_user_add_with_a_password_on_stdin_then_a_token(data: Path) -> None:
    output = run(
        "user", "add", "ops", "--admin", "--password-stdin", "--data", str(data), input="a long password\n"
    )
    assert "created admin user ops" in output and "password:" not in output
    token = run("token", "create", "ci", "--user", "ops", "--data", str(data)).strip()
    assert token.startswith("ann_")
    (stored,) = rows(data, ApiToken)
    assert stored.name == "ci" and token not in stored.token_hash
    assert [u.username for u in rows(data, User)] == ["ops"]


def test_user_add_without_password_prints_a_generated_one_and_refuses_duplicates(data: Path) -> None:
    assert "password: " in run("user", "add", "ana", "--data", str(data))
    assert "already taken" in fails("user", "add", "ana", "--data", str(data))


def test_project_create_with_labels_and_from_a_labels_file(data: Path, tmp_path: Path) -> None:
    run("user", "add", "admin", "--admin", "--data", str(data))
    assert "2 labels" in run("project", "create", "Streets", "--labels", "car, person", "--data", str(data))
    labels_file = tmp_path / "labels.json"
    labels_file.write_text(json.dumps([{"name": "cat", "kind": "polygon", "color": "#112233"}]))
    run("project", "create", "Pets", "--labels-file", str(labels_file), "--data", str(data))
    assert sorted(p.name for p in rows(data, Project)) == ["Pets", "Streets"]
    assert sorted((lb.name, lb.kind) for lb in rows(data, Label)) == [
        ("car", "any"), ("cat", "polygon"), ("person", "any"),
    ]  # fmt: skip


def test_a_bad_labels_file_is_reported_with_its_place_and_creates_nothing(data: Path, tmp_path: Path) -> None:
    run("user", "add", "admin", "--admin", "--data", str(data))
    broken = tmp_path / "broken.json"
    broken.write_text('[{"name": "cat",}]')
    assert "broken.json:1:" in fails(
        "project", "create", "P", "--labels-file", str(broken), "--data", str(data)
    )
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps([{"name": "cat", "color": "blue"}]))
    output = fails("project", "create", "P", "--labels-file", str(invalid), "--data", str(data))
    assert "invalid.json[0].color" in output
    assert rows(data, Project) == []


def test_task_create_from_files_folders_and_zips_splits_jobs(data: Path, tmp_path: Path) -> None:
    run("user", "add", "admin", "--admin", "--data", str(data))
    run("project", "create", "P", "--labels", "car", "--data", str(data))
    folder = tmp_path / "images"
    (folder / "sub").mkdir(parents=True)
    (folder / "b10.jpg").write_bytes(jpeg())
    (folder / "b2.jpg").write_bytes(jpeg(colour=(1, 1, 1)))
    (folder / "sub" / "c.png").write_bytes(png())
    single = tmp_path / "a.png"
    single.write_bytes(png(7, 5))
    archive = tmp_path / "more.zip"
    archive.write_bytes(zip_of({"z1.jpg": jpeg(colour=(5, 6, 7))}))
    output = run(
        "task", "create", "P", "T", "--media", str(single), "--media", str(folder), "--media", str(archive),
        "--segment-size", "2", "--data", str(data),
    )  # fmt: skip
    assert "5 media items" in output
    items = sorted(rows(data, MediaItem), key=lambda m: m.frame)
    assert [m.name for m in items] == [
        "a.png",
        "images/b2.jpg",
        "images/b10.jpg",
        "images/sub/c.png",
        "z1.jpg",
    ]
    assert sorted((j.frame_start, j.frame_stop) for j in rows(data, Job)) == [(0, 1), (2, 3), (4, 4)]


def test_task_create_with_a_broken_image_names_it_and_creates_nothing(data: Path, tmp_path: Path) -> None:
    run("user", "add", "admin", "--admin", "--data", str(data))
    run("project", "create", "P", "--data", str(data))
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(jpeg()[:50])
    assert "bad.jpg" in fails("task", "create", "P", "T", "--media", str(bad), "--data", str(data))
    assert rows(data, Task) == [] and rows(data, MediaItem) == []


def test_task_create_in_an_unknown_project_fails_clearly(data: Path, tmp_path: Path) -> None:
    run("user", "add", "admin", "--admin", "--data", str(data))
    image = tmp_path / "a.png"
    image.write_bytes(png())
    assert "no project 'Nope'" in fails(
        "task", "create", "Nope", "T", "--media", str(image), "--data", str(data)
    )
