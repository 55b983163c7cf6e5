"""The same scenario, over HTTP only, on both topologies: embedded (SQLite, local files, embedded
queue) and scaled (PostgreSQL, S3, Redis, 2 API processes, 2 worker processes)."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile

import httpx

from tests.topology.cluster import Cluster, bucket_keys
from tests.topology.workload import boxes, jpeg, ok, project_with_images, wait_for_job

IMAGES = [jpeg(i) for i in range(4)]


def test_a_project_is_annotated_exported_and_imported_again_over_http(cluster: Cluster) -> None:
    name = f"Scenario {uuid.uuid4().hex[:6]}"
    with cluster.admin() as alice, cluster.admin() as bob:
        world = project_with_images(alice, name, IMAGES)
        media, car = world["media"], world["labels"]["car"]
        job_id = world["jobs"][0]["id"]

        if cluster.kind == "scaled":
            keys = bucket_keys(cluster)
            assert all(any(key.endswith(hashlib.sha256(data).hexdigest()) for key in keys) for data in IMAGES)
        for item, data in zip(media, IMAGES, strict=True):
            assert alice.get(f"/api/media/{item['id']}/original").content == data
            thumbnail = bob.get(f"/api/media/{item['id']}/thumbnail")
            assert thumbnail.status_code == 200 and thumbnail.headers["content-type"] == "image/jpeg"

        path = f"/api/jobs/{job_id}/annotations"
        first = ok(
            alice.patch(path, json={"shapes": {"create": boxes(car, 0, 2)}}, headers={"If-Match": '"0"'})
        )
        second = ok(
            bob.patch(path, json={"shapes": {"create": boxes(car, 1, 1)}}, headers={"If-Match": '"1"'})
        )
        stale = alice.patch(path, json={"shapes": {"create": boxes(car, 2, 1)}}, headers={"If-Match": '"1"'})
        documents = [client.get(f"/api/jobs/{job_id}/annotations").json() for client in (alice, bob) * 10]

        exported = ok(alice.post(f"/api/projects/{world['project']['id']}/exports",
                                 json={"format": "coco", "with_images": True}), 202)  # fmt: skip
        export_job = wait_for_job(bob, exported["id"])
        archive = bob.get(f"/api/background-jobs/{exported['id']}/download")

        again = ok(alice.post("/api/projects", json={"name": f"{name} again"}), 201)
        upload = {"file": ("export.zip", archive.content, "application/zip")}
        imported = ok(
            alice.post(f"/api/projects/{again['id']}/imports", files=upload, data={"format": "coco"}), 202
        )
        import_job = wait_for_job(alice, imported["id"])
        metrics = httpx.get(f"{cluster.url}/metrics", timeout=30).text

    assert (first["revision"], second["revision"], stale.status_code) == (1, 2, 409)
    assert {document["revision"] for document in documents} == {2}
    assert {len(document["shapes"]) for document in documents} == {3}
    assert export_job["status"] == "succeeded", export_job
    with zipfile.ZipFile(io.BytesIO(archive.content)) as exported_zip:
        assert exported_zip.testzip() is None
        assert len([n for n in exported_zip.namelist() if n.endswith(".jpg")]) == len(IMAGES)
    assert import_job["status"] == "succeeded", import_job
    new_task = import_job["result"]["tasks"][0]
    assert new_task["new_media"] + new_task["matched_media"] == len(IMAGES)
    with cluster.admin() as carol:
        new_job = carol.get("/api/jobs", params={"task_id": new_task["id"]}).json()["items"][0]
        assert len(carol.get(f"/api/jobs/{new_job['id']}/annotations").json()["shapes"]) == 3
    assert 'annota_background_jobs{kind="export",status="succeeded"}' in metrics
    assert 'annota_background_jobs{kind="import",status="succeeded"}' in metrics
