"""The video editor in a real browser: a track drawn with the mouse on two frames interpolates in between
exactly as the server's rules say, outside spans and playback work, everything survives a reload, and
the player plays from prefetched chunks without waiting for a frame."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from annota.domain.interpolation import shape_at, state_to_dict
from annota.domain.tracks import track_from_dict
from tests.e2e.conftest import Server
from tests.e2e.video_helpers import (
    SQUARE,
    VideoTask,
    create_video_task,
    current_frame,
    go_to_frame,
    square_at,
    timeline_row,
    wait_frame,
    write_square_video,
)
from tests.e2e.workspace_helpers import ApiClient, click_at, drag, sign_in, wait_saved

FRAMES = 90


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_square_video(tmp_path_factory.mktemp("video") / "square.mp4", FRAMES)


def open_video_job(page: Page, server: Server, task: VideoTask, locale: str = "en") -> None:
    sign_in(page.context, server, locale)
    page.goto(f"{server.url}/jobs/{task.job_id}")
    wait_frame(page, 0)


def stored_track(api: ApiClient, job_id: int) -> dict[str, Any]:
    tracks = api.annotations(job_id)["tracks"]
    assert len(tracks) == 1, tracks
    return dict(tracks[0])


def square_box(frame: int) -> list[float]:
    x, y = square_at(frame)
    return [x, y, x + SQUARE, y + SQUARE]


def close_to(a: list[float], b: list[float], tolerance: float) -> bool:
    return len(a) == len(b) and all(math.isclose(x, y, abs_tol=tolerance) for x, y in zip(a, b, strict=True))


def test_a_box_track_drawn_on_two_frames_interpolates_in_between_by_the_servers_rules_and_survives_a_reload(
    page: Page, server: Server, api: ApiClient, video: Path
) -> None:
    task = create_video_task(api, "Tracks", video, FRAMES)
    open_video_job(page, server, task)

    # Frame 0: a box track around the square (drawing makes tracks in a video job).
    expect(page.get_by_test_id("draw-mode-track")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("r")
    x1, y1, x2, y2 = square_box(0)
    drag(page, (x1, y1), (x2, y2))
    page.keyboard.press("v")
    # Frame 20: the track still shows where it was; moving it there makes a second keyframe.
    go_to_frame(page, 20)
    (cx, cy), (tx, ty) = (
        (x1 + SQUARE / 2, y1 + SQUARE / 2),
        (square_at(20)[0] + SQUARE / 2, square_at(20)[1] + SQUARE / 2),
    )
    drag(page, (cx, cy), (tx, ty))
    wait_saved(page)

    stored = stored_track(api, task.job_id)
    assert [k["frame"] for k in stored["keyframes"]] == [0, 20]
    assert close_to(stored["keyframes"][1]["points"], square_box(20), 1.5)
    # Mid-way, the server's interpolation puts the box on the square, and so does the editor.
    middle = state_to_dict(shape_at(track_from_dict(stored), 10))  # type: ignore[arg-type]
    assert middle["keyframe"] is False and close_to(middle["points"], square_box(10), 1.5)
    go_to_frame(page, 10)
    page.keyboard.press("Escape")
    click_at(
        page, (middle["points"][0] + middle["points"][2]) / 2, (middle["points"][1] + middle["points"][3]) / 2
    )
    row = page.get_by_test_id("object-row").first
    expect(row).to_have_attribute("aria-selected", "true")
    expect(row).to_have_attribute("data-state", "interpolated")
    assert timeline_row(page, stored["id"])["keyframes"] == "0,20"

    # Frame 30: the object leaves the video (Shift+O, "outside from here on").
    go_to_frame(page, 30)
    page.keyboard.press("Shift+O")
    wait_saved(page)
    stored = stored_track(api, task.job_id)
    assert [(k["frame"], k["outside"]) for k in stored["keyframes"]] == [(0, False), (20, False), (30, True)]
    assert shape_at(track_from_dict(stored), 45).outside is True  # type: ignore[union-attr]
    assert timeline_row(page, stored["id"])["outside"] == "30-"

    # Play a few frames from frame 0, then pause.
    go_to_frame(page, 0)
    page.get_by_test_id("player-play").click()
    page.wait_for_function("Number(document.querySelector('[data-testid=workspace]').dataset.frame) >= 12")
    page.get_by_test_id("player-play").click()
    expect(page.get_by_test_id("player")).to_have_attribute("data-playing", "false")
    paused_at = current_frame(page)
    assert paused_at >= 12
    assert page.get_by_test_id("player").get_attribute("data-stalls") == "0"

    page.reload()
    wait_frame(page, paused_at)
    assert timeline_row(page, stored["id"]) == {
        "keyframes": "0,20,30",
        "tracked": "",
        "outside": "30-",
        "state": "interpolated",
    }
    go_to_frame(page, 40)
    expect(page.get_by_test_id("object-row").first).to_have_attribute("data-state", "outside")


def test_playing_at_30_fps_shows_frames_from_prefetched_chunks_without_waiting_for_one(
    page: Page, server: Server, api: ApiClient, video: Path
) -> None:
    task = create_video_task(api, "Playback", video, FRAMES)
    open_video_job(page, server, task)
    page.wait_for_timeout(500)  # the first chunks arrive while the annotator looks at frame 0

    page.get_by_test_id("player-play").click()
    expect(page.get_by_test_id("player")).to_have_attribute("data-playing", "false", timeout=10_000)

    player = page.get_by_test_id("player")
    stats = {
        key: int(player.get_attribute(f"data-{key}") or "-1")
        for key in ("shown", "skipped", "late", "stalls")
    }
    print(f"\nplayback of {FRAMES} frames at 30 fps: {stats}")
    assert current_frame(page) == FRAMES - 1
    # Every frame was decoded before it was due; the display may repaint late now and then (skipped).
    assert stats["stalls"] == 0 and stats["late"] == 0
    assert stats["shown"] + stats["skipped"] == FRAMES - 1
    assert stats["skipped"] <= FRAMES // 10


def test_the_player_and_the_tracks_panel_speak_french(
    page: Page, server: Server, api: ApiClient, video: Path
) -> None:
    task = create_video_task(api, "Français", video, FRAMES)
    open_video_job(page, server, task, locale="fr")

    expect(page.get_by_test_id("frame-indicator")).to_have_text(f"Image 0 · 0–{FRAMES - 1}")
    expect(page.get_by_test_id("player-play")).to_have_attribute("aria-label", "Lire")
    expect(page.get_by_test_id("player-next")).to_have_attribute("aria-label", "Image suivante")
    expect(page.get_by_test_id("player-back10")).to_have_attribute("aria-label", "Reculer de 10 images")
    expect(page.get_by_test_id("player")).to_contain_text("Vitesse")
    expect(page.get_by_test_id("player-range")).to_have_text("Pas de plage de boucle")
    expect(page.get_by_test_id("draw-mode-track")).to_have_text("Piste")
    page.get_by_test_id("player-play").click()
    expect(page.get_by_test_id("player-play")).to_have_attribute("aria-label", "Mettre en pause")
