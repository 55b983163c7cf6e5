"""Helpers of the workspace browser tests: a project with a label of every kind made through the API,
signing a browser in, and turning image coordinates into mouse positions on the canvas."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Server

SKELETON = {
    "points": [
        {"name": "head", "x": 0.5, "y": 0.0},
        {"name": "left", "x": 0.0, "y": 1.0},
        {"name": "right", "x": 1.0, "y": 1.0},
    ],
    "edges": [[0, 1], [0, 2]],
}

# One label per kind, in this order: keys 1-8 pick them in the workspace.
LABELS: list[dict[str, Any]] = [
    {"name": "car", "kind": "rectangle", "color": "#e69f00", "attributes": [
        {"name": "colour", "kind": "select", "values": ["red", "blue"], "default": "blue"},
        {"name": "plate", "kind": "text", "required": True},
    ]},
    {"name": "road", "kind": "polygon", "color": "#7f7f7f"},
    {"name": "lane", "kind": "polyline", "color": "#f0e442"},
    {"name": "sign", "kind": "points", "color": "#d55e00"},
    {"name": "tree", "kind": "ellipse", "color": "#009e73"},
    {"name": "person", "kind": "skeleton", "color": "#cc79a7", "skeleton": SKELETON},
    {"name": "water", "kind": "mask", "color": "#0072b2"},
    {"name": "weather", "kind": "tag", "color": "#56b4e9", "attributes": [
        {"name": "sky", "kind": "radio", "values": ["clear", "cloudy"], "default": "clear"},
    ]},
]  # fmt: skip


class ApiClient:
    """The server's API as the admin, over HTTP (cookie session + CSRF header)."""

    def __init__(self, server: Server) -> None:
        self.http = httpx.Client(base_url=server.url, timeout=30)
        answer = self.http.post(
            "/api/auth/login", json={"username": server.username, "password": server.password}
        )
        answer.raise_for_status()
        self.http.headers["X-CSRF-Token"] = self.http.cookies.get("annota_csrf") or ""

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.http.request(method, path, **kwargs)
        if answer.status_code >= 400:
            raise AssertionError(f"{method} {path}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None

    def annotations(self, job_id: int) -> dict[str, Any]:
        return dict(self.ok("GET", f"/api/jobs/{job_id}/annotations"))

    def shapes(self, job_id: int, kind: str | None = None) -> list[dict[str, Any]]:
        return [s for s in self.annotations(job_id)["shapes"] if kind is None or s["kind"] == kind]

    def close(self) -> None:
        self.http.close()


def png(width: int, height: int, shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (shade, 120, 160)).save(out, "PNG")
    return out.getvalue()


@dataclass(frozen=True)
class Workbench:
    project_id: int
    task_id: int
    job_ids: list[int]
    labels: dict[str, int]


def create_workbench(api: ApiClient, name: str, images: int = 3, segment_size: int = 0) -> Workbench:
    """A project with a label of every kind, and a task of `images` 640×480 images."""
    project = api.ok(
        "POST",
        "/api/projects",
        json={"name": name, "labels": LABELS, "guidelines": "# Rules\n\nBox every **car**."},
    )
    task = api.ok(
        "POST",
        "/api/tasks",
        json={"project_id": project["id"], "name": f"{name} images", "segment_size": segment_size},
    )
    files = [("files", (f"img{i}.png", png(640, 480, 40 * i), "image/png")) for i in range(images)]
    api.ok("POST", f"/api/tasks/{task['id']}/media", files=files)
    jobs = api.ok("GET", "/api/jobs", params={"task_id": task["id"]})["items"]
    labels = {lb["name"]: lb["id"] for lb in api.ok("GET", f"/api/projects/{project['id']}/labels")}
    return Workbench(project["id"], task["id"], [j["id"] for j in jobs], labels)


def sign_in(context: BrowserContext, server: Server, locale: str = "en") -> None:
    """Signs the browser context in through the API (the login page has its own test), in `locale`
    (the account's language wins over the browser's, and other tests change it)."""
    answer = context.request.post(
        server.url + "/api/auth/login", data={"username": server.username, "password": server.password}
    )
    assert answer.ok, answer.text()
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "annota_csrf")
    answer = context.request.patch(
        server.url + "/api/users/me", data={"locale": locale}, headers={"X-CSRF-Token": csrf}
    )
    assert answer.ok, answer.text()


