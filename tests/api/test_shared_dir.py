"""API processes and workers on different machines: each with a data directory of its own, sharing the
database, the queue, the media store and `shared_dir`, where background jobs keep their files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annota.jobs.queue import open_queue
from annota.jobs.workers import EmbeddedWorkers, WorkerOptions
from annota.settings import Settings
from annota.storage.db import Database
from tests.jobs.support import annotated_project, wait_for_job


@pytest.fixture
def settings(topology_settings: Settings, tmp_path: Path) -> Settings:
    """The API machine's settings: its own data directory, a shared folder and a shared media store."""
    api_dir = tmp_path / "api-machine"
    api_dir.mkdir()
    if topology_settings.database_url is None:
        shutil.copy(topology_settings.data_dir / "annota.db", api_dir / "annota.db")
    return replace(
        topology_settings,
        data_dir=api_dir,
        shared_dir=tmp_path / "shared",
        media_url=topology_settings.media_url or f"file://{tmp_path / 'media'}",
    )


@pytest.fixture
def worker_machine(settings: Settings, database: Database, tmp_path: Path) -> Iterator[Settings]:
    """A worker with a data directory of its own, on the API's database, queue and shared folder."""
    elsewhere = replace(settings, data_dir=tmp_path / "worker-machine", database_url=settings.db_url)
    queue = open_queue(settings)
    with EmbeddedWorkers(elsewhere, database, queue, WorkerOptions(concurrency=1)):
        yield elsewhere
    queue.close()


def test_an_export_made_on_a_worker_machine_downloads_from_the_api_machine(
    alice: TestClient, settings: Settings, worker_machine: Settings
) -> None:
    project_id = annotated_project(alice, images=3)["project"]["id"]

    queued = alice.post(f"/api/projects/{project_id}/exports", json={"format": "coco", "with_images": True})
    done = wait_for_job(alice, queued.json()["id"])
    download = alice.get(done["download_url"])

    assert done["status"] == "succeeded", done
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert list((settings.job_files_root / "jobs").rglob("*.zip"))
    assert not (settings.data_dir / "jobs").exists() and not (worker_machine.data_dir / "jobs").exists()


def test_a_dataset_uploaded_to_the_api_machine_is_imported_on_the_worker_machine(
    alice: TestClient, settings: Settings, worker_machine: Settings
) -> None:
    source = annotated_project(alice, name="Source", images=2)["project"]["id"]
    exported = alice.post(f"/api/projects/{source}/exports", json={"format": "coco", "with_images": True})
    data = alice.get(wait_for_job(alice, exported.json()["id"])["download_url"]).content
    target = alice.post("/api/projects", json={"name": "Target"}).json()["id"]

    queued = alice.post(f"/api/projects/{target}/imports", files={"file": ("cars.zip", data)})
    done = wait_for_job(alice, queued.json()["id"])

    assert done["status"] == "succeeded", done
    assert alice.get("/api/tasks", params={"project_id": target}).json()["count"] == 1
    assert not (worker_machine.data_dir / "jobs").exists()
