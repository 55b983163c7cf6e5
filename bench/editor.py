"""Editor benchmark: a 4000×3000 image with 10,000 boxes and 1,000 polygons of 50 points, made through
the API of a real server, opened in headless Chromium (Debian's) through the real UI.

Figures: time to open the image with its annotations (cold and warm), frame time while panning and
zooming continuously (real mouse input), the work to select and to move one object (event handling
plus the frame it causes), and the JS heap. Run with `python bench/editor.py` (the web app must be
built: `make web`).
"""

from __future__ import annotations

import io
import itertools
import math
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Client, Server, percentile, report, serve
from PIL import Image, ImageDraw
from playwright.sync_api import FloatRect, Page, ViewportSize, sync_playwright

BENCH = "editor"
WIDTH, HEIGHT = 4000, 3000
BOXES = (100, 100)  # columns × rows, over the top 2,500 pixels
POLYGONS = (50, 20)  # columns × rows of 50-point polygons, below them
POLYGON_POINTS = 50
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1600, "height": 1000}
FRAMES = 150

# Installed before the app loads: timestamps of the workspace becoming ready and of the next frame,
# the duration of every animation-frame callback, and the time spent handling each pointer event.
PROBE = """
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  window.__frames = [];            // [start, duration] of each frame callback
  window.requestAnimationFrame = (cb) => raf((t) => {
    const s = performance.now();
    cb(t);
    window.__frames.push([s, performance.now() - s]);
  });
  window.__events = [];            // [type, start, duration] of pointer events, all handlers included
  for (const type of ["pointerdown", "pointermove", "pointerup"]) {
    window.addEventListener(type, () => { window.__eventStart = performance.now(); }, { capture: true });
    window.addEventListener(type, () => {
      const start = window.__eventStart;
      window.__events.push([type, start, performance.now() - start]);
    });
  }
  new MutationObserver(() => {
    const ws = document.querySelector("[data-testid=workspace][data-ready=true]");
    if (ws && window.__readyAt === undefined) {
      window.__readyAt = performance.now();
      raf(() => raf(() => { window.__paintedAt = performance.now(); }));
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
})();
"""


def image_bytes() -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), (70, 90, 110))
    draw = ImageDraw.Draw(image)
    for i in range(0, WIDTH, 200):
        draw.line((i, 0, WIDTH - i, HEIGHT), fill=(140, 150, 120), width=9)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def box_at(col: int, row: int) -> tuple[float, float, float, float]:
    x, y = col * 40 + 5, row * 25 + 4
    return x, y, x + 30, y + 17


