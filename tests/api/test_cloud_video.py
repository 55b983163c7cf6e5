"""A video, and images, in a connected bucket, as the editor, the tracker and exports use them: read in
place (never copied into annota's media store), served from a capped local cache, fetched again when
the cache let them go (moto_server in CI)."""

from __future__ import annotations

import io
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from annota.jobs.workers import EmbeddedWorkers
from annota.services.video import wait_for_indexes
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.video_tables import VideoIndexRow
from tests.api.conftest import assert_error
from tests.api.media_files import jpeg
from tests.api.test_cloud_storages import connect, endpoint, raw_client
from tests.api.test_tracking import box_track, overlaps, stored_track, track_now
from tests.api.topologies import stored_media
from tests.jobs.scenes import Scene
from tests.jobs.support import queue, wait_for_job, worker_formats, workers
from tests.media.video.samples import b_frames, decoded_frames, truncated_copy, which_frame

__all__ = ["endpoint", "queue", "worker_formats", "workers"]

FRAMES = 24
LABELS = [{"name": "car", "kind": "rectangle"}]


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return b_frames(tmp_path / "clip.mp4", FRAMES)


@pytest.fixture
def bucket(endpoint: str, clip: Path, tmp_path: Path) -> str:
    name = f"annota-video-{uuid.uuid4().hex[:12]}"
    s3 = raw_client(endpoint)
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="cams/clip.mp4", Body=clip.read_bytes())
    s3.put_object(
        Bucket=name, Key="cams/cut.mp4", Body=truncated_copy(clip, tmp_path / "cut.mp4", 0.4).read_bytes()
    )
    s3.put_object(Bucket=name, Key="cams/stills/a.jpg", Body=jpeg(40, 30, colour=(200, 10, 10)))
    s3.put_object(Bucket=name, Key="cams/stills/b.jpg", Body=jpeg(40, 30, colour=(10, 200, 10)))
    return name


@pytest.fixture
def project(alice: TestClient) -> dict[str, Any]:
    return dict(alice.post("/api/projects", json={"name": "Cams", "labels": LABELS}).json())


@pytest.fixture
def storage_id(alice: TestClient, project: dict[str, Any], endpoint: str, bucket: str) -> int:
    answer = connect(alice, project["id"], endpoint, bucket)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def new_task(client: TestClient, project_id: int) -> int:
    return int(client.post("/api/tasks", json={"project_id": project_id, "name": "T"}).json()["id"])


def add(client: TestClient, task_id: int, storage_id: int, **body: Any) -> Any:
    return client.post(f"/api/tasks/{task_id}/media/cloud", json={"storage_id": storage_id, **body})


def served(client: TestClient, task_id: int, frame: int) -> np.ndarray:
    answer = client.get(f"/api/tasks/{task_id}/frames/{frame}")
    assert answer.status_code == 200, answer.text
    return np.asarray(simplejpeg.decode_jpeg(answer.content))


def test_a_video_in_a_bucket_makes_a_video_task_served_frame_exact_without_a_copy(
    alice: TestClient, project: dict[str, Any], storage_id: int, settings: Settings, clip: Path,
    endpoint: str, bucket: str,
) -> None:  # fmt: skip
    task_id = new_task(alice, project["id"])

    answer = add(alice, task_id, storage_id, keys=["clip.mp4"])

    assert answer.status_code == 201, answer.text
    assert answer.json() == {"added": 1, "frames": [0]}
    assert wait_for_indexes(settings, timeout=30)
    video = alice.get(f"/api/tasks/{task_id}/video").json()
    assert (video["index_status"], video["frame_count"], video["frame_count_exact"]) == (
        "ready",
        FRAMES,
        True,
    )
    task = alice.get(f"/api/tasks/{task_id}").json()
    assert (task["media_kind"], task["media_count"], task["job_count"]) == ("video", 1, 1)
    truth = decoded_frames(clip)
    assert [which_frame(served(alice, task_id, f), truth) for f in (17, 3, 23, 0)] == [17, 3, 23, 0]
    chunk = alice.get(f"/api/tasks/{task_id}/chunks/0")
    assert chunk.status_code == 200 and len(zipfile.ZipFile(io.BytesIO(chunk.content)).namelist()) > 1
    assert stored_media(settings) == []  # read in place: nothing in annota's media store
    assert len(raw_client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]) == 4  # nothing written there

    shutil.rmtree(settings.cache_dir, ignore_errors=True)  # the cache let it go: fetched again
    assert which_frame(served(alice, task_id, 11), truth) == 11


