"""The API suite runs on the deployment it was asked for (tests/api/topologies.py): a scaled run that
quietly fell back to SQLite, local files or the embedded queue would prove nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from annota.jobs.queue import JobQueue
from annota.jobs.workers import EmbeddedWorkers
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.media_files import jpeg
from tests.api.topologies import scaled, stored_media
from tests.jobs.support import queue, wait_for_job, worker_formats, workers

__all__ = ["queue", "worker_formats", "workers"]


def test_uploads_saves_and_background_jobs_use_the_configured_engines(
    alice: TestClient, settings: Settings, database: Database, queue: JobQueue, workers: EmbeddedWorkers
) -> None:
    project = alice.post("/api/projects", json={"name": "P", "labels": [{"name": "car"}]}).json()
    task = alice.post("/api/tasks", json={"project_id": project["id"], "name": "T"}).json()

    added = alice.post(f"/api/tasks/{task['id']}/media", files=[("files", ("a.jpg", jpeg(), "image/jpeg"))])
    assert added.status_code == 201, added.text
    exported = alice.post(f"/api/projects/{project['id']}/exports", json={"format": "coco"})
    assert exported.status_code == 202, exported.text
    assert queue.is_redis is scaled()
    assert wait_for_job(alice, exported.json()["id"])["status"] == "succeeded"

    objects = stored_media(settings)
    assert len(objects) == 1
    if scaled():
        assert database.dialect == "postgresql"
        assert objects[0].startswith(settings.media_url.removeprefix("s3://").partition("/")[2])  # type: ignore[union-attr]
    else:
        assert database.dialect == "sqlite"
        assert objects[0].startswith(str(settings.media_dir))
