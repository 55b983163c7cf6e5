"""Drawing every kind with the real mouse: what the server stores is exactly where the mouse went,
and it is all there again after a reload."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.workspace_helpers import (
    ApiClient,
    Workbench,
    click_at,
    create_workbench,
    drag,
    open_job,
    sign_in,
    wait_saved,
)


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[ApiClient]:
    client = ApiClient(server)
    yield client
    client.close()


@pytest.fixture(scope="module")
def bench(api: ApiClient) -> Workbench:
    return create_workbench(api, "Drawing", images=2)


def close(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(math.isclose(x, y, abs_tol=1e-6) for x, y in zip(a, b, strict=True))


def decode_mask(shape: dict[str, Any]) -> set[tuple[int, int]]:
    """The pixels a stored mask covers: row-major runs over its bbox, 0s first."""
    x1, y1, x2, _ = (int(v) for v in shape["bbox"])
    width = x2 - x1
    pixels: set[tuple[int, int]] = set()
    at, value = 0, 0
    for run in shape["rle"]:
        if value == 1:
            pixels.update((x1 + (i % width), y1 + (i // width)) for i in range(at, at + run))
        at, value = at + run, 1 - value
    return pixels


def test_every_kind_drawn_with_the_mouse_is_stored_exactly_and_survives_a_reload(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job)

    page.keyboard.press("r")
    rect = drag(page, (100, 80), (220, 160))
    page.keyboard.press("e")
    ellipse = drag(page, (300, 60), (380, 120))
    page.keyboard.press("p")
    polygon = [click_at(page, 60, 300), click_at(page, 160, 290), click_at(page, 120, 380)]
    click_at(page, 60, 300)  # on the first point: closes the polygon
    page.keyboard.press("y")
    polyline = [click_at(page, 400, 300), click_at(page, 450, 340), click_at(page, 520, 310)]
    page.keyboard.press("Enter")
    page.keyboard.press("k")
    points = [click_at(page, 560, 60), click_at(page, 600, 90)]
    page.keyboard.press("Enter")
    page.keyboard.press("s")
    skeleton = drag(page, (250, 200), (330, 280))
    page.keyboard.press("b")
    page.get_by_test_id("brush-size").fill("10")
    brush = click_at(page, 500, 420)
    page.keyboard.press("t")
    wait_saved(page)

    page.reload()
    open_job(page, server, job)
    expect(page.get_by_test_id("object-row")).to_have_count(7)
    document = api.annotations(job)
    by_kind = {s["kind"]: s for s in document["shapes"]}
    (a, b) = rect
    assert close(by_kind["rectangle"]["points"], [a[0], a[1], b[0], b[1]])
    assert by_kind["rectangle"]["attributes"] == {"colour": "blue", "plate": ""}
    (a, b) = ellipse
    expected = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, abs(b[0] - a[0]) / 2, abs(b[1] - a[1]) / 2]
    assert close(by_kind["ellipse"]["points"], expected)
    assert close(by_kind["polygon"]["points"], [c for p in polygon for c in p])
    assert close(by_kind["polyline"]["points"], [c for p in polyline for c in p])
    assert close(by_kind["points"]["points"], [c for p in points for c in p])
    (a, b) = skeleton
    head, left, right = ((a[0] + b[0]) / 2, a[1]), (a[0], b[1]), (b[0], b[1])
    assert close(by_kind["skeleton"]["points"], [*head, *left, *right])
    assert by_kind["skeleton"]["visibility"] == ["visible"] * 3
    radius = 5
    disk = {
        (x, y)
        for x in range(int(brush[0]) - 6, int(brush[0]) + 7)
        for y in range(int(brush[1]) - 6, int(brush[1]) + 7)
        if math.hypot(x + 0.5 - brush[0], y + 0.5 - brush[1]) <= radius
    }
    assert decode_mask(by_kind["mask"]) == disk
    assert [(t["label_id"], t["attributes"]) for t in document["tags"]] == [
        (bench.labels["weather"], {"sky": "clear"})
    ]
    assert {s["label_id"] for s in document["shapes"]} == {
        bench.labels[n] for n in ("car", "tree", "road", "lane", "sign", "person", "water")
    }


def test_a_label_allows_only_its_own_kind(
    page: Page, server: Server, api: ApiClient, bench: Workbench
) -> None:
    job = bench.job_ids[0]
    sign_in(page.context, server)
    open_job(page, server, job, frame=1)
    page.keyboard.press("r")
    page.keyboard.press("2")  # road, a polygon label: the rectangle tool gives way to the polygon tool
    expect(page.get_by_test_id("tool-polygon")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("tool-rectangle")).to_have_attribute("aria-pressed", "false")
