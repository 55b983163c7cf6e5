"""Tracker assist in a real browser: a box tracked forward gets tracker keyframes that follow the moving
square, and tracking again from a corrected frame continues from the correction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.video_helpers import (
    SQUARE,
    create_video_task,
    go_to_frame,
    square_at,
    timeline_row,
    wait_frame,
    write_square_video,
)
from tests.e2e.workspace_helpers import ApiClient, drag, sign_in, wait_saved

FRAMES = 40


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


def iou(a: list[float], b: list[float]) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


def truth(frame: int) -> list[float]:
    x, y = square_at(frame)
    return [x, y, x + SQUARE, y + SQUARE]


def keyframes(api: ApiClient, job_id: int) -> dict[int, dict[str, Any]]:
    (track,) = api.annotations(job_id)["tracks"]
    return {k["frame"]: k for k in track["keyframes"]}


def track_forward(page: Page, frames: int) -> None:
    page.get_by_test_id("track-forward-frames").fill(str(frames))
    page.get_by_test_id("track-forward").click()
    expect(page.get_by_test_id("tracker-progress")).to_have_attribute(
        "data-phase", "succeeded", timeout=30_000
    )
    wait_saved(page)


def test_a_box_tracked_forward_follows_the_square_and_tracking_again_continues_from_a_correction(
    page: Page, server: Server, api: ApiClient, tmp_path: Path
) -> None:
    task = create_video_task(api, "Tracker", write_square_video(tmp_path / "square.mp4", FRAMES), FRAMES)
    sign_in(page.context, server)
    page.goto(f"{server.url}/jobs/{task.job_id}")
    wait_frame(page, 0)
    page.keyboard.press("r")
    box = truth(0)
    drag(page, (box[0], box[1]), (box[2], box[3]))
    page.keyboard.press("v")
    page.get_by_test_id("object-row").first.click()

    track_forward(page, 20)

    stored = keyframes(api, task.job_id)
    assert sorted(stored) == list(range(21))
    assert {stored[f]["source"] for f in range(1, 21)} == {"tracker"}
    assert min(iou(stored[f]["points"], truth(f)) for f in range(1, 21)) >= 0.5
    track_id = api.annotations(task.job_id)["tracks"][0]["id"]
    assert timeline_row(page, track_id)["tracked"] == ",".join(str(f) for f in range(1, 21))
    expect(page.get_by_test_id("object-row").first).to_have_attribute("aria-selected", "true")

    # Correct frame 10 by hand (a few pixels), then track again: the run starts from the correction.
    go_to_frame(page, 10)
    shown = stored[10]["points"]
    centre = ((shown[0] + shown[2]) / 2, (shown[1] + shown[3]) / 2)
    drag(page, centre, (centre[0] + 6, centre[1] + 4))
    wait_saved(page)
    corrected = keyframes(api, task.job_id)[10]
    assert corrected["source"] == "manual" and corrected["points"][0] > shown[0] + 3
    track_forward(page, 15)

    stored = keyframes(api, task.job_id)
    assert stored[10] == corrected
    assert sorted(stored) == list(range(26))
    assert {stored[f]["source"] for f in range(11, 26)} == {"tracker"}
    assert iou(stored[25]["points"], truth(25)) >= 0.5
