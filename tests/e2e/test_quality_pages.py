"""The quality pages in a real browser: a job checked against its ground truth shows its figures on the
project's dashboard, and a conflict in the job's report opens the workspace at that frame."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    Workbench,
    box,
    create_workbench,
    png,
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


def test_the_figures_download_as_csv_from_the_page_and_from_the_server(
    page: Page, server: Server, checked: Checked
) -> None:
    page.goto(f"{server.url}/projects/{checked.bench.project_id}/quality")
    with page.expect_download() as table:
        page.get_by_test_id("quality-jobs-csv").click()
    rows = Path(table.value.path()).read_text().splitlines()
    assert rows[0].startswith("job_id,reference_job_id,task_id,assignee_id,flagged,reference,annotated")
    assert rows[1].startswith(f"{checked.job_id},{checked.reference_id},")
    with page.expect_download() as export:
        page.get_by_test_id("quality-export-conflict").click()
    assert export.value.suggested_filename == f"quality-project-{checked.bench.project_id}-conflict.csv"
    assert f"/jobs/{checked.job_id}?frame=2&object={checked.stray}" in Path(export.value.path()).read_text()


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


def test_a_job_replicated_to_three_annotators_is_merged_from_the_consensus_page(
    page: Page, server: Server, api: ApiClient
) -> None:
    bench = create_workbench(api, f"Consensus {uuid.uuid4().hex[:6]}", images=1)
    job_id = bench.job_ids[0]
    page.goto(f"{server.url}/jobs/{job_id}/consensus")
    page.get_by_test_id("quality-consensus-k").fill("3")
    page.get_by_test_id("quality-consensus-replicate").click()
    expect(page.get_by_test_id("quality-consensus-replicas").locator("li")).to_have_count(3)
    replicas = [r["job_id"] for r in api.ok("GET", f"/api/jobs/{job_id}/consensus")["replicas"]]
    car = bench.labels["car"]
    # Two annotators agree on a car; the third boxes something nobody else saw.
    save_shapes(api, replicas[0], [box(str(uuid.uuid4()), car, 0, 100, 100, 200, 200)])
    save_shapes(api, replicas[1], [box(str(uuid.uuid4()), car, 0, 102, 100, 202, 200)])
    save_shapes(api, replicas[2], [box(str(uuid.uuid4()), car, 0, 400, 300, 480, 380)])
    page.get_by_test_id("quality-consensus-merge").click()
    expect(page.get_by_test_id("quality-consensus-merged")).to_contain_text("1 objects")
    assert len(api.shapes(job_id)) == 1


class Qualification:
    """An exam project whose gold standard is a car on each of two images, and a project that requires it,
    both in an organisation where a new operator works."""

    def __init__(self, api: ApiClient, server: Server) -> None:
        tag = uuid.uuid4().hex[:6]
        self.operator = dataclasses.replace(server, username=f"opal{tag}", password=f"pw-{uuid.uuid4().hex}")
        user = api.ok(
            "POST",
            "/api/users",
            json={"username": self.operator.username, "password": self.operator.password},
        )
        self.operator_id = int(user["id"])
        org = api.ok("POST", "/api/organizations", json={"slug": f"acme-{tag}", "name": f"Acme {tag}"})["id"]
        member = {"username": self.operator.username, "role": "annotator"}
        api.ok("POST", f"/api/organizations/{org}/members", json=member)
        self.exam = self._project(api, f"Exam {tag}", org)
        rules = {"is_exam": True, "exam_pass_score": 0.9, "exam_max_attempts": 3}
        api.ok("PATCH", f"/api/projects/{self.exam.project_id}/quality/settings", json=rules)
        gold = api.ok("POST", f"/api/tasks/{self.exam.task_id}/ground-truth", json={"frames": [0, 1]})
        save_shapes(api, gold["job_id"], self.boxes(right=True))
        self.work = self._project(api, f"Work {tag}", org)
        required = {"required_exam_id": self.exam.project_id}
        api.ok("PATCH", f"/api/projects/{self.work.project_id}/quality/settings", json=required)

    @staticmethod
    def _project(api: ApiClient, name: str, org: int) -> Workbench:
        project = api.ok(
            "POST",
            "/api/projects",
            json={"name": name, "labels": [{"name": "car", "kind": "rectangle"}], "organization_id": org},
        )
        task = api.ok(
            "POST", "/api/tasks", json={"project_id": project["id"], "name": name, "segment_size": 0}
        )
        files = [("files", (f"img{i}.png", png(320, 240, 60 * i), "image/png")) for i in range(2)]
        api.ok("POST", f"/api/tasks/{task['id']}/media", files=files)
        jobs = api.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
        labels = {lb["name"]: lb["id"] for lb in api.ok("GET", f"/api/projects/{project['id']}/labels")}
        return Workbench(project["id"], task["id"], [j["id"] for j in jobs], labels)

    def boxes(self, right: bool) -> list[dict[str, object]]:
        shift = 0 if right else 150
        car = self.exam.labels["car"]
        return [
            {"id": str(uuid.uuid4()), "kind": "rectangle", "label_id": car, "frame": frame,
             "points": [20 + shift, 20, 80 + shift, 80]}
            for frame in range(2)
        ]  # fmt: skip


def test_an_operator_fails_the_exam_retakes_it_passes_and_becomes_assignable(
    browser: Browser, server: Server, api: ApiClient
) -> None:
    q = Qualification(api, server)
    work_job = q.work.job_ids[0]
    refused = api.http.patch(f"/api/jobs/{work_job}", json={"assignee_id": q.operator_id})
    operator_api = ApiClient(q.operator)
    context = browser.new_context()
    try:
        sign_in(context, q.operator)
        page = context.new_page()
        page.goto(f"{server.url}/projects/{q.exam.project_id}/exam")
        for right in (False, True):
            page.get_by_test_id("quality-exam-start").click()
            job = int((page.get_by_test_id("quality-exam-job").get_attribute("href") or "").rsplit("/", 1)[1])
            save_shapes(operator_api, job, q.boxes(right))
            page.get_by_test_id("quality-exam-submit").click()
            expect(page.get_by_test_id("quality-exam-current")).to_have_count(0)
        rows = page.get_by_test_id("quality-exam-attempts-row")
        expect(rows.nth(0)).to_have_attribute("data-state", "failed")
        expect(rows.nth(1)).to_have_attribute("data-state", "passed")
        page.get_by_test_id("quality-exam-certificate").click()
        expect(page.get_by_test_id("quality-certificate")).to_contain_text("100.0%")
    finally:
        context.close()
        operator_api.close()
    assert refused.status_code == 409, refused.text
    api.ok("PATCH", f"/api/jobs/{work_job}", json={"assignee_id": q.operator_id})


def test_honeypots_in_the_annotators_jobs_score_each_annotator_on_the_dashboard(
    page: Page, server: Server, api: ApiClient
) -> None:
    bench = create_workbench(api, f"Honeypots {uuid.uuid4().hex[:6]}", images=4, segment_size=2)
    me = api.ok("GET", "/api/auth/me")
    api.ok("PATCH", f"/api/jobs/{bench.job_ids[0]}", json={"assignee_id": me["id"]})
    made = api.ok(
        "POST", f"/api/tasks/{bench.task_id}/ground-truth", json={"count": 1, "per_job": True, "seed": 1}
    )
    car = bench.labels["car"]
    save_shapes(
        api, made["job_id"], [box(str(uuid.uuid4()), car, f, 100, 100, 200, 200) for f in made["frames"]]
    )
    mine = next(f for f in made["frames"] if f < 2)
    save_shapes(api, bench.job_ids[0], [box(str(uuid.uuid4()), car, mine, 100, 100, 200, 200)])
    page.goto(f"{server.url}/projects/{bench.project_id}/quality")
    rows = page.get_by_test_id("quality-annotators-row")
    expect(rows).to_have_count(2)
    admin = rows.filter(has_text=server.username)
    expect(admin.locator('[data-column="f1"]')).to_have_text("100.0%")
    expect(rows.filter(has_text="Unassigned").locator('[data-column="recall"]')).to_have_text("0.0%")


def test_the_trends_page_answers_from_the_real_server(page: Page, server: Server, checked: Checked) -> None:
    page.goto(f"{server.url}/projects/{checked.bench.project_id}/quality")
    page.get_by_test_id("quality-tab-trends").click()
    expect(page.get_by_role("heading", name="Accuracy per annotator")).to_be_visible()
    expect(page.get_by_role("heading", name="Throughput")).to_be_visible()
    expect(page.get_by_test_id("error-banner")).to_have_count(0)
