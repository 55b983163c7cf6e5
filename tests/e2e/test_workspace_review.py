"""Review in the workspace, in the browser: a reviewer pins an issue on a region of a frame and sends
the job back; its annotator acknowledges the guidelines, jumps to the issue, resolves it and submits;
`?object=` opens a job on an object, selected and centred."""

from __future__ import annotations

import secrets

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    box,
    create_workbench,
    drag,
    open_job,
    save_shapes,
    sign_in,
    to_page,
    wait_ready,
)


def canvas_centre(page: Page) -> tuple[float, float]:
    area = page.get_by_test_id("workspace-canvas").bounding_box()
    assert area is not None
    return area["x"] + area["width"] / 2, area["y"] + area["height"] / 2


def assert_centred(page: Page, x: float, y: float) -> None:
    px, py = to_page(page, x, y)
    cx, cy = canvas_centre(page)
    assert abs(px - cx) < 2 and abs(py - cy) < 2, ((px, py), (cx, cy))


def sign_in_as(browser: Browser, server: Server, username: str, password: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    answer = context.request.post(
        server.url + "/api/auth/login", data={"username": username, "password": password}
    )
    assert answer.ok, answer.text()
    return context.new_page()


def test_reviewer_pins_an_issue_that_the_annotator_jumps_to_resolves_and_submits(
    browser: Browser, server: Server
) -> None:
    api = ApiClient(server)
    bench = create_workbench(api, "Review in the workspace", images=2)
    job_id = bench.job_ids[0]
    password = secrets.token_urlsafe(12)
    annotator = api.ok("POST", "/api/users", json={"username": "wsr-annotator", "password": password})
    admin_id = api.ok("GET", "/api/users/me")["id"]
    api.ok("PATCH", f"/api/jobs/{job_id}", json={"assignee_id": annotator["id"], "reviewer_id": admin_id})
    api.ok("PATCH", f"/api/jobs/{job_id}", json={"stage": "validation", "state": "new"})

    reviewer_context = browser.new_context(viewport={"width": 1400, "height": 900})
    sign_in(reviewer_context, server)
    reviewer = reviewer_context.new_page()
    open_job(reviewer, server, job_id, frame=1)
    reviewer.get_by_test_id("side-tab-issues").click()
    reviewer.get_by_test_id("issue-new").click()
    drag(reviewer, (100, 120), (260, 220))
    reviewer.get_by_test_id("issue-draft-comment").fill("The bus is not boxed")
    reviewer.get_by_test_id("issue-create").click()
    expect(reviewer.get_by_test_id("issue-counts")).to_have_text("1 open · 0 resolved")
    expect(reviewer.get_by_test_id("issue-pin")).to_have_count(1)
    [issue] = api.ok("GET", f"/api/jobs/{job_id}/issues")
    assert issue["frame"] == 1 and issue["comments"][0]["body"] == "The bus is not boxed"
    assert abs(issue["region"]["x"] - 100) < 2 and abs(issue["region"]["w"] - 160) < 3
    reviewer.get_by_test_id("job-reject").click()
    expect(reviewer.get_by_test_id("job-actions")).to_have_attribute("data-state", "rejected")

    page = sign_in_as(browser, server, "wsr-annotator", password)
    page.goto(f"{server.url}/jobs/{job_id}")
    gate = page.get_by_test_id("guidelines-gate")
    expect(gate.get_by_role("heading", name="Rules")).to_be_visible()
    gate.get_by_test_id("guidelines-acknowledge").click()
    expect(gate).to_have_count(0)
    wait_ready(page)
    expect(page.get_by_test_id("side-tab-issues")).to_have_text("Issues (1)")
    page.keyboard.press("u")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    expect(page.get_by_test_id("issue-thread")).to_contain_text("The bus is not boxed")
    page.wait_for_timeout(100)
    assert_centred(
        page, issue["region"]["x"] + issue["region"]["w"] / 2, issue["region"]["y"] + issue["region"]["h"] / 2
    )
    expect(page.get_by_test_id("issue-new")).to_have_count(0)
    page.get_by_test_id("issue-reply").fill("Boxed it")
    page.get_by_test_id("issue-send").click()
    expect(page.get_by_test_id("issue-comment")).to_have_count(2)
    page.get_by_test_id("issue-resolve").click()
    expect(page.get_by_test_id("issue-counts")).to_have_text("0 open · 1 resolved")
    page.get_by_test_id("job-submit").click()
    expect(page.get_by_test_id("job-actions")).to_have_attribute("data-stage", "validation")
    job = api.ok("GET", f"/api/jobs/{job_id}")
    assert (job["stage"], job["state"], job["open_issues"]) == ("validation", "new", 0)
    api.close()


def test_accept_is_refused_in_words_while_an_issue_is_open(browser: Browser, server: Server) -> None:
    api = ApiClient(server)
    bench = create_workbench(api, "Accept refused", images=1)
    job_id = bench.job_ids[0]
    api.ok("PATCH", f"/api/jobs/{job_id}", json={"stage": "validation", "state": "new"})
    api.ok(
        "POST",
        f"/api/jobs/{job_id}/issues",
        json={"frame": 0, "region": {"x": 10, "y": 10}, "comment": "Missing tag"},
    )
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    sign_in(context, server)
    page = context.new_page()
    open_job(page, server, job_id)
    page.get_by_test_id("job-accept").click()
    message = page.get_by_test_id("job-message")
    expect(message).to_have_text("The job still has open issues: resolve them or reject the job.")
    assert api.ok("GET", f"/api/jobs/{job_id}")["stage"] == "validation"
    api.close()


def test_a_link_with_an_object_opens_its_frame_with_it_selected_and_centred(
    browser: Browser, server: Server
) -> None:
    api = ApiClient(server)
    bench = create_workbench(api, "Object links", images=2)
    job_id = bench.job_ids[0]
    save_shapes(api, job_id, [box("far-car", bench.labels["car"], 1, 500, 380, 600, 460)])
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    sign_in(context, server)
    page = context.new_page()
    page.goto(f"{server.url}/jobs/{job_id}?object=far-car")
    wait_ready(page)
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    expect(page.locator('[data-testid="object-row"][data-object-id="far-car"]')).to_have_attribute(
        "aria-selected", "true"
    )
    assert_centred(page, 550, 420)
    api.close()
