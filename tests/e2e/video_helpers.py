"""Helpers of the video editor's browser tests: a server that serves videos and runs tracking jobs, a
generated test video (a square moving at a known speed), a video task made through the API, and the
player and timeline as the page shows them.

`annota serve` mounts the frames, tracking and background-job routes and routes uploaded videos to
the video service once the lead has wired them (ROUTERS, the media upload, a worker in `serve`);
until then `serve_videos` (run in the server's own process) adds what is missing, and nothing when
everything is there.
"""

from __future__ import annotations

import inspect
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import ApiClient

REPO = Path(__file__).resolve().parents[2]

# The moving square: its top-left corner on frame i, and its side (pixels).
SIZE = (320, 240)
SQUARE = 40
RATE = 30


def square_at(frame: int) -> tuple[int, int]:
    return 20 + 4 * frame, 60 + 2 * frame


def write_square_video(path: Path, frames: int) -> Path:
    """An H.264 mp4 (libx264, 30 fps) of a white square moving 4 px right and 2 px down per frame."""
    width, height = SIZE
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=RATE)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast", "g": str(RATE)}
        for i in range(frames):
            picture = np.full((height, width, 3), 40, dtype=np.uint8)
            x, y = square_at(i)
            picture[y : y + SQUARE, x : x + SQUARE] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


# ---- the server ----------------------------------------------------------------------------------


def _mount_missing_routes() -> None:
    from annota.api import routes
    from annota.api.routes import background, frames, tracking

    for router in (frames.router, tracking.router, background.router):
        if router not in routes.ROUTERS:
            routes.ROUTERS.append(router)


def _route_video_uploads() -> None:
    """Send an uploaded video to the video service when the media route does not yet."""
    from annota.api.routes import media as media_routes
    from annota.services import media as media_service
    from annota.services import video as video_service

    wired = any("split_video_upload" in inspect.getsource(m) for m in (media_routes, media_service))
    if wired:
        return
    images_only = media_routes.add_uploaded_media

    def add_uploaded_media(session: Any, settings: Any, task_id: int, files: Sequence[Any]) -> list[Any]:
        upload = video_service.split_video_upload(files)
        if upload is None:
            return list(images_only(session, settings, task_id, files))
        return [video_service.add_video(session, settings, task_id, upload).media]

    media_routes.add_uploaded_media = add_uploaded_media


def serve_videos(data_dir: str, port: str) -> None:
    """`annota serve` with video routes and one worker thread: run as this module's `__main__`."""
    import uvicorn

    from annota.api.app import create_app
    from annota.cli.context import settings_from
    from annota.cli.serve import _first_start
    from annota.jobs.queue import open_queue
    from annota.jobs.workers import EmbeddedWorkers, WorkerOptions
    from annota.storage.db import Database

    _mount_missing_routes()
    _route_video_uploads()
    settings = settings_from(Path(data_dir), None, host="127.0.0.1", port=int(port))
    database = Database.open(settings)
    _first_start(settings, database, False)
    app = create_app(settings, database=database)
    queue = open_queue(settings)
    print(f"annota is serving on http://127.0.0.1:{port}", flush=True)
    with EmbeddedWorkers(settings, database, queue, WorkerOptions(concurrency=1)):
        uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_video_server(data_dir: Path) -> Iterator[Server]:
    """A server of the test's own on `data_dir` (generator for a fixture): stopped when the fixture ends."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (data_dir.parent / "video-server.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.video_helpers", str(data_dir), str(port)],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        log.seek(0)
        output = log.read()
        password = re.search(r"password: (\S+)", output)
        if process.poll() is not None or password is None:
            raise AssertionError(f"the video server did not start:\n{output}")
        yield Server(
            url=f"http://127.0.0.1:{port}", data_dir=data_dir, username="admin", password=password.group(1)
        )
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


# ---- a video task ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VideoTask:
    project_id: int
    task_id: int
    job_id: int
    label_id: int
    frames: int


def create_video_task(api: ApiClient, name: str, video: Path, frames: int) -> VideoTask:
    """A project with a `car` box label, and a task of the video uploaded through the API (indexed)."""
    labels = [
        {"name": "car", "kind": "rectangle", "color": "#e69f00"},
        {"name": "sign", "kind": "points", "color": "#d55e00"},
    ]
    project = api.ok("POST", "/api/projects", json={"name": name, "labels": labels})
    task = api.ok("POST", "/api/tasks", json={"project_id": project["id"], "name": f"{name} video"})
    with video.open("rb") as stream:
        api.ok("POST", f"/api/tasks/{task['id']}/media", files=[("files", (video.name, stream, "video/mp4"))])
    deadline = time.monotonic() + 30
    while api.ok("GET", f"/api/tasks/{task['id']}/video")["index_status"] != "ready":
        assert time.monotonic() < deadline, "the video was not indexed within 30 s"
        time.sleep(0.1)
    jobs = api.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
    label_ids = {lb["name"]: lb["id"] for lb in api.ok("GET", f"/api/projects/{project['id']}/labels")}
    return VideoTask(project["id"], task["id"], jobs[0]["id"], label_ids["car"], frames)


# ---- the page ---------------------------------------------------------------------------------------


def current_frame(page: Page) -> int:
    return int(page.get_by_test_id("workspace").get_attribute("data-frame") or "-1")


def wait_frame(page: Page, frame: int) -> None:
    """Waits until frame `frame` is shown with its picture and objects."""
    workspace = page.get_by_test_id("workspace")
    expect(workspace).to_have_attribute("data-frame", str(frame), timeout=10_000)
    expect(workspace).to_have_attribute("data-ready", "true", timeout=10_000)


def go_to_frame(page: Page, frame: int) -> None:
    """Types the frame number in the player's go-to field."""
    field = page.get_by_test_id("player-frame")
    field.fill(str(frame))
    field.press("Enter")
    wait_frame(page, frame)


def timeline_row(page: Page, track_id: str) -> dict[str, str]:
    """What the timeline row of a track shows: keyframes, tracker keyframes, outside spans, state here."""
    row = page.locator(f'[data-testid="timeline-row"][data-track-id="{track_id}"]')
    return {
        key: row.get_attribute(f"data-{key}") or "" for key in ("keyframes", "tracked", "outside", "state")
    }


if __name__ == "__main__":
    serve_videos(*sys.argv[1:3])
