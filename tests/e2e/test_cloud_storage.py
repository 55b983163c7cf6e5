"""Connected cloud storage in the browser: a manager connects a bucket on the project page, adds a
folder of it to a task from the task page, and sees a missing object named when adding fails."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import ApiClient, png, sign_in, wait_ready
from tests.services import url_or_skip

OBJECTS = {
    "shots/day1/001.png": png(64, 48, 20),
    "shots/day1/002.png": png(32, 24, 90),
    "shots/day2/003.png": png(40, 30, 160),
}


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture
def endpoint() -> str:
    return url_or_skip("TEST_S3_URL", "S3")


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture
def bucket(endpoint: str) -> str:
    name = f"annota-e2e-{uuid.uuid4().hex[:12]}"
    s3 = s3_client(endpoint)
    s3.create_bucket(Bucket=name)
    for key, data in OBJECTS.items():
        s3.put_object(Bucket=name, Key=key, Body=data, ContentType="image/png")
    return name


def project_with_task(api: ApiClient) -> tuple[int, int]:
    project = api.ok(
        "POST", "/api/projects", json={"name": f"Cloud {uuid.uuid4().hex[:6]}", "labels": [{"name": "car"}]}
    )
    task = api.ok("POST", "/api/tasks", json={"project_id": project["id"], "name": "From the bucket"})
    return int(project["id"]), int(task["id"])


def connection(bucket: str, endpoint: str) -> dict[str, str]:
    """The "connect a bucket" form's values (and the API body): the bucket's `shots/` folder, with keys."""
    return {
        "name": "Shots", "bucket": bucket, "prefix": "shots/", "endpoint_url": endpoint,
        "region": "us-east-1", "access_key_id": "test", "secret_access_key": "test",
    }  # fmt: skip


def test_a_manager_connects_a_bucket_and_adds_a_folder_of_it_to_a_task(
    page: Page, server: Server, api: ApiClient, endpoint: str, bucket: str
) -> None:
    project_id, task_id = project_with_task(api)
    sign_in(page.context, server)
    page.goto(f"{server.url}/projects/{project_id}")
    section = page.get_by_test_id("cloud-storage")
    section.get_by_test_id("cloud-connect-open").click()
    form = section.get_by_test_id("cloud-connect-form")
    for field, value in connection(bucket, endpoint).items():
        form.get_by_test_id(f"cloud-field-{field}").fill(value)
    expect(form.get_by_test_id("cloud-field-secret_access_key")).to_have_attribute("type", "password")
    form.get_by_test_id("cloud-connect-submit").click()
    row = section.get_by_test_id("cloud-storage-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(bucket)
    expect(row).to_contain_text("keys stored")

    page.goto(f"{server.url}/tasks/{task_id}")
    browser = page.get_by_test_id("cloud-browser")
    expect(browser.get_by_test_id("cloud-folder")).to_have_text(["day1/", "day2/"])
    browser.get_by_test_id("cloud-folder").first.click()
    expect(browser.get_by_test_id("cloud-object")).to_have_count(2)
    browser.get_by_test_id("cloud-add-prefix").click()
    expect(browser.get_by_test_id("cloud-added")).to_have_text("2 images added to the task.")
    tiles = page.get_by_test_id("media-tile")
    expect(tiles).to_have_count(2)
    expect(tiles.nth(0)).to_contain_text("day1/001.png")
    tiles.nth(1).get_by_test_id("media-open").click()
    wait_ready(page)
    expect(page.get_by_test_id("frame-indicator")).to_have_attribute("data-frame", "1")


def test_an_object_gone_from_the_bucket_is_named_and_nothing_is_added(
    page: Page, server: Server, api: ApiClient, endpoint: str, bucket: str
) -> None:
    project_id, task_id = project_with_task(api)
    api.ok("POST", f"/api/projects/{project_id}/cloud-storages", json=connection(bucket, endpoint))
    sign_in(page.context, server)
    page.goto(f"{server.url}/tasks/{task_id}")
    browser = page.get_by_test_id("cloud-browser")
    browser.get_by_test_id("cloud-folder").first.click()
    browser.get_by_role("checkbox", name="002.png").check()
    browser.get_by_role("checkbox", name="001.png").check()
    s3_client(endpoint).delete_object(Bucket=bucket, Key="shots/day1/001.png")
    browser.get_by_test_id("cloud-add-selected").click()

    problems = browser.get_by_test_id("cloud-problem")
    expect(problems).to_have_count(1)
    expect(problems.first.locator("code")).to_have_text("day1/001.png")
    expect(browser.get_by_test_id("cloud-problems")).to_contain_text("Nothing was added: 1 problem.")
    expect(page.get_by_test_id("media-tile")).to_have_count(0)
