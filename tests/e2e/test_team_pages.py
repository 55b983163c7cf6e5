"""Team pages end to end: an admin creates an organisation and invites by link, the invited user
joins from a second browser, the manager assigns them a job with a deadline, and the user's "my work"
lists it, counted by the notification bell, and starts it after acknowledging the guidelines."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import ApiClient, png, sign_in


def sign_in_as(context: BrowserContext, server: Server, username: str, password: str) -> None:
    answer = context.request.post(
        server.url + "/api/auth/login", data={"username": username, "password": password}
    )
    assert answer.ok, answer.text()


def create_org_project(api: ApiClient, organization_id: int, name: str) -> tuple[int, list[int]]:
    """A project of the organisation with guidelines, and a task of two images (one job)."""
    project = api.ok(
        "POST",
        "/api/projects",
        json={
            "name": name,
            "organization_id": organization_id,
            "labels": [{"name": "car", "kind": "rectangle", "color": "#e69f00"}],
            "guidelines": "# Rules\n\nBox every **car**.",
        },
    )
    task = api.ok("POST", "/api/tasks", json={"project_id": project["id"], "name": f"{name} images"})
    files = [("files", (f"img{i}.png", png(320, 240, 60 * i), "image/png")) for i in range(2)]
    api.ok("POST", f"/api/tasks/{task['id']}/media", files=files)
    jobs = api.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
    return int(project["id"]), [int(j["id"]) for j in jobs]


def test_an_invited_user_joins_is_assigned_a_job_and_finds_it_in_my_work(
    browser: Browser, page: Page, server: Server
) -> None:
    suffix = uuid.uuid4().hex[:6]
    username, password = f"tina{suffix}", "tina-password-1"
    api = ApiClient(server)
    try:
        api.ok("POST", "/api/users", json={"username": username, "password": password})

        # The admin creates an organisation and an invitation link, in the browser.
        sign_in(page.context, server)
        page.goto(server.url + "/organizations")
        page.get_by_test_id("organization-new").click()
        page.get_by_test_id("organization-name").fill(f"Acme {suffix}")
        page.get_by_test_id("organization-create-submit").click()
        expect(page.get_by_test_id("organization-title")).to_have_text(f"Acme {suffix}")
        organization_id = int(re.sub(r"\D", "", page.url.rsplit("/", 1)[1]))
        page.get_by_test_id("invitation-role").select_option("annotator")
        page.get_by_test_id("invitation-create").click()
        link = page.get_by_test_id("invitation-link").input_value()
        assert link.startswith(server.url + "/invitations/accept#token=")
        expect(page.get_by_test_id("invitation-row").first).to_have_attribute("data-status", "pending")

        # The invited user accepts it in their own browser context.
        other = browser.new_context()
        try:
            sign_in_as(other, server, username, password)
            user_page = other.new_page()
            user_page.goto(link)
            expect(user_page.get_by_test_id("invitation-preview")).to_contain_text(f"Acme {suffix}")
            user_page.get_by_test_id("invitation-accept-submit").click()
            expect(user_page).to_have_url(re.compile(rf"/organizations/{organization_id}$"))
            expect(
                user_page.locator(f'[data-testid="member-row"][data-username="{username}"]')
            ).to_have_attribute("data-role", "annotator")

            # The admin sees the new member, and assigns the project's job with a deadline.
            page.reload()
            expect(page.locator(f'[data-testid="member-row"][data-username="{username}"]')).to_be_visible()
            project_id, job_ids = create_org_project(api, organization_id, f"Team project {suffix}")
            page.goto(f"{server.url}/projects/{project_id}")
            page.get_by_test_id("project-assign-link").click()
            row = page.locator(f'[data-testid="assign-row"][data-job-id="{job_ids[0]}"]')
            row.get_by_test_id("assign-assignee").select_option(label=username)
            row.get_by_test_id("assign-deadline").fill("2030-01-15T17:00")
            row.get_by_test_id("assign-save").click()
            expect(row).not_to_have_attribute("data-assignee-id", "")
            job = api.ok("GET", f"/api/jobs/{job_ids[0]}")
            # The form takes local time: the browser says which instant that is.
            instant = page.evaluate("new Date('2030-01-15T17:00').toISOString()")
            assert job["assignee_id"] is not None
            assert datetime.fromisoformat(job["deadline"]) == datetime.fromisoformat(instant)

            # The user's "my work" lists the job, and the bell counts the assignment.
            user_page.goto(server.url + "/me/work")
            work = user_page.locator(f'[data-testid="work-row"][data-job-id="{job_ids[0]}"]')
            expect(work).to_contain_text(f"Team project {suffix}")
            expect(work.get_by_test_id("due")).to_contain_text("2030")
            expect(user_page.get_by_test_id("notification-bell")).to_have_attribute("data-unread", "1")
            user_page.get_by_test_id("notification-bell").click()
            notice = user_page.get_by_test_id("notification-row").first
            expect(notice).to_have_attribute("data-kind", "assigned")

            # Starting it first asks for the project's guidelines to be acknowledged.
            user_page.goto(server.url + "/me/work")
            user_page.locator(f'[data-testid="work-row"][data-job-id="{job_ids[0]}"]').get_by_test_id(
                "work-start"
            ).click()
            dialog = user_page.get_by_test_id("guidelines-dialog")
            expect(dialog).to_contain_text("Box every")
            dialog.get_by_test_id("guidelines-acknowledge").click()
            expect(user_page).to_have_url(re.compile(rf"/jobs/{job_ids[0]}$"))
            assert api.ok("GET", f"/api/jobs/{job_ids[0]}")["state"] == "in_progress"
        finally:
            other.close()
    finally:
        api.close()