def open_job(page: Page, server: Server, job_id: int, frame: int | None = None) -> None:
    page.goto(f"{server.url}/jobs/{job_id}" + ("" if frame is None else f"?frame={frame}"))
    wait_ready(page)


def wait_ready(page: Page) -> None:
    expect(page.get_by_test_id("workspace")).to_have_attribute("data-ready", "true", timeout=15_000)


def wait_saved(page: Page) -> None:
    """Waits until the server has every change (an edit shows "pending" at once; this lets it show)."""
    page.wait_for_timeout(50)
    expect(page.get_by_test_id("save-state")).to_have_attribute("data-status", "saved", timeout=10_000)


def to_page(page: Page, x: float, y: float) -> tuple[float, float]:
    """The mouse position over image point (x, y), from the viewport the canvas publishes."""
    host = page.get_by_test_id("workspace-canvas")
    box = host.bounding_box()
    assert box is not None
    scale, ox, oy = (
        float(host.get_attribute(a) or "nan") for a in ("data-scale", "data-offset-x", "data-offset-y")
    )
    return box["x"] + ox + x * scale, box["y"] + oy + y * scale


def to_image(page: Page, px: float, py: float) -> tuple[float, float]:
    """The image point under mouse position (px, py): what the canvas computes for a pointer event."""
    host = page.get_by_test_id("workspace-canvas")
    box = host.bounding_box()
    assert box is not None
    scale, ox, oy = (
        float(host.get_attribute(a) or "nan") for a in ("data-scale", "data-offset-x", "data-offset-y")
    )
    return (px - box["x"] - ox) / scale, (py - box["y"] - oy) / scale


def snap_point(page: Page, x: float, y: float) -> tuple[int, int]:
    """The whole-pixel mouse position nearest image point (x, y) (mouse events carry whole CSS pixels)."""
    px, py = to_page(page, x, y)
    return round(px), round(py)


def click_at(page: Page, x: float, y: float) -> tuple[float, float]:
    """Clicks near image point (x, y); returns the image point actually clicked."""
    px, py = snap_point(page, x, y)
    page.mouse.click(px, py)
    return to_image(page, px, py)


def drag(
    page: Page, start: tuple[float, float], end: tuple[float, float], steps: int = 6
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Drags from one image point to another with the mouse; returns the image points pressed and released."""
    a = snap_point(page, *start)
    b = snap_point(page, *end)
    page.mouse.move(*a)
    page.mouse.down()
    page.mouse.move(*b, steps=steps)
    page.mouse.up()
    return to_image(page, *a), to_image(page, *b)


def object_rows(page: Page) -> int:
    return int(re.sub(r"\D", "", page.get_by_test_id("workspace").get_attribute("data-objects") or "0"))


def save_shapes(api: ApiClient, job_id: int, shapes: list[dict[str, Any]]) -> int:
    """Creates shapes through the API (as another client would); returns the new revision."""
    revision = api.annotations(job_id)["revision"]
    answer = api.ok(
        "PATCH",
        f"/api/jobs/{job_id}/annotations",
        json={"shapes": {"create": shapes}},
        headers={"If-Match": f'"{revision}"'},
    )
    return int(answer["revision"])


def box(
    shape_id: str, label_id: int, frame: int, x1: float, y1: float, x2: float, y2: float
) -> dict[str, Any]:
    return {
        "id": shape_id,
        "kind": "rectangle",
        "label_id": label_id,
        "frame": frame,
        "points": [x1, y1, x2, y2],
        "rotation": 0,
        "attributes": {"colour": "blue", "plate": ""},
    }


class OwnServer:
    """An `annota serve` of the test's own, which the test may stop and start again on the same data."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[str] | None = None
        self.password: str | None = None

    def start(self) -> None:
        log_path = self.data_dir.parent / "own-server.log"
        log = log_path.open("a+")
        offset = log.tell()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "annota", "serve", str(self.data_dir), "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        log.seek(offset)
        output = log.read()
        log.close()
        if self.process.poll() is not None:
            raise AssertionError(f"annota serve did not start:\n{output}")
        found = re.search(r"password: (\S+)", output)
        if found:
            self.password = found.group(1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def as_server(self) -> Server:
        assert self.password is not None, "the first start prints the administrator's password"
        return Server(url=self.url, data_dir=self.data_dir, username="admin", password=self.password)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
