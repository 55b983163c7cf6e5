"""The whole team loop in one browser, four people in separate contexts: a manager sets up an
organisation, invites a reviewer and an annotator, and assigns them a job; the annotator works and
submits; the reviewer rejects it with an issue pinned on the frame; the annotator fixes it; the reviewer
accepts; the manager sees the active time, the output and the audit trail.

Done through the API, as that person: the site admin creates the three accounts (annota has no self
sign-up); the manager adds the task of images (uploading through the task page has its own test)."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import ApiClient, drag, png, wait_ready, wait_saved

GUIDELINES = "# Street rules\n\nBox every **car**, wheels included."


class Person:
    """One account: its own browser context (cookies) and an HTTP client for the API steps."""

    def __init__(self, browser: Browser, server: Server, username: str, password: str) -> None:
        self.username = username
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=30)
        answer = self.http.post("/api/auth/login", json={"username": username, "password": password})
        answer.raise_for_status()
        self.id = int(answer.json()["id"])
        self.http.headers["X-CSRF-Token"] = self.http.cookies.get("annota_csrf") or ""
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        login = self.context.request.post(
            server.url + "/api/auth/login", data={"username": username, "password": password}
        )
        assert login.ok, login.text()
        self.page = self.context.new_page()

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.http.request(method, path, **kwargs)
        assert answer.status_code < 400, (
            f"{self.username}: {method} {path}: {answer.status_code} {answer.text}"
        )
        return answer.json() if answer.content else None

    def go(self, path: str) -> Page:
        self.page.goto(self.server.url + path)
        return self.page

    def close(self) -> None:
        self.http.close()
        self.context.close()


def create_account(admin: ApiClient, username: str) -> str:
    password = secrets.token_urlsafe(12)
    admin.ok("POST", "/api/users", json={"username": username, "password": password})
    return password


def invite(manager: Person, organization_id: int, role: str) -> str:
    """The manager invites someone with `role` on the organisation page; returns the link shown once."""
    page = manager.go(f"/organizations/{organization_id}")
    page.get_by_test_id("invitation-role").select_option(role)
    page.get_by_test_id("invitation-create").click()
    link = page.get_by_test_id("invitation-link").input_value()
    assert "#token=" in link
    return link


def accept(person: Person, link: str, organization_id: int) -> None:
    page = person.page
    page.goto(link)
    page.get_by_test_id("invitation-accept-submit").click()
    expect(page).to_have_url(f"{person.server.url}/organizations/{organization_id}")


def start_from_my_work(person: Person, job_id: int) -> Page:
    """Opens the job from "my work" (starting it, or its review); the guidelines come first when due."""
    page = person.go("/me/work")
    row = page.locator(f'[data-testid="work-row"][data-job-id="{job_id}"]')
    row.locator('[data-testid="work-start"], [data-testid="work-open"]').click()
    dialog = page.get_by_test_id("guidelines-dialog")
    expect(page.get_by_test_id("workspace").or_(dialog)).to_be_visible()
    if dialog.is_visible():
        expect(dialog).to_contain_text("Street rules")
        dialog.get_by_test_id("guidelines-acknowledge").click()
    expect(page).to_have_url(f"{person.server.url}/jobs/{job_id}")
    wait_ready(page)
    return page


def test_four_people_run_the_whole_review_loop(browser: Browser, server: Server) -> None:
    admin = ApiClient(server)
    suffix = secrets.token_hex(3)
    names = {role: f"{role}-{suffix}" for role in ("manager", "annotator", "reviewer")}
    passwords = {role: create_account(admin, name) for role, name in names.items()}
    manager, annotator, reviewer = (
        Person(browser, server, names[r], passwords[r]) for r in ("manager", "annotator", "reviewer")
    )

    # The manager creates the organisation and invites the other two.
    page = manager.go("/organizations")
    page.get_by_test_id("organization-new").click()
    page.get_by_test_id("organization-name").fill(f"Street crew {suffix}")
    page.get_by_test_id("organization-slug").fill(f"street-{suffix}")
    page.get_by_test_id("organization-create-submit").click()
    page.wait_for_url("**/organizations/*")
    organization_id = int(page.url.rsplit("/", 1)[1])
    accept(reviewer, invite(manager, organization_id, "reviewer"), organization_id)
    accept(annotator, invite(manager, organization_id, "annotator"), organization_id)
    page = manager.go(f"/organizations/{organization_id}")
    expect(page.get_by_test_id("member-row")).to_have_count(3)

    # The project in the organisation, with its guidelines; its images through the API (as the manager).
    page = manager.go("/projects")
    page.get_by_test_id("project-new").click()
    page.get_by_test_id("project-name").fill(f"Street {suffix}")
    page.get_by_test_id("project-organization").select_option(str(organization_id))
    page.get_by_test_id("label-name").fill("car")
    page.get_by_test_id("label-kind").select_option("rectangle")
    page.get_by_test_id("project-create-submit").click()
    page.wait_for_url("**/projects/*")
    project = manager.ok("GET", f"/api/projects/{int(page.url.rsplit('/', 1)[1])}")
    assert project["organization_id"] == organization_id
    page.get_by_test_id("guidelines-edit").click()
    page.get_by_test_id("guidelines-text").fill(GUIDELINES)
    page.get_by_test_id("guidelines-save").click()
    expect(page.get_by_test_id("guidelines").get_by_role("heading", name="Street rules")).to_be_visible()
    task = manager.ok("POST", "/api/tasks", json={"project_id": project["id"], "name": "Street images"})
    files = [("files", (f"street{i}.png", png(640, 480, 60 * i), "image/png")) for i in range(2)]
    manager.ok("POST", f"/api/tasks/{task['id']}/media", files=files)
    [job] = manager.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
    job_id = int(job["id"])
    page = manager.go(f"/projects/{project['id']}/team/jobs")
    row = page.locator(f'[data-testid="assign-row"][data-job-id="{job_id}"]')
    row.get_by_test_id("assign-assignee").select_option(str(annotator.id))
    row.get_by_test_id("assign-reviewer").select_option(str(reviewer.id))
    row.get_by_test_id("assign-save").click()
    expect(row).to_have_attribute("data-assignee-id", str(annotator.id))
    assert manager.ok("GET", f"/api/jobs/{job_id}")["reviewer_id"] == reviewer.id

    # The annotator reads the guidelines, boxes a car and submits.
    page = start_from_my_work(annotator, job_id)
    page.keyboard.press("r")
    drag(page, (100, 100), (220, 190))
    wait_saved(page)
    page.get_by_test_id("job-submit").click()
    expect(page.get_by_test_id("job-actions")).to_have_attribute("data-stage", "validation")

    # The reviewer pins an issue on the second image and rejects the job.
    page = start_from_my_work(reviewer, job_id)
    page.get_by_test_id("frame-next").click()
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    page.get_by_test_id("side-tab-issues").click()
    page.get_by_test_id("issue-new").click()
    drag(page, (300, 200), (420, 300))
    page.get_by_test_id("issue-draft-comment").fill("This car is not boxed")
    page.get_by_test_id("issue-create").click()
    expect(page.get_by_test_id("issue-counts")).to_have_text("1 open · 0 resolved")
    page.get_by_test_id("job-reject").click()
    expect(page.get_by_test_id("job-actions")).to_have_attribute("data-state", "rejected")

    # The annotator jumps to the issue, boxes the car, answers, resolves it and submits again.
    page = start_from_my_work(annotator, job_id)
    expect(page.get_by_test_id("side-tab-issues")).to_have_text("Issues (1)")
    page.keyboard.press("u")
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")
    expect(page.get_by_test_id("issue-thread")).to_contain_text("This car is not boxed")
    page.keyboard.press("r")
    drag(page, (310, 210), (410, 290))
    wait_saved(page)
    page.get_by_test_id("issue-reply").fill("Boxed it")
    page.get_by_test_id("issue-send").click()
    page.get_by_test_id("issue-resolve").click()
    expect(page.get_by_test_id("issue-counts")).to_have_text("0 open · 1 resolved")
    page.get_by_test_id("job-submit").click()
    expect(page.get_by_test_id("job-actions")).to_have_attribute("data-stage", "validation")

    # The reviewer accepts.
    page = reviewer.go(f"/jobs/{job_id}")
    wait_ready(page)
    page.get_by_test_id("job-accept").click()
    expect(page.get_by_test_id("job-actions")).to_have_attribute("data-stage", "acceptance")

    # The manager sees the job done, the time and output per person, and the audit trail.
    page = manager.go(f"/projects/{project['id']}/team")
    done = page.locator('[data-testid="progress-row"][data-stage="acceptance"][data-state="completed"]')
    expect(done).to_have_count(1)
    page = manager.go(f"/projects/{project['id']}/team/time")
    expect(page.get_by_test_id("time-row").filter(has_text=annotator.username)).to_have_count(1)
    rows = manager.ok("GET", f"/api/projects/{project['id']}/reports/time", params={"group": "person"})[
        "rows"
    ]
    work = next(r for r in rows if r["user_id"] == annotator.id)
    assert work["active_seconds"] > 0 and work["objects_created"] == 2
    page = manager.go(f"/projects/{project['id']}/team/audit")
    saves = page.locator('[data-testid="audit-row"][data-entity="annotations"][data-action="save"]')
    expect(saves.first).to_be_visible()
    assert saves.count() >= 2

    for person in (manager, annotator, reviewer):
        person.close()
    admin.close()
