"""Helpers of the video editor's browser tests: a generated test video (a square moving at a known
speed), a video task made through the API, and the player and timeline as the page shows them."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from playwright.sync_api import Page, expect

from tests.e2e.workspace_helpers import ApiClient

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
