"""Backups of a project whose media live in a connected bucket (moto_server in CI): restored beside the
original they reference the objects in place; restored on another server, the carried bytes become that
server's own media (under the SHA-256 of their bytes), a video's frame index with them."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from pathlib import Path

import boto3
import pytest
from sqlalchemy import select

from annota.auth import accounts
from annota.services.cloud_media import add_cloud_media
from annota.services.video_index import wait_for_indexes
from annota.settings import Settings
from annota.storage import cloud_storages, projects, tasks
from annota.storage.cloud_tables import ExternalBlob
from annota.storage.media_files import media_path
from annota.storage.tables import MediaItem, Project, Task
from annota.storage.video_tables import VideoIndexRow
from tests.api.media_files import jpeg
from tests.cli.test_backup import annota, open_db
from tests.media.video.samples import write_video
from tests.services import url_or_skip

IMAGES = {"cams/a.jpg": jpeg(40, 30, colour=(200, 0, 0)), "cams/b.jpg": jpeg(20, 10, colour=(0, 200, 0))}


@pytest.fixture
def original(tmp_path: Path) -> Path:
    """A data directory with a project "Cams": an image task and a video task, both from a bucket."""
    endpoint = url_or_skip("TEST_S3_URL", "S3")
    bucket = f"annota-backup-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
    s3.create_bucket(Bucket=bucket)
    for key, data in IMAGES.items():
        s3.put_object(Bucket=bucket, Key=key, Body=data)
    s3.put_object(Bucket=bucket, Key="cams/clip.mp4", Body=write_video(tmp_path / "clip.mp4", 8).read_bytes())
    data = tmp_path / "original"
    settings, database = Settings(data_dir=data), open_db(data)
    with database.write() as session:
        admin = accounts.create_user(session, "admin", "a long password", is_admin=True)
        project = projects.create_project(session, owner_id=admin.id, name="Cams")
        projects.create_label(session, project.id, name="car", color="#ff0000")
        storage = cloud_storages.create(
            session, project.id, name="cams", bucket=bucket, endpoint_url=endpoint, region="us-east-1",
            access_key_id="test", secret_access_key="test",
        )  # fmt: skip
        stills = tasks.create_task(session, project.id, name="Stills", owner_id=admin.id)
        add_cloud_media(session, settings, stills.id, storage, keys=["cams/a.jpg", "cams/b.jpg"])
        clip = tasks.create_task(session, project.id, name="Clip", owner_id=admin.id)
        add_cloud_media(session, settings, clip.id, storage, keys=["cams/clip.mp4"])
    assert wait_for_indexes(settings, timeout=30)
    database.dispose()
    return data


def media_of(data: Path, project_name: str) -> dict[str, tuple[str, bytes]]:
    """Each media item of the project, by name: its blob hash and the bytes read through the server."""
    settings, database = Settings(data_dir=data), open_db(data)
    with database.session() as session:
        rows = session.execute(
            select(MediaItem.name, MediaItem.content_hash)
            .join(Task, Task.id == MediaItem.task_id)
            .join(Project, Project.id == Task.project_id)
            .where(Project.name == project_name)
        ).all()
        out = {name: (h, media_path(session, settings, h).read_bytes()) for name, h in rows}
    database.dispose()
    return out


def test_connected_media_restore_elsewhere_as_that_servers_own_media(original: Path, tmp_path: Path) -> None:
    backup, elsewhere = tmp_path / "cams.zip", tmp_path / "elsewhere"
    annota("user", "add", "admin", "--admin", "--data", str(elsewhere))

    code, output = annota("backup", str(backup), "--project", "Cams", "--with-media", "--data", str(original))
    assert code == 0, output
    code, output = annota("restore", str(backup), "--data", str(elsewhere))

    assert code == 0, output
    before, after = media_of(original, "Cams"), media_of(elsewhere, "Cams")
    assert {name: data for name, (_, data) in after.items()} == {
        name: data for name, (_, data) in before.items()
    }
    for _name, (content_hash, data) in after.items():  # owned now: named by their bytes
        assert content_hash == hashlib.sha256(data).hexdigest()
    carried = {n for n in zipfile.ZipFile(backup).namelist() if n.startswith("media/")}
    assert carried == {f"media/{h}" for h, _ in after.values()}
    database = open_db(elsewhere)
    with database.session() as session:
        assert session.scalars(select(ExternalBlob)).all() == []
        assert session.get(VideoIndexRow, after["cams/clip.mp4"][0]) is not None
    database.dispose()


def test_connected_media_restore_beside_the_original_in_place(original: Path, tmp_path: Path) -> None:
    backup = tmp_path / "cams.zip"
    annota("backup", str(backup), "--project", "Cams", "--data", str(original))

    code, output = annota("restore", str(backup), "--as", "Cams again", "--data", str(original))

    assert code == 0, output
    assert media_of(original, "Cams again") == media_of(
        original, "Cams"
    )  # the same blobs: still in the bucket
