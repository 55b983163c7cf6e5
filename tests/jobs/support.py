"""Shared by the background-job API tests: worker threads on the test's data directory, polling, data.

Import the fixtures into a test module (``from tests.jobs.support import queue, workers``) to use them.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from annota.formats.base import Dataset, Format, Item, Output, ReadOptions, WriteOptions
from annota.formats.registry import FormatRegistry, load_registry
from annota.jobs.queue import JobQueue, open_queue
from annota.jobs.workers import EmbeddedWorkers, WorkerOptions
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.media_files import jpeg

FINISHED = ("succeeded", "failed", "cancelled")


@pytest.fixture
def queue(settings: Settings) -> Iterator[JobQueue]:
    opened = open_queue(settings)
    yield opened
    if settings.queue_url:  # Redis: the test's queue name goes with it
        opened.huey.flush()
    opened.close()


@pytest.fixture
def worker_formats() -> FormatRegistry | None:
    """The formats the workers use; None: the installed ones. A test module may override it."""
    return None


@pytest.fixture
def workers(
    settings: Settings, database: Database, queue: JobQueue, worker_formats: FormatRegistry | None
) -> Iterator[EmbeddedWorkers]:
    """Two worker threads consuming the test's queue, as `annota serve --workers 2` runs them."""
    options = WorkerOptions(concurrency=2)
    with EmbeddedWorkers(settings, database, queue, options, registry=worker_formats) as running:
        yield running


class PacedFormat:
    """A real format that pauses after each item it reads or writes and tells `on_item` (1, 2, ...),
    so that a test can look at a job, or cancel it, half-way through."""

    def __init__(self, inner: Format, on_item: Callable[[int], None], pause_s: float = 0.3) -> None:
        self.inner, self.on_item, self.pause_s = inner, on_item, pause_s
        self.name, self.title, self.description = inner.name, inner.title, inner.description
        self.carries, self.can_read, self.can_write = inner.carries, inner.can_read, inner.can_write

    def detect(self, path: Path) -> float:
        return self.inner.detect(path)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        dataset = self.inner.read(path, options)
        return dataclasses.replace(dataset, items=self._paced(dataset.items))

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.inner.write(dataclasses.replace(dataset, items=self._paced(dataset.items)), output, options)

    def _paced(self, items: Iterable[Item]) -> Iterator[Item]:
        for count, item in enumerate(items, start=1):
            time.sleep(self.pause_s)
            self.on_item(count)
            yield item


def paced_registry(on_item: Callable[[int], None], pause_s: float = 0.3) -> FormatRegistry:
    return FormatRegistry({f.name: PacedFormat(f, on_item, pause_s) for f in load_registry()})


def annotated_project(client: TestClient, name: str = "Cars", images: int = 4) -> dict[str, Any]:
    """A project with two labels, one task of `images` images and a box on every other image."""
    labels = [{"name": "car", "kind": "rectangle"}, {"name": "person"}]
    project = client.post("/api/projects", json={"name": name, "labels": labels}).json()
    task = client.post("/api/tasks", json={"project_id": project["id"], "name": f"{name} task"}).json()
    files = [("files", (f"img_{i}.jpg", jpeg(colour=(40 * i, 90, 200)))) for i in range(images)]
    assert client.post(f"/api/tasks/{task['id']}/media", files=files).status_code == 201
    job = client.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]
    label_ids = {lb["name"]: lb["id"] for lb in client.get(f"/api/projects/{project['id']}/labels").json()}
    boxes = [
        {"id": str(uuid.uuid4()), "kind": "rectangle", "label_id": label_ids["car"], "frame": frame,
         "points": [1.0 + frame, 2.0, 20.5, 25.25]}
        for frame in range(0, images, 2)
    ]  # fmt: skip
    saved = client.patch(
        f"/api/jobs/{job['id']}/annotations", json={"shapes": {"create": boxes}}, headers={"If-Match": '"0"'}
    )
    assert saved.status_code == 200, saved.text
    return {"project": project, "task": task, "job": job, "labels": label_ids, "boxes": boxes}


def wait_for_job(
    client: TestClient, job_id: int, *, until: tuple[str, ...] = FINISHED, timeout: float = 60
) -> dict[str, Any]:
    """Poll the job as the web app does until its status is one of `until`; returns the last answer."""
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get(f"/api/background-jobs/{job_id}")
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        if job["status"] in until:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s: {job}")
        time.sleep(0.02)
