"""Two people on the same job: the second save is refused (409), the workspace says so, and nothing is
overwritten until its user chooses to reload theirs or keep theirs and apply theirs on top."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

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
def two(browser: Browser, server: Server) -> Iterator[tuple[Page, Page]]:
    contexts: list[BrowserContext] = [browser.new_context(), browser.new_context()]
    for context in contexts:
        sign_in(context, server)
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


def setup_job(api: ApiClient) -> tuple[Workbench, int, str, str]:
    bench = create_workbench(api, f"Conflict {uuid.uuid4().hex[:6]}", images=1)
    job = bench.job_ids[0]
    left, right = str(uuid.uuid4()), str(uuid.uuid4())
    save_shapes(
        api,
        job,
        [
            box(left, bench.labels["car"], 0, 50, 50, 150, 150),
            box(right, bench.labels["car"], 0, 400, 50, 500, 150),
        ],
    )
    return bench, job, left, right


def test_keeping_mine_applies_my_change_on_top_of_theirs(
    two: tuple[Page, Page], server: Server, api: ApiClient
) -> None:
    _, job, _left, right = setup_job(api)
    ann, bob = two
    open_job(ann, server, job)
    open_job(bob, server, job)

    click_at(ann, 100, 100)
    ann.keyboard.press("Delete")
    wait_saved(ann)

    click_at(bob, 450, 100)
    bob.keyboard.press("q")
    dialog = bob.get_by_test_id("conflict-dialog")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_contain_text("Another person saved this job first")
    expect(bob.get_by_test_id("save-state")).to_have_attribute("data-status", "conflict")
    bob.get_by_test_id("conflict-mine").click()
    expect(dialog).to_be_hidden()
    wait_saved(bob)
    shapes = api.shapes(job)
    assert [(s["id"], s["occluded"]) for s in shapes] == [(right, True)]
    expect(bob.get_by_test_id("object-row")).to_have_count(1)


def test_reloading_theirs_drops_my_unsaved_change(
    two: tuple[Page, Page], server: Server, api: ApiClient
) -> None:
    _, job, left, _ = setup_job(api)
    ann, bob = two
    open_job(ann, server, job)
    open_job(bob, server, job)

    click_at(ann, 100, 100)
    (a, b) = drag(ann, (100, 100), (130, 110))
    wait_saved(ann)
    moved = api.shapes(job)
    click_at(bob, 100, 100)
    bob.keyboard.press("Delete")
    expect(bob.get_by_test_id("conflict-dialog")).to_be_visible(timeout=10_000)
    bob.get_by_test_id("conflict-theirs").click()
    wait_saved(bob)
    assert api.shapes(job) == moved
    expect(bob.get_by_test_id("object-row")).to_have_count(2)
    assert any(s["id"] == left and s["points"][0] == pytest.approx(50 + b[0] - a[0]) for s in moved)