def test_a_video_goes_alone_into_an_empty_task(
    alice: TestClient, project: dict[str, Any], storage_id: int, database: Database
) -> None:
    task_id = new_task(alice, project["id"])

    mixed = add(alice, task_id, storage_id, prefix="")
    assert add(alice, task_id, storage_id, keys=["stills/a.jpg"]).status_code == 201
    after_images = add(alice, task_id, storage_id, keys=["clip.mp4"])

    assert_error(mixed, 422, "video.not_alone", ["body", "prefix", "clip.mp4"])
    assert_error(mixed, 422, "video.not_alone", ["body", "prefix", "cut.mp4"])
    assert_error(after_images, 422, "video.task_not_empty", ["body", "keys", 0])
    assert alice.get(f"/api/tasks/{task_id}").json()["media_count"] == 1
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(VideoIndexRow)) == 0


def test_a_damaged_video_object_is_refused_by_its_key_and_leaves_nothing(
    alice: TestClient, project: dict[str, Any], storage_id: int, database: Database
) -> None:
    task_id = new_task(alice, project["id"])

    answer = add(alice, task_id, storage_id, keys=["cut.mp4"])

    body = assert_error(answer, 422, "video.unreadable", ["body", "keys", 0])
    assert "cut.mp4" in str(body["errors"])
    task = alice.get(f"/api/tasks/{task_id}").json()
    assert (task["media_count"], task["job_count"], task["media_kind"]) == (0, 0, "images")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(VideoIndexRow)) == 0


def test_connected_images_play_as_frames_and_export_with_their_bytes(
    alice: TestClient, project: dict[str, Any], storage_id: int, settings: Settings, workers: EmbeddedWorkers
) -> None:
    task_id = new_task(alice, project["id"])
    assert add(alice, task_id, storage_id, prefix="stills/").status_code == 201
    shutil.rmtree(settings.cache_dir, ignore_errors=True)

    red, green = served(alice, task_id, 0), served(alice, task_id, 1)
    chunk = alice.get(f"/api/tasks/{task_id}/chunks/0")
    exported = alice.post(
        f"/api/projects/{project['id']}/exports", json={"format": "coco", "with_images": True}
    ).json()
    done = wait_for_job(alice, exported["id"])

    assert red[..., 0].mean() > 150 > red[..., 1].mean() and green[..., 1].mean() > 150 > green[..., 0].mean()
    assert chunk.status_code == 200 and len(zipfile.ZipFile(io.BytesIO(chunk.content)).namelist()) == 2
    assert done["status"] == "succeeded", done
    archive = zipfile.ZipFile(io.BytesIO(alice.get(done["download_url"]).content))
    images = {n: archive.read(n) for n in archive.namelist() if n.endswith(".jpg")}
    assert sorted(Path(n).name for n in images) == ["a.jpg", "b.jpg"]
    assert jpeg(40, 30, colour=(200, 10, 10)) in images.values()


def test_a_box_is_tracked_through_a_video_read_from_a_bucket(
    alice: TestClient, project: dict[str, Any], storage_id: int, settings: Settings, endpoint: str,
    bucket: str, tmp_path: Path, workers: EmbeddedWorkers,
) -> None:  # fmt: skip
    scene = Scene(frames=20)
    raw_client(endpoint).put_object(
        Bucket=bucket, Key="cams/street.mp4", Body=scene.video(tmp_path / "street.mp4").read_bytes()
    )
    task_id = new_task(alice, project["id"])
    assert add(alice, task_id, storage_id, keys=["street.mp4"]).status_code == 201
    assert wait_for_indexes(settings, timeout=30)
    shutil.rmtree(settings.cache_dir, ignore_errors=True)
    job = alice.get("/api/jobs", params={"task_id": task_id}).json()["items"][0]
    labels = {lb["name"]: lb["id"] for lb in alice.get(f"/api/projects/{project['id']}/labels").json()}
    track_id = box_track(alice, {"id": job["id"], "labels": labels}, scene)

    done = wait_for_job(
        alice, track_now(alice, job["id"], track_id=track_id, until_frame=19, tracker="csrt")["id"]
    )

    assert done["status"] == "succeeded", done
    track = stored_track(alice, job["id"], track_id)
    assert [k["frame"] for k in track["keyframes"]] == list(range(20))
    assert min(overlaps(track, scene)) >= 0.7
