"""Dataset imports and exports over HTTP, as background jobs run by real worker threads."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from annota.formats.registry import FormatRegistry
from annota.jobs.workers import EmbeddedWorkers
from annota.settings import Settings
from tests.api.conftest import Users, assert_error
from tests.api.media_files import jpeg
from tests.jobs.support import (
    annotated_project,
    paced_registry,
    queue,
    wait_for_job,
    worker_formats,
    workers,
)

__all__ = ["queue", "worker_formats", "workers"]


def export(client: TestClient, project_id: int, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/api/projects/{project_id}/exports", json={"format": "coco", **body})
    assert answer.status_code == 202, answer.text
    job: dict[str, Any] = answer.json()
    return job


def start_import(client: TestClient, project_id: int, name: str, data: bytes, **form: str) -> dict[str, Any]:
    answer = client.post(f"/api/projects/{project_id}/imports", files={"file": (name, data)}, data=form)
    assert answer.status_code == 202, answer.text
    job: dict[str, Any] = answer.json()
    return job


def test_an_export_and_its_import_round_trip_through_background_jobs(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    source = annotated_project(alice, images=4)

    queued = export(alice, source["project"]["id"], with_images=True)
    assert queued["status"] == "queued" and queued["kind"] == "export" and queued["download_url"] is None
    done = wait_for_job(alice, queued["id"])
    assert done["status"] == "succeeded", (done["message"], done["errors"])
    assert done["progress"] == 1.0 and done["attempt"] == 1 and "file" not in done["result"]
    assert done["result"]["items"] == 4 and done["result"]["counts"] == {"rectangle": 2}
    download = alice.get(done["download_url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    assert len(download.content) == done["result"]["size_bytes"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert sorted(n for n in names if n.startswith("images/")) == [f"images/img_{i}.jpg" for i in range(4)]

    target = alice.post("/api/projects", json={"name": "Copy"}).json()
    imported = wait_for_job(alice, start_import(alice, target["id"], "cars.zip", download.content)["id"])
    assert imported["status"] == "succeeded", imported
    assert imported["result"]["format"] == "coco" and imported["result"]["labels_created"] == [
        "car",
        "person",
    ]
    assert imported["result"]["counts"]["rectangle"] == 2
    task = imported["result"]["tasks"][0]
    assert task["new_media"] == 4
    job = alice.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]
    shapes = alice.get(f"/api/jobs/{job['id']}/annotations").json()["shapes"]
    assert sorted((s["frame"], s["points"]) for s in shapes) == sorted(
        (b["frame"], b["points"]) for b in source["boxes"]
    )


def test_an_export_of_one_task_only_holds_that_task(alice: TestClient, workers: EmbeddedWorkers) -> None:
    source = annotated_project(alice, images=2)
    other = alice.post("/api/tasks", json={"project_id": source["project"]["id"], "name": "empty"}).json()

    done = wait_for_job(alice, export(alice, source["project"]["id"], task_id=other["id"])["id"])

    assert done["status"] == "succeeded" and done["result"]["items"] == 0


def test_an_import_that_detects_its_format_says_which_and_how_sure(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    source = annotated_project(alice)
    exported = wait_for_job(alice, export(alice, source["project"]["id"], with_images=True)["id"])
    data = alice.get(exported["download_url"]).content

    done = wait_for_job(alice, start_import(alice, source["project"]["id"], "again.zip", data)["id"])

    assert done["status"] == "succeeded", (done["message"], done["errors"])
    assert done["result"]["format"] == "coco" and done["result"]["confidence"] > 0
    assert done["result"]["tasks"][0]["matched_media"] == 0  # a new task named after the project


def test_a_refused_dataset_fails_with_every_problem_located_and_imports_nothing(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()
    box = {"label": "car", "shape_type": "rectangle", "points": [[0, 0]], "group_id": None, "flags": {}}
    polygon = {**box, "shape_type": "polygon", "points": [[0, 0], [1, 1]]}
    labelme = {"version": "5.0.1", "flags": {}, "shapes": [box, polygon], "imagePath": "a.jpg"}
    labelme |= {"imageData": None, "imageHeight": 10, "imageWidth": 10}

    job = start_import(alice, project["id"], "a.json", orjson.dumps(labelme), format="labelme")
    done = wait_for_job(alice, job["id"])

    assert done["status"] == "failed" and done["result"] is None
    assert done["message"] == "the dataset was refused: 2 problem(s)"
    assert [e["loc"] for e in done["errors"]] == [
        ["a.json", "shapes", 0, "points"],
        ["a.json", "shapes", 1, "points"],
    ]
    assert all(set(e) == {"loc", "msg", "type"} for e in done["errors"])
    assert alice.get("/api/tasks", params={"project_id": project["id"]}).json()["count"] == 0
    assert alice.get(f"/api/projects/{project['id']}/labels").json() == []


def test_an_unknown_format_is_refused_before_anything_is_queued(alice: TestClient) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()

    answer = alice.post(f"/api/projects/{project['id']}/exports", json={"format": "nope"})
    assert_error(answer, 422, "unknown_format", ["body", "format"])
    answer = alice.post(
        f"/api/projects/{project['id']}/imports", files={"file": ("a.json", b"{}")}, data={"format": "nope"}
    )
    assert_error(answer, 422, "unknown_format", ["body", "format"])
    assert alice.get("/api/background-jobs").json()["count"] == 0


def test_an_upload_over_the_limit_is_refused_with_413(
    users: Users, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = users.client("alice")
    project = alice.post("/api/projects", json={"name": "P"}).json()
    monkeypatch.setattr(
        alice.app.state, "settings", Settings(data_dir=settings.data_dir, max_upload_bytes=10)
    )  # type: ignore[attr-defined]

    answer = alice.post(f"/api/projects/{project['id']}/imports", files={"file": ("big.json", b"x" * 11)})

    assert_error(answer, 413, "too_large", ["body", "file"])
    assert alice.get("/api/background-jobs").json()["count"] == 0
    assert not any((settings.data_dir / "jobs").glob("*/upload/*"))


def test_someone_who_cannot_see_the_project_can_neither_start_nor_see_nor_download(
    alice: TestClient, bob: TestClient, workers: EmbeddedWorkers
) -> None:
    project_id = annotated_project(alice)["project"]["id"]
    done = wait_for_job(alice, export(alice, project_id)["id"])

    assert_error(bob.post(f"/api/projects/{project_id}/exports", json={"format": "coco"}), 404, "not_found")
    assert_error(
        bob.post(f"/api/projects/{project_id}/imports", files={"file": ("a.json", b"{}")}), 404, "not_found"
    )
    assert_error(bob.get(f"/api/background-jobs/{done['id']}"), 404, "not_found")
    assert_error(bob.get(f"/api/background-jobs/{done['id']}/download"), 404, "not_found")
    assert_error(bob.post(f"/api/background-jobs/{done['id']}/cancel"), 404, "not_found")
    assert bob.get("/api/background-jobs").json()["count"] == 0


class TestProgressAndCancellation:
    """Formats that pause between items let the test watch (and stop) a job half-way."""

    seen: list[dict[str, Any]]

    @pytest.fixture
    def watcher(self, users: Users) -> TestClient:
        return users.client("alice")

    @pytest.fixture
    def canceller(self, users: Users) -> TestClient:
        return users.client("alice")

    @pytest.fixture
    def worker_formats(self, watcher: TestClient, canceller: TestClient) -> Iterator[FormatRegistry]:
        self.seen = []
        self.job_id = 0
        self.cancel_at: int | None = None
        cancels: list[threading.Thread] = []

        def on_item(count: int) -> None:
            self.seen.append(watcher.get(f"/api/background-jobs/{self.job_id}").json())
            if count == self.cancel_at:
                # From another thread, like another browser tab: on SQLite the cancel request waits
                # for the import's write lock, which the import only gives up once it saw the signal.
                url = f"/api/background-jobs/{self.job_id}/cancel"
                cancels.append(threading.Thread(target=canceller.post, args=(url,)))
                cancels[-1].start()

        yield paced_registry(on_item)
        for thread in cancels:  # the cancel answered before its client closes
            thread.join(timeout=60)

    def test_an_export_reports_progress_while_it_writes(
        self, alice: TestClient, workers: EmbeddedWorkers
    ) -> None:
        project_id = annotated_project(alice, images=4)["project"]["id"]
        self.job_id = export(alice, project_id)["id"]

        done = wait_for_job(alice, self.job_id)

        assert done["status"] == "succeeded"
        running = [job for job in self.seen if job["status"] == "running"]
        assert len(running) == 4
        progress = [job["progress"] for job in running]
        assert progress == sorted(progress) and 0 < progress[-1] < 1, progress
        assert running[-1]["message"].endswith("of 4 items written")

    def test_a_cancelled_import_stops_between_items_and_leaves_nothing(
        self, alice: TestClient, workers: EmbeddedWorkers, settings: Settings
    ) -> None:
        source = annotated_project(alice, images=6)
        self.job_id = export(alice, source["project"]["id"], with_images=True)["id"]
        data = alice.get(wait_for_job(alice, self.job_id)["download_url"]).content
        target = alice.post("/api/projects", json={"name": "Target"}).json()
        self.seen.clear()
        self.cancel_at = 2

        self.job_id = start_import(alice, target["id"], "cars.zip", data)["id"]
        done = wait_for_job(alice, self.job_id)

        assert done["status"] == "cancelled" and done["cancel_requested"] is True, done
        assert len(self.seen) < 6 and self.seen[0]["status"] == "running"
        assert alice.get("/api/tasks", params={"project_id": target["id"]}).json()["count"] == 0
        assert alice.get(f"/api/projects/{target['id']}/labels").json() == []
        assert not any(Path(settings.data_dir, "jobs").glob("*/upload/*"))
        again = alice.post(f"/api/background-jobs/{self.job_id}/cancel")
        assert again.status_code == 200 and again.json()["status"] == "cancelled"

    def test_a_cancelled_export_leaves_no_file_to_download(
        self, alice: TestClient, workers: EmbeddedWorkers
    ) -> None:
        project_id = annotated_project(alice, images=6)["project"]["id"]
        self.cancel_at = 2
        self.job_id = export(alice, project_id)["id"]

        done = wait_for_job(alice, self.job_id)

        assert done["status"] == "cancelled" and done["download_url"] is None
        assert_error(alice.get(f"/api/background-jobs/{self.job_id}/download"), 409, "not_ready")


def test_an_import_goes_into_its_project_even_when_someone_else_has_one_of_the_same_name(
    alice: TestClient, bob: TestClient, workers: EmbeddedWorkers
) -> None:
    source = annotated_project(alice, name="Cars")
    data = alice.get(
        wait_for_job(alice, export(alice, source["project"]["id"], with_images=True)["id"])["download_url"]
    )
    bob.post("/api/projects", json={"name": "Cars"})

    done = wait_for_job(alice, start_import(alice, source["project"]["id"], "again.zip", data.content)["id"])

    assert done["status"] == "succeeded", done["errors"]


def test_the_formats_listing_says_what_each_format_carries_and_the_options_it_takes(
    alice: TestClient,
) -> None:
    listed = {f["name"]: f for f in alice.get("/api/formats").json()}

    assert "coco" in listed and listed["coco"]["options"] == []
    assert listed["cvat_video"]["carries"]["tracks"] is True and listed["mot"]["can_export"] is True
    assert listed["voc"]["options"] == [
        {
            "name": "layout",
            "kind": "choice",
            "direction": "export",
            "default": "full",
            "choices": ["full", "flat"],
            "help": "the VOC folder tree (full) or every file in one folder (flat)",
        }
    ]


def test_an_export_option_shapes_the_archive_and_is_named_in_the_result(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    source = annotated_project(alice, images=2)

    done = wait_for_job(
        alice, export(alice, source["project"]["id"], format="voc", options={"layout": "flat"})["id"]
    )

    assert done["status"] == "succeeded", (done["message"], done["errors"])
    assert done["result"]["options"] == {"layout": "flat"}
    names = zipfile.ZipFile(io.BytesIO(alice.get(done["download_url"]).content)).namelist()
    assert sorted(names) == ["img_0.xml", "img_1.xml"]


def test_a_bad_option_is_refused_with_its_place_before_anything_is_queued(alice: TestClient) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()
    url = f"/api/projects/{project['id']}"

    answer = alice.post(f"{url}/exports", json={"format": "masks", "options": {"foo": 1, "mode": "rainbow"}})
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"loc": ["body", "options", "foo"], "msg": 'the masks format has no option "foo" (it has: mode)',
         "type": "bad_option"},
        {"loc": ["body", "options", "mode"], "msg": "expected one of palette, color, got 'rainbow'",
         "type": "bad_option"},
    ]  # fmt: skip
    form = {"format": "label_studio", "options": '{"frame_width": "wide"}'}
    answer = alice.post(f"{url}/imports", files={"file": ("a.json", b"[]")}, data=form)
    assert_error(answer, 422, "bad_option", ["body", "options", "frame_width"])
    answer = alice.post(f"{url}/imports", files={"file": ("a.json", b"[]")}, data={"options": "[1]"})
    assert_error(answer, 422, "dict_type", ["body", "options"])
    assert alice.get("/api/background-jobs").json()["count"] == 0


def test_an_import_option_reaches_the_reader_and_a_bad_one_fails_the_job_once_the_format_is_detected(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()
    region = {"shape_attributes": {"name": "rect", "x": 1, "y": 1, "width": 2, "height": 2},
              "region_attributes": {}}  # fmt: skip
    via = {"a.jpg10": {"filename": "a.jpg", "size": 10, "regions": [region], "file_attributes": {}}}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("via.json", orjson.dumps(via))
        zf.writestr("a.jpg", jpeg())

    good = start_import(
        alice, project["id"], "via.zip", archive.getvalue(), options='{"default_label": "box"}'
    )
    bad = start_import(alice, project["id"], "via.zip", archive.getvalue(), options='{"variant": "csv"}')

    done = wait_for_job(alice, good["id"])
    assert done["status"] == "succeeded", (done["message"], done["errors"])
    assert done["result"]["format"] == "via" and done["result"]["labels_created"] == ["box"]
    failed = wait_for_job(alice, bad["id"])
    assert failed["status"] == "failed" and [e["loc"] for e in failed["errors"]] == [["options", "variant"]]
    assert failed["errors"][0]["msg"].startswith('the via format has no import option "variant"')


def test_an_import_result_lists_what_was_read_but_not_kept_with_its_place(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    project = alice.post("/api/projects", json={"name": "P"}).json()
    rectangle = {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": ["cat"]}
    spans = {"id": "s", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["name"]}}
    results = [
        {"id": "r", "type": "rectanglelabels", "original_width": 8, "original_height": 8, "value": rectangle},
        spans,
        {**spans, "id": "t"},
    ]
    tasks = [{"id": 1, "data": {"image": "a.jpg"}, "annotations": [{"id": 1, "result": results}]}]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("tasks.json", orjson.dumps(tasks))
        zf.writestr("a.jpg", jpeg())

    done = wait_for_job(alice, start_import(alice, project["id"], "ls.zip", archive.getvalue())["id"])

    assert done["status"] == "succeeded", (done["message"], done["errors"])
    assert done["result"]["counts"] == {"rectangle": 1, "tracks": 0}
    assert done["result"]["warnings"] == [
        {"loc": ["tasks.json", 0, "annotations", 0, "result", 1, "type"],
         "msg": "'labels' results are not kept", "count": 2}
    ]  # fmt: skip


def test_an_export_is_in_the_projects_audit_log_with_who_and_which_format(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    source = annotated_project(alice, images=2)
    project_id = source["project"]["id"]

    done = wait_for_job(alice, export(alice, project_id, format="voc", options={"layout": "flat"})["id"])

    assert done["status"] == "succeeded", (done["message"], done["errors"])
    log = alice.get(f"/api/projects/{project_id}/audit", params={"action": "export"}).json()["items"]
    assert [(e["actor_name"], e["entity_type"], e["entity_id"], e["project_id"]) for e in log] == [
        ("alice", "project", str(project_id), project_id)
    ]
    assert log[0]["summary"] == {
        "format": "voc",
        "options": {"layout": "flat"},
        "items": 2,
        "counts": {"rectangle": 1},
        "task_id": None,
        "with_images": False,
        "annotated_only": False,
        "job_id": done["id"],
    }
