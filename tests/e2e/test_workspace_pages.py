"""The pages around the workspace: the task's images with their status opening the workspace at an
image, the label editor and its skeleton designer, the guidelines with an image, and French."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    Workbench,
    box,
    create_workbench,
    drag,
    open_job,
    png,
    save_shapes,
    sign_in,
    wait_ready,
    wait_saved,
)


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture
def bench(api: ApiClient) -> Workbench:
    return create_workbench(api, f"Pages {uuid.uuid4().hex[:6]}", images=3)


def test_the_task_page_shows_each_image_status_and_opens_the_workspace_there(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    save_shapes(api, bench.job_ids[0], [box(str(uuid.uuid4()), bench.labels["car"], 1, 10, 10, 50, 50)])
    sign_in(page.context, server)
    page.goto(f"{server.url}/tasks/{bench.task_id}")
    tiles = page.get_by_test_id("media-tile")
    expect(tiles).to_have_count(3)
    expect(tiles.nth(0).get_by_test_id("media-status")).to_have_text("Not started")
    expect(tiles.nth(1).get_by_test_id("media-status")).to_have_text("1 object")
    tiles.nth(1).get_by_test_id("media-open").click()
    wait_ready(page)
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    expect(page.get_by_test_id("object-row")).to_have_count(1)


def test_the_label_editor_adds_a_skeleton_designed_with_the_mouse(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    sign_in(page.context, server)
    page.goto(f"{server.url}/projects/{bench.project_id}")
    page.get_by_test_id("label-new").click()
    form = page.get_by_test_id("label-form")
    form.get_by_test_id("label-form-name").fill("cyclist")
    form.get_by_test_id("label-form-kind").select_option("skeleton")
    board = form.get_by_test_id("skeleton-board")
    for x, y in ((140, 20), (60, 250), (220, 250)):
        board.click(position={"x": x, "y": y})
    points = form.get_by_test_id("skeleton-point")
    expect(points).to_have_count(3)
    points.nth(0).click()
    points.nth(1).click()
    form.get_by_test_id("skeleton-point-name").nth(0).fill("head")
    form.get_by_test_id("attr-spec-add").click()
    form.get_by_test_id("attr-spec-name").fill("helmet")
    form.get_by_test_id("attr-spec-kind").select_option("checkbox")
    form.get_by_test_id("label-form-save").click()
    expect(page.get_by_test_id("label-item").filter(has_text="cyclist")).to_be_visible()
    label = next(
        lb for lb in api.ok("GET", f"/api/projects/{bench.project_id}/labels") if lb["name"] == "cyclist"
    )
    assert label["kind"] == "skeleton"
    assert [p["name"] for p in label["skeleton"]["points"]] == ["head", "joint 2", "joint 3"]
    assert label["skeleton"]["points"][0] == {
        "name": "head",
        "x": pytest.approx(0.5, abs=0.01),
        "y": pytest.approx(20 / 280, abs=0.01),
    }
    assert label["skeleton"]["edges"] == [[0, 1]]
    assert [(a["name"], a["kind"]) for a in label["attributes"]] == [("helmet", "checkbox")]


def test_guidelines_with_an_image_are_edited_on_the_project_and_read_in_the_workspace(
    page: Page, server: Server, bench: Workbench
) -> None:
    sign_in(page.context, server)
    page.goto(f"{server.url}/projects/{bench.project_id}")
    page.get_by_test_id("guidelines-edit").click()
    page.get_by_test_id("guidelines-text").fill("# Boxes\n\nTight to the body.\n")
    tight: FilePayload = {"name": "tight.png", "mimeType": "image/png", "buffer": png(40, 30, 200)}
    page.get_by_test_id("guidelines-image").set_input_files(files=[tight])
    expect(page.get_by_test_id("guidelines-text")).to_have_value(
        re.compile(r"!\[tight\.png\]\(/api/projects/\d+/assets/\w+")
    )
    page.get_by_test_id("guidelines-save").click()
    expect(page.get_by_test_id("guidelines").get_by_role("heading", name="Boxes")).to_be_visible()

    open_job(page, server, bench.job_ids[0])
    page.keyboard.press("g")
    panel = page.get_by_test_id("guidelines-panel")
    expect(panel.get_by_role("heading", name="Boxes")).to_be_visible()
    image = panel.locator("img[alt='tight.png']")
    expect(image).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 40


def test_the_workspace_speaks_french(page: Page, server: Server, api: ApiClient, bench: Workbench) -> None:
    sign_in(page.context, server)
    open_job(page, server, bench.job_ids[0])
    try:
        page.get_by_test_id("locale-switch").select_option("fr")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.get_by_test_id("save-state")).to_have_text("Tout est enregistré")
        expect(page.get_by_test_id("frame-indicator")).to_have_text("Image 1 sur 3 · img0.png")
        page.keyboard.press("r")
        drag(page, (50, 50), (120, 100))
        wait_saved(page)
        expect(page.get_by_test_id("object-row")).to_contain_text("n°1 car")
        page.keyboard.press("?")
        expect(page.get_by_test_id("shortcuts-dialog")).to_contain_text("Raccourcis clavier")
        expect(page.get_by_test_id("shortcuts-dialog")).to_contain_text("Image suivante")
        page.keyboard.press("Escape")
        page.reload()
        wait_ready(page)
        expect(page.get_by_test_id("tool-rectangle")).to_have_attribute("aria-label", "Rectangle")
        expect(page.get_by_test_id("side-tab-view")).to_have_text("Affichage")
    finally:
        api.ok("PATCH", "/api/users/me", json={"locale": "en"})
