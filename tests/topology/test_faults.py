"""Faults on the scaled topology: a worker killed in the middle of an export, an API process killed
while clients save. Nothing acknowledged is lost and nothing is left half-written."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
from PIL import Image

from tests.topology.cluster import Cluster
from tests.topology.workload import boxes, jpeg, ok, project_with_images, wait_for_job

EXPORT_IMAGES = 200  # noisy ones: an export that writes for about a second here
SAVERS = 4
BOXES_PER_SAVE = 5


def test_an_export_whose_worker_is_killed_completes_whole_on_a_new_worker(scaled_only: Cluster) -> None:
    cluster = scaled_only
    with cluster.admin() as admin:
        images = [noisy_jpeg(i) for i in range(EXPORT_IMAGES)]
        world = project_with_images(admin, f"Killed export {uuid.uuid4().hex[:6]}", images)
        saved = [boxes(world["labels"]["car"], frame, 1)[0] for frame in range(0, EXPORT_IMAGES, 3)]
        diff = {"shapes": {"create": saved}}
        ok(
            admin.patch(
                f"/api/jobs/{world['jobs'][0]['id']}/annotations", json=diff, headers={"If-Match": '"0"'}
            )
        )
        body = {"format": "coco", "with_images": True}
        earlier = set((cluster.data_dir / "jobs").glob("*"))
        export_id = ok(admin.post(f"/api/projects/{world['project']['id']}/exports", json=body), 202)["id"]
        first_attempt = new_export_folder(cluster.data_dir / "jobs", earlier)
        folder = first_attempt.parent

        cluster.kill_workers()
        killed_at = ok(admin.get(f"/api/background-jobs/{export_id}"))
        half_written = sorted(p.name for p in first_attempt.iterdir())
        cluster.start_worker("--stale-after", "6")
        done = wait_for_job(admin, export_id, timeout=180)
        archive = admin.get(f"/api/background-jobs/{export_id}/download")

    assert killed_at["status"] == "running" and killed_at["attempt"] == 1, killed_at
    assert half_written == [done["result"]["file_name"]]
    assert done["status"] == "succeeded" and done["attempt"] == 2, done
    with zipfile.ZipFile(io.BytesIO(archive.content)) as exported:
        assert exported.testzip() is None
        assert len([name for name in exported.namelist() if name.endswith(".jpg")]) == EXPORT_IMAGES
        annotations = json.loads(exported.read("annotations/instances_default.json"))
    assert len(annotations["images"]) == EXPORT_IMAGES and len(annotations["annotations"]) == len(saved)
    assert done["result"]["size_bytes"] == len(archive.content)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "export-2",
        f"export-2/{done['result']['file_name']}",
    ]


def noisy_jpeg(seed: int) -> bytes:
    """A 480x360 JPEG of noise (about 170 KB): data volume that keeps an export busy for a while."""
    out = io.BytesIO()
    pixels = np.random.default_rng(seed).integers(0, 255, (360, 480, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(out, "JPEG", quality=90)
    return out.getvalue()


def new_export_folder(jobs: Path, earlier: set[Path]) -> Path:
    """Waits (polling the shared data folder often) for a worker to write in `jobs/<new>/export-1`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for folder in set(jobs.glob("*")) - earlier:
            if (folder / "export-1").exists() and any((folder / "export-1").iterdir()):
                return folder / "export-1"
        time.sleep(0.005)
    raise AssertionError(f"no new export folder under {jobs} in 120 s")


@dataclass
class Saves:
    """Each save's shape ids and how it was answered (an HTTP status, or 0 when the connection broke)."""

    answered: list[tuple[set[str], int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ids: set[str], status: int) -> None:
        with self.lock:
            self.answered.append((ids, status))


def test_saves_answered_200_survive_an_api_process_killed_mid_stream(scaled_only: Cluster) -> None:
    cluster = scaled_only
    headers = cluster.auth_headers()
    with cluster.admin() as admin:
        world = project_with_images(admin, f"Killed API {uuid.uuid4().hex[:6]}", [jpeg(7)])
    job_id, car = world["jobs"][0]["id"], world["labels"]["car"]
    saves, stop = Saves(), threading.Event()

    def save_in_a_loop() -> None:
        with httpx.Client(base_url=cluster.url, headers=headers, timeout=30) as client:
            revision: str | None = None
            while not stop.is_set():
                try:
                    revision = revision or client.get(f"/api/jobs/{job_id}/annotations").headers["ETag"]
                except httpx.TransportError:
                    continue
                shapes = boxes(car, 0, BOXES_PER_SAVE)
                diff = {"shapes": {"create": shapes}}
                try:
                    answer = client.patch(
                        f"/api/jobs/{job_id}/annotations", json=diff, headers={"If-Match": revision}
                    )
                    status, revision = answer.status_code, answer.headers.get("ETag")
                except httpx.TransportError:
                    status, revision = 0, None
                saves.add({shape["id"] for shape in shapes}, status)

    savers = [threading.Thread(target=save_in_a_loop) for _ in range(SAVERS)]
    for saver in savers:
        saver.start()
    time.sleep(2)
    before = cluster.api_processes()
    os.kill(before[0], signal.SIGKILL)
    answered_at_kill = len(saves.answered)
    time.sleep(4)
    stop.set()
    for saver in savers:
        saver.join(timeout=60)
    after = replaced(cluster, before[0])
    with cluster.admin() as admin:
        document = ok(admin.get(f"/api/jobs/{job_id}/annotations"))

    stored = {shape["id"] for shape in document["shapes"]}
    acknowledged = [ids for ids, status in saves.answered if status == 200]
    assert all(ids <= stored for ids in acknowledged)
    assert all(ids <= stored or not ids & stored for ids, _ in saves.answered)
    assert document["revision"] == len([ids for ids, _ in saves.answered if ids <= stored])
    assert len(stored) == BOXES_PER_SAVE * document["revision"]
    assert {status for _, status in saves.answered} <= {200, 409, 0}
    assert len([1 for _, status in saves.answered[answered_at_kill:] if status == 200]) > 0
    assert len(after) == 2 and before[0] not in after


def replaced(cluster: Cluster, killed: int) -> list[int]:
    """The API processes once the supervisor has started one in place of `killed`."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = cluster.api_processes()
        if len(running) == 2 and killed not in running:
            return running
        time.sleep(0.2)
    return cluster.api_processes()
