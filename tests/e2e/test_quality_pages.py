"""The quality pages in a real browser: a job checked against its ground truth shows its figures on the
project's dashboard, and a conflict in the job's report opens the workspace at that frame."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    Workbench,
    box,
    create_workbench,
    save_shapes,
    sign_in,
    wait_ready,
)


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture
def page(context: BrowserContext, server: Server) -> Page:
    sign_in(context, server)
    return context.new_page()


class Checked:
    """A task of three images: a ground-truth job with a car on each, and the annotator's job, which boxes the
    first car exactly, misses the second and boxes the third far from it (precision 1/2, recall 1/3)."""

    def __init__(self, api: ApiClient) -> None:
        self.bench: Workbench = create_workbench(api, f"Quality {uuid.uuid4().hex[:6]}", images=3)
        self.job_id = self.bench.job_ids[0]
        task_id = self.bench.task_id
        ground_truth = api.ok("POST", f"/api/tasks/{task_id}/ground-truth", json={"frames": [0, 1, 2]})
        self.reference_id = int(ground_truth["job_id"])
        car = self.bench.labels["car"]
        truth = [box(str(uuid.uuid4()), car, frame, 100, 100, 200, 200) for frame in range(3)]
        save_shapes(api, self.reference_id, truth)
        self.stray = str(uuid.uuid4())
        save_shapes(
            api,
            self.job_id,
            [box(str(uuid.uuid4()), car, 0, 100, 100, 200, 200), box(self.stray, car, 2, 400, 300, 480, 380)],
        )


@pytest.fixture(scope="module")
def checked(api: ApiClient) -> Checked:
    return Checked(api)


def test_the_dashboard_shows_a_job_against_its_ground_truth(
    page: Page, server: Server, checked: Checked
) -> None:
    page.goto(f"{server.url}/projects/{checked.bench.project_id}")
    page.get_by_test_id("project-quality-link").click()
    expect(page.get_by_test_id("quality-precision")).to_contain_text("50.0%")
    expect(page.get_by_test_id("quality-recall")).to_contain_text("33.3%")
    expect(page.get_by_test_id("quality-f1")).to_contain_text("40.0%")
    expect(page.get_by_test_id("quality-mean_iou")).to_contain_text("1.00")
    row = page.get_by_test_id("quality-jobs-row")
    expect(row).to_have_count(1)
    expect(row.locator('[data-column="missing"]')).to_have_text("2")
    expect(row.locator('[data-column="extra"]')).to_have_text("1")
    bars = page.get_by_test_id("quality-jobs-chart").locator(".quality-chart__row")
    expect(bars).to_have_attribute("data-value", "0.4")
    expect(page.get_by_test_id("quality-annotators-row")).to_have_count(1)


def test_a_review_threshold_saved_in_the_settings_flags_the_job_on_the_dashboard(
    page: Page, server: Server, checked: Checked
) -> None:
    page.goto(f"{server.url}/projects/{checked.bench.project_id}/quality/settings")
    page.get_by_test_id("quality-rule-review_threshold").fill("0.5")
    page.get_by_test_id("quality-settings-save").click()
    expect(page.get_by_test_id("quality-settings-saved")).to_be_visible()
    page.get_by_test_id("quality-tab-dashboard").click()
    expect(page.get_by_test_id("quality-jobs-row")).to_have_attribute("data-flagged", "true")
    expect(page.get_by_test_id("quality-review-jobs")).to_contain_text(f"Job {checked.job_id}")


def test_a_conflict_of_the_job_report_opens_the_workspace_at_its_frame(
    page: Page, server: Server, checked: Checked
) -> None:
    page.goto(f"{server.url}/projects/{checked.bench.project_id}/quality")
    page.get_by_test_id("quality-job-link").click()
    frames = page.get_by_test_id("quality-frame")
    expect(frames).to_have_count(2)
    expect(frames.nth(0)).to_have_attribute("data-frame", "1")
    extra = frames.nth(1).locator('[data-testid="quality-conflict"][data-type="extra_object"]')
    extra.get_by_test_id("quality-conflict-link").click()
    wait_ready(page)
    expect(page).to_have_url(f"{server.url}/jobs/{checked.job_id}?frame=2&object={checked.stray}")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "2")
