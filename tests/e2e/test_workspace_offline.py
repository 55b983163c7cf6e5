"""Never losing work: edits made offline, across a reload, or while the server restarts are queued in
the browser and reach the server when it answers again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    OwnServer,
    Workbench,
    create_workbench,
    drag,
    free_port,
    open_job,
    sign_in,
    wait_saved,
)


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture
def bench(api: ApiClient) -> Workbench:
    return create_workbench(api, f"Offline {uuid.uuid4().hex[:6]}", images=1)


def expect_queued(page: Page, count: int) -> None:
    state = page.get_by_test_id("save-state")
    expect(state).to_have_attribute("data-status", "offline", timeout=10_000)
    expect(state).to_have_attribute("data-queued", str(count))


def test_edits_made_offline_are_sent_when_the_browser_is_back_online(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job)
    page.context.set_offline(True)
    page.keyboard.press("r")
    drag(page, (50, 50), (150, 120))
    drag(page, (250, 50), (350, 120))
    expect_queued(page, 2)
    expect(page.get_by_test_id("save-state")).to_contain_text("Offline: 2 changes queued")
    assert api.shapes(job) == []
    page.context.set_offline(False)
    wait_saved(page)
    assert len(api.shapes(job, "rectangle")) == 2


def test_queued_edits_survive_a_reload_and_are_sent_after_it(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job)

    def refuse_saves(route: Route) -> None:
        if route.request.method == "PATCH":
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route("**/api/jobs/*/annotations", refuse_saves)
    page.keyboard.press("e")
    drag(page, (300, 200), (380, 260))
    expect_queued(page, 1)
    page.unroute("**/api/jobs/*/annotations")
    page.reload()
    open_job(page, server, job)
    wait_saved(page)
    assert [s["kind"] for s in api.shapes(job)] == ["ellipse"]
    expect(page.get_by_test_id("object-row")).to_have_count(1)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[OwnServer]:
    own = OwnServer(tmp_path / "data", free_port())
    own.start()
    yield own
    own.stop()


def test_edits_made_while_the_server_restarts_reach_it_when_it_is_back(
    browser: Browser, own_server: OwnServer
) -> None:
    server = own_server.as_server()
    api = ApiClient(server)
    bench = create_workbench(api, "Restart", images=1)
    job = bench.job_ids[0]
    context = browser.new_context()
    try:
        page = context.new_page()
        sign_in(context, server)
        open_job(page, server, job)
        page.keyboard.press("r")
        drag(page, (40, 40), (90, 90))
        wait_saved(page)

        own_server.stop()
        drag(page, (200, 200), (260, 240))
        page.keyboard.press("e")
        drag(page, (400, 300), (460, 340))
        expect_queued(page, 2)
        own_server.start()
        # Retried on its own, with back-off (1, 2, 4, 8 s): no key pressed.
        expect(page.get_by_test_id("save-state")).to_have_attribute("data-status", "saved", timeout=20_000)
        api.close()
        api = ApiClient(server)
        assert sorted(s["kind"] for s in api.shapes(job)) == ["ellipse", "rectangle", "rectangle"]
    finally:
        api.close()
        context.close()
