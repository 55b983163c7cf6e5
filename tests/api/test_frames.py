"""Video tasks over HTTP: upload, describe, serve frames and chunks, refuse what cannot be served."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import simplejpeg
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from annota.jobs.workers import EmbeddedWorkers
from annota.media.video.builds import IndexBuild
from annota.media.video.runtime import VideoConfig, runtime_for
from annota.services.media import UploadedFile
from annota.services.video import add_video, wait_for_indexes
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.tables import Task
from annota.storage.video_tables import VideoIndexRow
from tests.api.conftest import assert_error
from tests.api.media_files import jpeg, png
from tests.api.topologies import stored_media
from tests.jobs.support import queue, wait_for_job, worker_formats, workers
from tests.media.video.samples import (
    CORPUS_AVI,
    CORPUS_MP4,
    b_frames,
    closest_frames,
    decoded_frames,
    truncated_copy,
    which_frame,
    write_video,
)

__all__ = ["queue", "worker_formats", "workers"]

CHUNK = 5


@pytest.fixture
def settings(topology_settings: Settings) -> Settings:
    return replace(topology_settings, extra={**topology_settings.extra, "video_chunk_size": str(CHUNK)})


def new_task(client: TestClient, segment_size: int = 0) -> int:
    project = client.post("/api/projects", json={"name": "P", "labels": [{"name": "car"}]}).json()
    answer = client.post(
        "/api/tasks", json={"project_id": project["id"], "name": "T", "segment_size": segment_size}
    )
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def upload(client: TestClient, task_id: int, path: Path, name: str | None = None) -> object:
    return client.post(
        f"/api/tasks/{task_id}/media", files=[("files", (name or path.name, path.read_bytes()))]
    )


def video_task(client: TestClient, settings: Settings, path: Path, segment_size: int = 0) -> int:
    task_id = new_task(client, segment_size)
    answer = upload(client, task_id, path)
    assert answer.status_code == 201, answer.text  # type: ignore[attr-defined]
    assert wait_for_indexes(settings, timeout=30)
    return task_id


def served(client: TestClient, task_id: int, frame: int) -> np.ndarray:
    answer = client.get(f"/api/tasks/{task_id}/frames/{frame}")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "image/jpeg"
    return np.asarray(simplejpeg.decode_jpeg(answer.content))


def set_frame_range(database: Database, task_id: int, start: int, stop: int | None, step: int) -> None:
    with database.write() as session:
        task = session.get(Task, task_id)
        assert task is not None
        task.frame_start, task.frame_stop, task.frame_step = start, stop, step


def test_a_video_upload_makes_a_task_whose_first_frame_is_served_at_once(
    alice: TestClient, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "clip.mp4", 12)
    task_id = new_task(alice)

    answer = upload(alice, task_id, path)
    first = served(alice, task_id, 0)

    assert answer.status_code == 201, answer.text  # type: ignore[attr-defined]
    assert answer.json() == {"added": 1, "frames": [0]}  # type: ignore[attr-defined]
    assert which_frame(first, decoded_frames(path)) == 0
    task = alice.get(f"/api/tasks/{task_id}").json()
    assert task["media_kind"] == "video" and task["job_count"] == 1


def test_the_video_route_describes_the_video_once_indexed(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    task_id = video_task(alice, settings, b_frames(tmp_path / "b.mp4", 40))

    body = alice.get(f"/api/tasks/{task_id}/video").json()

    assert body["index_status"] == "ready" and body["frame_count_exact"] is True
    assert (body["frame_count"], body["source_frame_count"], body["frames_indexed"]) == (40, 40, 40)
    assert (body["width"], body["height"], body["rotation"]) == (64, 48, 0)
    assert (body["container"], body["codec"], body["mime"]) == ("mp4", "h264", "video/mp4")
    assert body["fps"] == pytest.approx(25.0) and body["variable_frame_rate"] is False
    assert (body["chunk_size"], body["chunk_count"]) == (CHUNK, 8)
    assert body["keyframe_count"] >= 4 and body["index_method"] == "demux"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: b_frames(d / "b.mp4", 40), id="h264-b-frames-mp4"),
        pytest.param(lambda d: b_frames(d / "b.mkv", 40), id="h264-b-frames-mkv"),
        pytest.param(lambda d: write_video(d / "v.webm", 20, codec="libvpx-vp9"), id="vp9-webm"),
        pytest.param(lambda d: b_frames(d / "b.avi", 30), id="h264-b-frames-avi"),
        pytest.param(lambda d: CORPUS_MP4, id="corpus-mpeg4-mp4"),
        pytest.param(lambda d: CORPUS_AVI, id="corpus-mjpeg-avi"),
    ],
)
def test_every_served_frame_is_the_frame_decoded_independently(
    alice: TestClient, settings: Settings, tmp_path: Path, make: object
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    truth = decoded_frames(path)
    task_id = video_task(alice, settings, path)

    order = list(range(len(truth)))[::-3] + list(range(len(truth)))
    wrong = [n for n in order if n not in closest_frames(served(alice, task_id, n), truth)]

    assert alice.get(f"/api/tasks/{task_id}/video").json()["frame_count"] == len(truth)
    assert wrong == []


def test_original_quality_is_a_lossless_png_of_the_decoded_frame(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    path = b_frames(tmp_path / "b.mp4", 20)
    task_id = video_task(alice, settings, path)

    answer = alice.get(f"/api/tasks/{task_id}/frames/13", params={"quality": "original"})

    assert answer.headers["content-type"] == "image/png"
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(answer.content))), decoded_frames(path)[13])


def test_chunks_hold_consecutive_frames_as_jpegs_named_by_frame(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "clip.mkv", 12)
    truth = decoded_frames(path)
    task_id = video_task(alice, settings, path)

    last = alice.get(f"/api/tasks/{task_id}/chunks/2")
    archive = zipfile.ZipFile(io.BytesIO(last.content))

    assert last.headers["content-type"] == "application/zip"
    assert archive.namelist() == ["000010.jpg", "000011.jpg"]
    assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    pictures = [np.asarray(simplejpeg.decode_jpeg(archive.read(name))) for name in archive.namelist()]
    assert [which_frame(p, truth) for p in pictures] == [10, 11]
    assert_error(alice.get(f"/api/tasks/{task_id}/chunks/3"), 404, "not_found")


def test_frame_start_stop_and_step_choose_the_source_frames(
    alice: TestClient, settings: Settings, database: Database, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "clip.mp4", 30)
    truth = decoded_frames(path)
    task_id = new_task(alice)
    set_frame_range(database, task_id, start=4, stop=20, step=3)
    upload(alice, task_id, path)
    assert wait_for_indexes(settings, timeout=30)

    body = alice.get(f"/api/tasks/{task_id}/video").json()
    shown = [which_frame(served(alice, task_id, n), truth) for n in range(body["frame_count"])]

    assert (body["frame_start"], body["frame_stop"], body["frame_step"]) == (4, 19, 3)
    assert shown == [4, 7, 10, 13, 16, 19]
    assert_error(alice.get(f"/api/tasks/{task_id}/frames/6"), 404, "not_found")


def test_jobs_cut_from_an_estimate_are_refitted_to_the_exact_count(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    # A variable frame rate fools duration x rate: 14 frames estimated, 6 really there.
    pts = [0, 40, 80, 200, 210, 500]
    path = write_video(tmp_path / "vfr.mkv", 6, pts=pts, time_base=Fraction(1, 1000))
    task_id = new_task(alice, segment_size=4)
    upload(alice, task_id, path)
    assert wait_for_indexes(settings, timeout=30)

    jobs = alice.get("/api/jobs", params={"task_id": task_id}).json()["items"]
    body = alice.get(f"/api/tasks/{task_id}/video").json()

    assert [(j["frame_start"], j["frame_stop"]) for j in jobs] == [(0, 3), (4, 5)]
    assert (body["frame_count"], body["variable_frame_rate"]) == (6, True)
    times = alice.get(f"/api/tasks/{task_id}/video/timestamps").json()
    assert times == {"frame_count": 6, "seconds": pytest.approx([0, 0.04, 0.08, 0.2, 0.21, 0.5])}


def test_a_rotated_video_is_served_upright(alice: TestClient, settings: Settings, tmp_path: Path) -> None:
    # Stored landscape with a display matrix turning it a quarter clockwise (a portrait phone video).
    task_id = video_task(alice, settings, write_video(tmp_path / "phone.mov", 6, size=(64, 32), rotation=-90))

    body = alice.get(f"/api/tasks/{task_id}/video").json()
    frame = served(alice, task_id, 0)

    assert (body["rotation"], body["width"], body["height"]) == (90, 32, 64)
    assert frame.shape[:2] == (64, 32)
    red_corner = frame[:8, -8:].astype(int)  # the stored top-left corner, turned clockwise
    assert red_corner[..., 0].mean() > 180 and red_corner[..., 2].mean() < 90


@pytest.mark.parametrize(
    ("name", "make", "error"),
    [
        (
            "cut.mkv",
            lambda d: truncated_copy(write_video(d / "a.mkv", 60), d / "cut.mkv", 0.5),
            "video.truncated",
        ),
        (
            "notes.mp4",
            lambda d: (d / "notes.mp4").write_bytes(b"not a video") and d / "notes.mp4",
            "video.unreadable",
        ),
        ("still.avi", lambda d: d / "still.avi", "video.unsupported_container"),
    ],
)
def test_a_file_that_cannot_be_served_is_refused_and_leaves_nothing(
    alice: TestClient,
    settings: Settings,
    database: Database,
    tmp_path: Path,
    name: str,
    make: object,
    error: str,
) -> None:
    if name == "still.avi":
        (tmp_path / "still.avi").write_bytes(png())
    path = make(tmp_path)  # type: ignore[operator]
    task_id = new_task(alice)

    answer = upload(alice, task_id, path, name)

    assert_error(answer, 422, error, [name])
    task = alice.get(f"/api/tasks/{task_id}").json()
    assert (task["media_count"], task["job_count"], task["media_kind"]) == (0, 0, "images")
    assert stored_media(settings) == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(VideoIndexRow)) == 0


def test_a_video_task_holds_one_video_only(alice: TestClient, settings: Settings, tmp_path: Path) -> None:
    task_id = video_task(alice, settings, write_video(tmp_path / "a.mp4", 4))

    again = upload(alice, task_id, write_video(tmp_path / "b.mp4", 4))

    assert_error(again, 422, "video.task_not_empty", ["b.mp4"])


def test_a_video_among_other_files_is_refused(alice: TestClient, tmp_path: Path) -> None:
    task_id = new_task(alice)
    files = [
        ("files", ("a.jpg", jpeg())),
        ("files", ("b.mp4", write_video(tmp_path / "b.mp4", 4).read_bytes())),
    ]

    answer = alice.post(f"/api/tasks/{task_id}/media", files=files)

    assert_error(answer, 422, "video.not_alone", ["b.mp4"])


def test_frames_of_a_task_are_hidden_from_people_without_access(
    alice: TestClient, bob: TestClient, settings: Settings, tmp_path: Path
) -> None:
    task_id = video_task(alice, settings, write_video(tmp_path / "a.mp4", 4))

    for path in ("video", "video/timestamps", "frames/0", "chunks/0"):
        assert_error(bob.get(f"/api/tasks/{task_id}/{path}"), 404, "not_found", ["path", "task"])


def test_an_unchanged_frame_is_answered_304_without_decoding(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    task_id = video_task(alice, settings, write_video(tmp_path / "a.mp4", 4))
    first = alice.get(f"/api/tasks/{task_id}/frames/2")

    again = alice.get(f"/api/tasks/{task_id}/frames/2", headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304 and again.content == b""
    assert "immutable" in first.headers["cache-control"]
    assert first.headers["etag"] != alice.get(f"/api/tasks/{task_id}/frames/3").headers["etag"]


def test_frames_past_the_end_and_video_of_an_image_task_are_404(
    alice: TestClient, settings: Settings, tmp_path: Path
) -> None:
    task_id = video_task(alice, settings, write_video(tmp_path / "a.mp4", 4))
    image_task = new_task(alice)
    alice.post(f"/api/tasks/{image_task}/media", files=[("files", ("a.jpg", jpeg()))])

    assert_error(alice.get(f"/api/tasks/{task_id}/frames/4"), 404, "not_found", ["path", "frame"])
    assert_error(alice.get(f"/api/tasks/{task_id}/frames/-1"), 404, "not_found", ["path", "frame"])
    assert_error(alice.get(f"/api/tasks/{image_task}/video"), 404, "not_found", ["path", "video"])


def test_image_tasks_play_as_frame_sequences_through_the_same_routes(alice: TestClient) -> None:
    task_id = new_task(alice)
    alice.post(
        f"/api/tasks/{task_id}/media",
        files=[("files", ("b.png", png())), ("files", ("a.jpg", jpeg(colour=(10, 200, 10))))],
    )

    second = alice.get(f"/api/tasks/{task_id}/frames/1")
    original = alice.get(f"/api/tasks/{task_id}/frames/0", params={"quality": "original"})
    chunk = zipfile.ZipFile(io.BytesIO(alice.get(f"/api/tasks/{task_id}/chunks/0").content))

    assert second.headers["content-type"] == "image/jpeg" and second.content == jpeg(colour=(10, 200, 10))
    assert original.content == png()
    assert chunk.namelist() == ["000000.png", "000001.jpg"]


def test_the_index_build_starts_when_the_upload_commits_not_at_a_savepoint(
    alice: TestClient, settings: Settings, database: Database, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "a.mp4", 6)
    task_id = new_task(alice)
    builds = runtime_for(settings).builds

    with database.write() as session, path.open("rb") as stream:
        added = add_video(session, settings, task_id, UploadedFile("a.mp4", stream))
        with session.begin_nested():
            pass
        assert builds.get(added.media.content_hash) is None
    assert wait_for_indexes(settings, timeout=30)

    with database.session() as session:
        row = session.get(VideoIndexRow, added.media.content_hash)
        assert row is not None and (row.status, row.frame_count, row.frame_count_exact) == ("ready", 6, True)


def test_a_frame_the_index_has_not_reached_yet_answers_503_with_retry_after(
    alice: TestClient, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = runtime_for(settings)
    monkeypatch.setattr(runtime, "config", VideoConfig(chunk_size=CHUNK, index_wait_s=0.05))
    monkeypatch.setattr(IndexBuild, "start", lambda build: build)  # a build that never gets going
    task_id = new_task(alice)
    upload(alice, task_id, write_video(tmp_path / "a.mp4", 4))

    answer = alice.get(f"/api/tasks/{task_id}/frames/0")

    assert_error(answer, 503, "video.indexing", ["path", "frame"])
    assert answer.headers["retry-after"] == "1"
    assert alice.get(f"/api/tasks/{task_id}/video").json()["index_status"] == "indexing"


def test_a_video_whose_index_failed_says_why_and_serves_no_frames(
    alice: TestClient, settings: Settings, database: Database, tmp_path: Path
) -> None:
    task_id = video_task(alice, settings, write_video(tmp_path / "a.mp4", 4))
    with database.write() as session:
        row = session.scalars(select(VideoIndexRow)).one()
        row.status, row.error = "failed", "damaged packet at 1.2 s"

    answer = alice.get(f"/api/tasks/{task_id}/frames/3")

    assert_error(answer, 409, "video.index_failed")
    assert "damaged packet at 1.2 s" in answer.json()["errors"][0]["msg"]
    video = alice.get(f"/api/tasks/{task_id}/video").json()
    assert (video["index_status"], video["index_error"]) == ("failed", "damaged packet at 1.2 s")


def proxy_jobs(client: TestClient) -> list[dict[str, Any]]:
    answer = client.get("/api/background-jobs", params={"kind": "video_proxy"})
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_an_indexed_video_gets_one_seek_proxy_job_and_seeks_then_decode_the_proxy(
    alice: TestClient, settings: Settings, tmp_path: Path, workers: EmbeddedWorkers
) -> None:
    path = write_video(tmp_path / "long-gop.mp4", 40, options={"g": "250"})
    truth = decoded_frames(path)
    task_id = video_task(alice, settings, path)

    before = alice.get(f"/api/tasks/{task_id}/frames/30")
    alice.get(f"/api/tasks/{task_id}/video")
    jobs = proxy_jobs(alice)
    done = wait_for_job(alice, jobs[0]["id"])
    order = [37, 5, 22, 11, 39, 0]
    after = [alice.get(f"/api/tasks/{task_id}/frames/{n}") for n in order]

    assert len(jobs) == 1 and "-p1" not in before.headers["etag"]
    assert done["status"] == "succeeded" and done["result"]["status"] == "ready", done
    assert done["result"]["frames"] == 40 and done["result"]["bytes"] > 0
    assert alice.get(f"/api/tasks/{task_id}/video").json()["seek_proxy"] == "ready"
    assert all(answer.headers["etag"].endswith('-p1.jpg"') for answer in after)
    frames = [np.asarray(simplejpeg.decode_jpeg(answer.content)) for answer in after]
    assert [n for n, frame in zip(order, frames, strict=True) if closest_frames(frame, truth) != {n}] == []
    assert len(proxy_jobs(alice)) == 1


def test_a_video_that_cannot_have_a_seek_proxy_says_why_and_serves_the_original(
    alice: TestClient, settings: Settings, tmp_path: Path, workers: EmbeddedWorkers
) -> None:
    path = write_video(tmp_path / "odd.mp4", 6, size=(33, 17), pix_fmt="yuv444p")
    task_id = video_task(alice, settings, path)
    assert alice.get(f"/api/tasks/{task_id}/video").json()["seek_proxy"] == "none"

    done = wait_for_job(alice, proxy_jobs(alice)[0]["id"])
    video = alice.get(f"/api/tasks/{task_id}/video").json()
    frame = alice.get(f"/api/tasks/{task_id}/frames/4")

    assert done["status"] == "succeeded" and done["result"]["status"] == "unavailable"
    assert video["seek_proxy"] == "unavailable" and "even width" in video["seek_proxy_reason"]
    assert "-p1" not in frame.headers["etag"]
    assert which_frame(np.asarray(simplejpeg.decode_jpeg(frame.content)), decoded_frames(path)) == 4
