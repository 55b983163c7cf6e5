"""What the topology tests and the load benchmark do over HTTP: a project with labels and a task of
generated images, boxes to save, and polling a background job."""

from __future__ import annotations

import io
import time
import uuid
from typing import Any

import httpx
from PIL import Image

FINISHED = ("succeeded", "failed", "cancelled")
LABELS = [{"name": "car", "kind": "rectangle"}, {"name": "person"}]


def jpeg(index: int, width: int = 64, height: int = 48) -> bytes:
    """A small JPEG whose colour (and so content hash) depends on `index`."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (index % 251, index // 251 % 251, 120)).save(out, "JPEG")
    return out.getvalue()


def ok(answer: httpx.Response, status: int = 200) -> Any:
    if answer.status_code != status:
        raise AssertionError(
            f"{answer.request.method} {answer.request.url}: {answer.status_code} {answer.text}"
        )
    return answer.json() if answer.content else None


def project_with_images(
    client: httpx.Client, name: str, images: list[bytes], *, segment_size: int = 0, batch: int = 50
) -> dict[str, Any]:
    """A project with LABELS and one task of `images` (uploaded in batches); its labels, media and jobs."""
    project = ok(client.post("/api/projects", json={"name": name, "labels": LABELS}), 201)
    body = {"project_id": project["id"], "name": f"{name} task", "segment_size": segment_size}
    task = ok(client.post("/api/tasks", json=body), 201)
    for start in range(0, len(images), batch):
        files = [
            ("files", (f"img_{start + i:05d}.jpg", data))
            for i, data in enumerate(images[start : start + batch])
        ]
        ok(client.post(f"/api/tasks/{task['id']}/media", files=files), 201)
    labels = {label["name"]: label["id"] for label in ok(client.get(f"/api/projects/{project['id']}/labels"))}
    return {
        "project": project,
        "task": task,
        "labels": labels,
        "media": every_page(client, f"/api/tasks/{task['id']}/media"),
        "jobs": every_page(client, "/api/jobs", task_id=task["id"]),
    }


def every_page(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        answer = ok(client.get(path, params={**params, "page": page, "page_size": 100}))
        items += answer["items"]
        if len(items) >= answer["count"] or not answer["items"]:
            return items
        page += 1


def boxes(label_id: int, frame: int, count: int, shift: float = 0.0) -> list[dict[str, Any]]:
    """`count` rectangles on `frame`, each with a new id."""
    return [
        {"id": str(uuid.uuid4()), "kind": "rectangle", "label_id": label_id, "frame": frame,
         "points": [1.0 + i + shift, 2.0 + shift, 10.0 + i + shift, 12.0 + shift]}
        for i in range(count)
    ]  # fmt: skip


def wait_for_job(client: httpx.Client, job_id: int, *, timeout: float = 120) -> dict[str, Any]:
    """Polls the background job until it has finished; returns its last state."""
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = ok(client.get(f"/api/background-jobs/{job_id}"))
        if job["status"] in FINISHED:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"background job {job_id} still {job['status']} after {timeout} s: {job}")
        time.sleep(0.1)
