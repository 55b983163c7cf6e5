"""Editing in the workspace with the mouse and the keyboard: move, undo/redo, delete, attributes,
occlusion, locking, copy onto the next image, the tool and image keys."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    Workbench,
    box,
    click_at,
    create_workbench,
    drag,
    open_job,
    save_shapes,
    sign_in,
    wait_saved,
)


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture
def car(bench: Workbench) -> str:
    """A fresh id for the test's car (ids are unique across the server)."""
    return str(uuid.uuid4())


@pytest.fixture
def bench(api: ApiClient) -> Workbench:
    """A fresh project per test: tests do not see each other's objects."""
    return create_workbench(api, f"Editing {uuid.uuid4().hex[:6]}", images=2)


def test_moving_undo_redo_and_delete_are_saved_as_they_happen(
    page: Page, server: Server, api: ApiClient, bench: Workbench, car: str
) -> None:
    job = bench.job_ids[0]
    save_shapes(api, job, [box(car, bench.labels["car"], 0, 100, 100, 200, 180)])
    sign_in(page.context, server)
    open_job(page, server, job)

    click_at(page, 150, 140)
    expect(page.get_by_test_id("selection-panel")).to_be_visible()
    (a, b) = drag(page, (150, 140), (190, 170))
    dx, dy = b[0] - a[0], b[1] - a[1]
    wait_saved(page)
    moved = [100 + dx, 100 + dy, 200 + dx, 180 + dy]
    assert api.shapes(job)[0]["points"] == pytest.approx(moved, abs=1e-6)

    page.keyboard.press("Control+z")
    wait_saved(page)
    assert api.shapes(job)[0]["points"] == pytest.approx([100, 100, 200, 180])
    page.keyboard.press("Control+Shift+z")
    wait_saved(page)
    assert api.shapes(job)[0]["points"] == pytest.approx(moved, abs=1e-6)

    page.keyboard.press("Delete")
    wait_saved(page)
    assert api.shapes(job) == []
    page.keyboard.press("Control+z")
    wait_saved(page)
    assert [s["id"] for s in api.shapes(job)] == [car]


def test_the_attributes_panel_occlusion_and_locking(
    page: Page, server: Server, api: ApiClient, bench: Workbench, car: str
) -> None:
    job = bench.job_ids[0]
    save_shapes(api, job, [box(car, bench.labels["car"], 0, 100, 100, 200, 180)])
    sign_in(page.context, server)
    open_job(page, server, job)
    page.get_by_test_id("object-row").click()
    plate = page.get_by_test_id("attr-plate")
    expect(plate).to_have_attribute("aria-invalid", "true")
    page.get_by_test_id("attr-colour").select_option("red")
    plate.fill("AB-123-CD")
    plate.press("Enter")
    expect(plate).not_to_have_attribute("aria-invalid", "true")
    page.get_by_test_id("workspace-canvas").click(position={"x": 5, "y": 5})  # keys go to the canvas again
    page.get_by_test_id("object-row").click()
    page.keyboard.press("q")
    wait_saved(page)
    shape = api.shapes(job)[0]
    assert shape["attributes"] == {"colour": "red", "plate": "AB-123-CD"}
    assert shape["occluded"] is True

    page.keyboard.press("l")
    expect(page.get_by_test_id("object-lock")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Delete")
    expect(page.get_by_test_id("toast")).to_be_visible()
    page.wait_for_timeout(500)
    wait_saved(page)
    assert len(api.shapes(job)) == 1


def test_copy_then_paste_on_the_next_image(
    page: Page, server: Server, api: ApiClient, bench: Workbench, car: str
) -> None:
    job = bench.job_ids[0]
    save_shapes(api, job, [box(car, bench.labels["car"], 0, 100, 100, 200, 180)])
    sign_in(page.context, server)
    open_job(page, server, job)
    page.get_by_test_id("object-row").click()
    page.keyboard.press("Control+c")
    page.keyboard.press("f")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    expect(page).to_have_url(f"{server.url}/jobs/{job}?frame=1")
    page.keyboard.press("Control+v")
    wait_saved(page)
    by_frame = {s["frame"]: s for s in api.shapes(job)}
    assert sorted(by_frame) == [0, 1]
    assert by_frame[1]["points"] == by_frame[0]["points"]
    assert by_frame[1]["id"] != car
    page.keyboard.press("d")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "0")


def test_n_repeats_the_last_tool_and_ctrl_enter_finishes_the_image(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job)
    page.keyboard.press("e")
    drag(page, (100, 100), (160, 150))
    page.keyboard.press("v")
    expect(page.get_by_test_id("tool-select")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("n")
    expect(page.get_by_test_id("tool-ellipse")).to_have_attribute("aria-pressed", "true")
    drag(page, (300, 100), (360, 150))
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    wait_saved(page)
    assert [s["kind"] for s in api.shapes(job)] == ["ellipse", "ellipse"]


def test_the_help_overlay_lists_the_keys_and_saves_my_own(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job)
    page.keyboard.press("?")
    dialog = page.get_by_test_id("shortcuts-dialog")
    expect(dialog).to_be_visible()
    row = dialog.locator("[data-action='nav.next']")
    expect(row.get_by_test_id("shortcut-key")).to_have_text("F")
    row.get_by_test_id("shortcut-change").click()
    page.keyboard.press("d")  # already "previous image": flagged, not savable
    expect(row).to_have_class("shortcut shortcut--conflict")
    expect(dialog.get_by_test_id("shortcuts-save")).to_be_disabled()
    row.get_by_test_id("shortcut-change").click()
    page.keyboard.press("j")
    dialog.get_by_test_id("shortcuts-save").click()
    expect(dialog.get_by_role("status")).to_be_visible()
    try:
        assert api.ok("GET", "/api/users/me/preferences")["shortcuts"] == {"nav.next": ["J"]}
        dialog.get_by_test_id("shortcuts-close").click()
        page.reload()
        open_job(page, server, job)
        page.keyboard.press("j")
        expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    finally:
        api.ok("PUT", "/api/users/me/preferences", json={})


def test_the_guidelines_are_one_key_away(page: Page, server: Server, bench: Workbench) -> None:
    sign_in(page.context, server)
    open_job(page, server, bench.job_ids[0])
    page.keyboard.press("g")
    panel = page.get_by_test_id("guidelines-panel")
    expect(panel.get_by_role("heading", name="Rules")).to_be_visible()
    expect(panel.locator("strong")).to_have_text("car")
    page.keyboard.press("g")
    expect(panel).to_be_hidden()