def shapes(box_label: int, polygon_label: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in range(BOXES[1]):
        for col in range(BOXES[0]):
            x1, y1, x2, y2 = box_at(col, row)
            out.append(
                {
                    "id": str(uuid.uuid4()),
                    "kind": "rectangle",
                    "label_id": box_label,
                    "frame": 0,
                    "points": [x1, y1, x2, y2],
                }
            )
    for row in range(POLYGONS[1]):
        for col in range(POLYGONS[0]):
            cx, cy = col * 80 + 40, 2510 + row * 25 + 12
            points = []
            for k in range(POLYGON_POINTS):
                a = 2 * math.pi * k / POLYGON_POINTS
                r = 11 + 3 * math.sin(5 * a)
                points += [cx + 1.6 * r * math.cos(a), cy + r * math.sin(a) * 0.9]
            out.append(
                {
                    "id": str(uuid.uuid4()),
                    "kind": "polygon",
                    "label_id": polygon_label,
                    "frame": 0,
                    "points": points,
                }
            )
    return out


def prepare(server: Server) -> int:
    """The project, the image and its 11,000 objects through the API; returns the job id."""
    client = Client(server.port, server.token)
    labels = [{"name": "box", "kind": "rectangle"}, {"name": "poly", "kind": "polygon"}]
    project = client.ok("POST", "/api/projects", {"name": "editor bench", "labels": labels})
    task = client.ok("POST", "/api/tasks", {"project_id": project["id"], "name": "big image"})
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.jpg"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
        + image_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    client.connection.request(
        "POST", f"/api/tasks/{task['id']}/media", body=body,
        headers={"Authorization": client.headers["Authorization"],
                 "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    response = client.connection.getresponse()
    response.read()
    if response.status != 201:
        raise RuntimeError(f"upload failed: {response.status}")
    job = client.ok("GET", f"/api/jobs?task_id={task['id']}")["items"][0]
    ids = {lb["name"]: lb["id"] for lb in client.ok("GET", f"/api/projects/{project['id']}/labels")}
    all_shapes = shapes(ids["box"], ids["poly"])
    revision = job["revision"]
    for i in range(0, len(all_shapes), 2500):
        chunk = {"shapes": {"create": all_shapes[i : i + 2500]}}
        revision = client.ok(
            "PATCH", f"/api/jobs/{job['id']}/annotations", chunk, {"If-Match": f'"{revision}"'}
        )["revision"]
    client.close()
    return int(job["id"])


BREAKDOWN = """
() => {
  const out = {};
  for (const e of performance.getEntriesByType("resource")) {
    const path = new URL(e.name).pathname.replace(/\\d+/g, "N");
    out[path] = [Math.round(e.startTime), Math.round(e.responseEnd)];
  }
  for (const m of performance.getEntriesByType("mark")) out[m.name] = Math.round(m.startTime);
  out.ready = Math.round(window.__readyAt);
  out.painted = Math.round(window.__paintedAt);
  return out;
}
"""


def open_ms(page: Page, url: str) -> float:
    """From navigation start to the first frame painted after the workspace is ready."""
    page.goto(url)
    page.wait_for_function("window.__paintedAt !== undefined", timeout=60_000)
    if os.environ.get("BENCH_VERBOSE"):
        print(page.evaluate(BREAKDOWN))
    return float(page.evaluate("window.__paintedAt"))


def heap_mb(page: Page) -> float:
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return float(metrics["JSHeapUsedSize"]) / 1e6


def frame_stats(page: Page, drive: Any) -> tuple[list[float], list[float]]:
    """Frame intervals and the work done in each frame's callbacks while `drive()` sends input, in ms."""
    page.evaluate("window.__frames = []")
    drive()
    frames = page.evaluate("window.__frames")
    by_frame: dict[float, float] = {}
    for start, duration in frames:
        # Callbacks of one frame start within a few ms of each other.
        key = next((k for k in by_frame if abs(k - start) < 4), start)
        by_frame[key] = by_frame.get(key, 0.0) + duration
    starts = sorted(by_frame)
    intervals = [b - a for a, b in itertools.pairwise(starts)]
    return intervals, list(by_frame.values())


ZOOM_DRIVER = """
([x, y, frames]) => new Promise((done) => {
  const target = document.querySelector("[data-testid=workspace-canvas] canvas[data-layer=overlay]");
  let i = 0;
  const step = () => {
    if (i === frames) return done();
    const deltaY = Math.floor(i / 30) % 2 === 0 ? -60 : 60;
    const init = { clientX: x, clientY: y, deltaY, bubbles: true, cancelable: true };
    target.dispatchEvent(new WheelEvent("wheel", init));
    i += 1;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})
"""


def pan_and_zoom(page: Page, centre: tuple[float, float]) -> dict[str, tuple[list[float], list[float]]]:
    x, y = centre

    def pan() -> None:
        # Real mouse input: a middle-button drag, one move per call.
        page.mouse.move(x, y)
        page.mouse.down(button="middle")
        for i in range(FRAMES):
            page.mouse.move(x + 200 * math.sin(i / 12), y + 120 * math.cos(i / 15))
        page.mouse.up(button="middle")

    def zoom() -> None:
        # One wheel step per frame, zooming in and out about the centre.
        page.evaluate(ZOOM_DRIVER, [x, y, FRAMES])

    return {"pan": frame_stats(page, pan), "zoom": frame_stats(page, zoom)}


def work_after(page: Page, event: str, since: float) -> list[float]:
    """For each `event` after `since`: its handling time plus the frame callbacks that followed it."""
    events = [e for e in page.evaluate("window.__events") if e[0] == event and e[1] >= since]
    frames = page.evaluate("window.__frames")
    out = []
    for _, start, duration in events:
        following = [f for f in frames if f[0] >= start]
        first = min((f[0] for f in following), default=None)
        frame = sum(d for s, d in following if first is not None and s - first < 4)
        out.append(duration + frame)
    return out


def select_and_move(page: Page, host_box: FloatRect) -> tuple[float, list[float], float]:
    scale, ox, oy = (
        float(page.get_by_test_id("workspace-canvas").get_attribute(a) or "nan")
        for a in ("data-scale", "data-offset-x", "data-offset-y")
    )
    x1, y1, x2, y2 = box_at(50, 50)
    px = host_box["x"] + ox + (x1 + x2) / 2 * scale
    py = host_box["y"] + oy + (y1 + y2) / 2 * scale
    page.mouse.move(px, py)
    page.wait_for_timeout(200)
    t0 = page.evaluate("performance.now()")
    page.mouse.down()
    page.mouse.up()
    page.wait_for_timeout(200)
    select = work_after(page, "pointerdown", t0)[0]
    if page.locator("[data-testid=selection-panel]").count() != 1:
        raise RuntimeError("the click did not select the object")
    t1 = page.evaluate("performance.now()")
    page.mouse.down()
    for i in range(1, 31):
        page.mouse.move(px + i * 2, py + i)
    page.mouse.up()
    page.wait_for_timeout(300)
    moves = work_after(page, "pointermove", t1)
    commit = work_after(page, "pointerup", t1)[0]
    return select, moves, commit


def main() -> None:
    with serve() as server:
        started = time.perf_counter()
        job = prepare(server)
        took = time.perf_counter() - started
        print(f"editor bench: 10,000 boxes + 1,000 polygons of {POLYGON_POINTS} points made in {took:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(
                viewport=VIEWPORT, extra_http_headers={"Authorization": f"Bearer {server.token}"}
            )
            context.add_init_script(PROBE)
            page = context.new_page()
            url = f"http://127.0.0.1:{server.port}/jobs/{job}"
            cold = open_ms(page, url)
            warm = open_ms(page, url)
            count = page.get_by_test_id("workspace").get_attribute("data-objects")
            if count != "11000":
                raise RuntimeError(f"the workspace shows {count} objects, not 11000")
            report(BENCH, "open image + 11,000 objects, cold (ms)", cold, "ms", "≤ 1000")
            report(BENCH, "open image + 11,000 objects, warm (ms)", warm, "ms", "≤ 1000")
            report(BENCH, "JS heap after open (MB)", heap_mb(page), "MB")
            host = page.get_by_test_id("workspace-canvas").bounding_box()
            assert host is not None
            centre = (host["x"] + host["width"] / 2, host["y"] + host["height"] / 2)
            for name, (intervals, work) in pan_and_zoom(page, centre).items():
                med = statistics.median(intervals)
                report(BENCH, f"{name}: median frame time (ms)", med, "ms")
                report(BENCH, f"{name}: median fps", 1000 / med, "fps", "≥ 50")
                report(BENCH, f"{name}: p95 frame time (ms)", percentile(intervals, 95), "ms")
                report(BENCH, f"{name}: median work per frame (ms)", statistics.median(work), "ms", "≤ 20")
                report(BENCH, f"{name}: p95 work per frame (ms)", percentile(work, 95), "ms")
            page.keyboard.press("0")  # fit again
            page.wait_for_timeout(300)
            select, moves, commit = select_and_move(page, host)
            report(BENCH, "select one object: event + frame (ms)", select, "ms", "≤ 16")
            report(BENCH, "move one object: median per move (ms)", statistics.median(moves), "ms", "≤ 16")
            report(BENCH, "move one object: p95 per move (ms)", percentile(moves, 95), "ms", "≤ 16")
            report(BENCH, "move one object: drop + commit (ms)", commit, "ms", "≤ 16")
            report(BENCH, "JS heap after editing (MB)", heap_mb(page), "MB")
            browser.close()


if __name__ == "__main__":
    main()
