"""Tracker assist in a real browser: a box tracked forward gets tracker keyframes that follow the moving
square, tracking again from a corrected frame continues from the correction, keyframes show while the
run goes on, stopping keeps them, and one undo takes the run back."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

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


def slow_tracking(page: Page, delay_ms: int) -> None:
    """The editor's tracking requests go out with a pause after each frame (the API's `frame_delay_ms`),
    so that a run of a few dozen frames lasts seconds."""

    def add_delay(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        route.continue_(post_data=json.dumps({**body, "frame_delay_ms": delay_ms}))

    page.route("**/api/jobs/*/tracking", add_delay)


def test_keyframes_appear_while_the_tracker_runs_a_stop_keeps_them_and_one_undo_takes_the_run_back(
    page: Page, server: Server, api: ApiClient, tmp_path: Path
) -> None:
    task = create_video_task(api, "Streamed", write_square_video(tmp_path / "square.mp4", FRAMES), FRAMES)
    sign_in(page.context, server)
    slow_tracking(page, 100)
    page.goto(f"{server.url}/jobs/{task.job_id}")
    wait_frame(page, 0)
    page.keyboard.press("r")
    box = truth(0)
    drag(page, (box[0], box[1]), (box[2], box[3]))
    page.keyboard.press("v")
    page.get_by_test_id("object-row").first.click()
    wait_saved(page)
    track_id = api.annotations(task.job_id)["tracks"][0]["id"]
    progress = page.get_by_test_id("tracker-progress")

    page.get_by_test_id("track-forward-frames").fill(str(FRAMES - 1))
    page.get_by_test_id("track-forward").click()
    seen_while_running: list[int] = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(n >= 3 for n in seen_while_running):
        tracked = timeline_row(page, track_id)["tracked"]
        if progress.get_attribute("data-phase") == "running":
            seen_while_running.append(len(tracked.split(",")) if tracked else 0)
        page.wait_for_timeout(50)
    page.get_by_test_id("tracker-cancel").click()
    expect(progress).to_have_attribute("data-phase", "cancelled", timeout=15_000)
    wait_saved(page)

    assert any(n >= 3 for n in seen_while_running), seen_while_running
    stored = keyframes(api, task.job_id)
    assert 3 <= len(stored) < FRAMES and sorted(stored) == list(range(len(stored)))
    assert timeline_row(page, track_id)["tracked"] == ",".join(str(f) for f in range(1, len(stored)))

    # The run is one step of the history (my drawing of the box is still under it): undo takes it back.
    page.keyboard.press("Control+z")
    expect(page.locator(f'[data-testid="timeline-row"][data-track-id="{track_id}"]')).to_have_attribute(
        "data-keyframes", "0"
    )
    wait_saved(page)
    assert sorted(keyframes(api, task.job_id)) == [0]
