"""The import and export dialogs end to end: the demo project out to COCO and back into a new project,
and a broken file refused with its problem located."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_shell import login
from tests.e2e.workspace_helpers import ApiClient

JOB_TIMEOUT_MS = 30_000


@pytest.fixture
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


def sign_in(page: Page, server: Server) -> None:
    login(page, server)
    expect(page.get_by_test_id("project-row").first).to_be_visible()


def open_project(page: Page, server: Server, project_id: int) -> None:
    page.goto(f"{server.url}/projects/{project_id}")
    expect(page.get_by_test_id("project-title")).to_be_visible()


def demo_project_id(api: ApiClient) -> int:
    projects = api.ok("GET", "/api/projects", params={"q": "Demo: street scenes"})["items"]
    return int(projects[0]["id"])


def test_the_demo_project_goes_out_to_coco_and_back_into_a_new_project_through_the_dialogs(
    page: Page, server: Server, api: ApiClient, tmp_path: Path
) -> None:
    sign_in(page, server)
    open_project(page, server, demo_project_id(api))
    page.get_by_test_id("datasets-export").click()
    dialog = page.get_by_role("dialog", name="Export the project")
    expect(dialog.get_by_test_id("export-format")).to_have_value("coco")
    dialog.get_by_test_id("export-with-images").check()
    dialog.get_by_test_id("export-submit").click()
    download_link = dialog.get_by_test_id("export-download")
    expect(download_link).to_be_visible(timeout=JOB_TIMEOUT_MS)
    exported_objects = dialog.get_by_test_id("export-summary").get_by_text(re.compile(r"^Objects: \d+$"))
    objects = exported_objects.inner_text()
    with page.expect_download() as download:
        download_link.click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)
    assert archive.suffix == ".zip" and archive.stat().st_size > 0

    target = api.ok("POST", "/api/projects", json={"name": "Streets again"})
    open_project(page, server, target["id"])
    page.get_by_test_id("datasets-import").click()
    dialog = page.get_by_role("dialog", name="Import a dataset")
    dialog.get_by_test_id("import-file").set_input_files(archive)
    dialog.get_by_test_id("import-submit").click()
    summary = dialog.get_by_test_id("import-summary")
    expect(summary).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(summary).to_contain_text("Format: coco (detected")
    expect(dialog.get_by_test_id("import-media")).to_have_text("Images: 6")
    expect(dialog.get_by_test_id("import-objects")).to_have_text(objects)
    expect(dialog.get_by_test_id("import-task-result")).to_contain_text("Streets again")

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    task = page.get_by_test_id("task-row").filter(has_text="Streets again")
    expect(task).to_contain_text("6")
    task.get_by_role("link").first.click()
    expect(page.get_by_test_id("media-tile")).to_have_count(6)


def test_a_broken_annotation_file_is_refused_with_its_problem_located(
    page: Page, server: Server, api: ApiClient, tmp_path: Path
) -> None:
    target = api.ok("POST", "/api/projects", json={"name": "Broken import"})
    # A LabelMe rectangle needs two corners; this one has one.
    box: dict[str, Any] = {"label": "car", "shape_type": "rectangle", "points": [[0, 0]], "flags": {}}
    labelme: dict[str, Any] = {"version": "5.0.1", "flags": {}, "shapes": [box], "imagePath": "a.jpg"}
    broken = tmp_path / "a.json"
    broken.write_text(json.dumps({**labelme, "imageData": None, "imageHeight": 10, "imageWidth": 10}))

    sign_in(page, server)
    open_project(page, server, target["id"])
    page.get_by_test_id("datasets-import").click()
    dialog = page.get_by_role("dialog", name="Import a dataset")
    dialog.get_by_test_id("import-file").set_input_files(broken)
    dialog.get_by_test_id("import-format").select_option("labelme")
    dialog.get_by_test_id("import-submit").click()

    problems = dialog.get_by_test_id("transfer-problem")
    expect(problems).to_have_count(1, timeout=JOB_TIMEOUT_MS)
    expect(problems.first).to_contain_text("a.json: shapes[0].points: ")
    expect(dialog.get_by_test_id("transfer-status")).to_contain_text("Failed")
    expect(dialog.get_by_test_id("recent-job").first).to_contain_text("Failed")
    assert api.ok("GET", "/api/tasks", params={"project_id": target["id"]})["count"] == 0
