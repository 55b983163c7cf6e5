"""Background job records over HTTP: who sees them, cancelling, downloads, surviving a restart."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from annota.jobs.queue import JobQueue, open_queue
from annota.jobs.workers import EmbeddedWorkers, WorkerOptions
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.conftest import Users, assert_error
from tests.jobs.support import (
    annotated_project,
    queue,
    wait_for_job,
    worker_formats,
    workers,
)

__all__ = ["queue", "worker_formats", "workers"]


def export(client: TestClient, project_id: int, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/api/projects/{project_id}/exports", json={"format": "yolo", **body})
    assert answer.status_code == 202, answer.text
    job: dict[str, Any] = answer.json()
    return job


def ids(client: TestClient, **params: Any) -> list[int]:
    answer = client.get("/api/background-jobs", params=params)
    assert answer.status_code == 200, answer.text
    return [job["id"] for job in answer.json()["items"]]


def organisation_project(users: Users) -> dict[str, Any]:
    """acme: alice owns it, bob manages, carol annotates (with no job); a project of acme with images."""
    alice, bob, carol = users.client("alice"), users.client("bob"), users.client("carol")
    org = alice.post("/api/organizations", json={"slug": "acme", "name": "Acme"}).json()
    for name, role in (("bob", "manager"), ("carol", "annotator")):
        answer = alice.post(f"/api/organizations/{org['id']}/members", json={"username": name, "role": role})
        assert answer.status_code == 201, answer.text
    project = alice.post("/api/projects", json={"name": "Shared", "organization_id": org["id"]}).json()
    task = alice.post("/api/tasks", json={"project_id": project["id"], "name": "T"}).json()
    return {"alice": alice, "bob": bob, "carol": carol, "org": org, "project": project, "task": task}


def test_a_job_is_seen_by_its_starter_and_the_projects_managers_only(users: Users) -> None:
    world = organisation_project(users)
    alice, bob, carol = world["alice"], world["bob"], world["carol"]
    project_id = world["project"]["id"]
    by_alice = export(alice, project_id)["id"]
    by_bob = export(bob, project_id)["id"]
    outsider = users.client("dave")
    elsewhere = export(outsider, outsider.post("/api/projects", json={"name": "Mine"}).json()["id"])["id"]

    assert ids(alice) == [by_bob, by_alice]
    assert ids(bob) == [by_bob, by_alice]
    assert ids(carol) == [] and ids(outsider) == [elsewhere]
    assert ids(alice, kind="export", status="queued", project_id=project_id) == [by_bob, by_alice]
    assert (
        alice.get(f"/api/background-jobs/{by_bob}").json()["created_by"]
        == bob.get("/api/auth/me").json()["id"]
    )
    for stranger in (carol, outsider):
        assert_error(
            stranger.get(f"/api/background-jobs/{by_alice}"), 404, "not_found", ["path", "background job"]
        )
    assert_error(carol.post(f"/api/projects/{project_id}/exports", json={"format": "coco"}), 404, "not_found")


def test_a_starter_who_leaves_the_project_no_longer_sees_the_job(users: Users) -> None:
    world = organisation_project(users)
    job_id = export(world["bob"], world["project"]["id"])["id"]
    bob_id = world["bob"].get("/api/auth/me").json()["id"]

    world["alice"].delete(f"/api/organizations/{world['org']['id']}/members/{bob_id}")

    assert_error(world["bob"].get(f"/api/background-jobs/{job_id}"), 404, "not_found")
    assert ids(world["bob"]) == []


def test_a_queued_job_is_cancelled_at_once_and_never_runs(
    alice: TestClient, settings: Settings, database: Database, queue: JobQueue
) -> None:
    job_id = export(alice, annotated_project(alice)["project"]["id"])["id"]

    cancelled = alice.post(f"/api/background-jobs/{job_id}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancel_requested"] is True
    assert cancelled.json()["finished_at"] is not None

    assert queue.waiting_job_ids() == {job_id}
    with EmbeddedWorkers(settings, database, queue, WorkerOptions()):
        deadline = time.monotonic() + 10
        while queue.waiting_job_ids() and time.monotonic() < deadline:
            time.sleep(0.02)
    assert queue.waiting_job_ids() == set()
    after = alice.get(f"/api/background-jobs/{job_id}").json()
    assert after["status"] == "cancelled" and after["attempt"] == 0 and after["result"] is None


def test_a_finished_job_cannot_be_cancelled(alice: TestClient, workers: EmbeddedWorkers) -> None:
    job = wait_for_job(alice, export(alice, annotated_project(alice)["project"]["id"])["id"])

    assert job["status"] == "succeeded"
    assert_error(alice.post(f"/api/background-jobs/{job['id']}/cancel"), 409, "conflict")


def test_an_export_has_no_file_before_it_succeeds_and_an_import_never_has_one(alice: TestClient) -> None:
    project_id = annotated_project(alice)["project"]["id"]
    queued = export(alice, project_id)
    imported = alice.post(f"/api/projects/{project_id}/imports", files={"file": ("x.json", b"{}")}).json()

    assert queued["download_url"] is None
    assert_error(alice.get(f"/api/background-jobs/{queued['id']}/download"), 409, "not_ready")
    assert_error(alice.get(f"/api/background-jobs/{imported['id']}/download"), 404, "not_found")


def test_a_job_record_shows_what_was_asked_but_not_where_the_server_keeps_files(alice: TestClient) -> None:
    project_id = annotated_project(alice)["project"]["id"]
    imported = alice.post(
        f"/api/projects/{project_id}/imports", files={"file": ("x.json", b"{}")}, data={"task_name": "More"}
    ).json()
    exported = export(alice, project_id, annotated_only=True)

    assert imported["params"] == {
        "file_name": "x.json",
        "format": None,
        "task_name": "More",
        "size_bytes": 2,
        "options": {},
    }
    assert exported["params"] == {
        "format": "yolo",
        "with_images": False,
        "annotated_only": True,
        "task_id": None,
        "options": {},
    }


def test_a_queued_job_survives_a_restart_of_every_process(
    users: Users, settings: Settings, database: Database
) -> None:
    alice = users.client("alice")
    job_id = export(alice, annotated_project(alice)["project"]["id"])["id"]
    alice.app.state.job_queue.close()  # type: ignore[attr-defined]
    database.dispose()  # the server stops before any worker ran the job

    restarted = Database.open(settings)
    fresh_queue = open_queue(settings)
    try:
        with EmbeddedWorkers(settings, restarted, fresh_queue, WorkerOptions()):
            done = wait_for_job(users.client("alice"), job_id)
    finally:
        fresh_queue.close()
        restarted.dispose()

    assert done["status"] == "succeeded" and done["attempt"] == 1
