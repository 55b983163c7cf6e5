from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from annota.settings import Settings
from tests.api.conftest import assert_error
from tests.api.media_files import jpeg, png, zip_of


def make_task(client: TestClient, segment_size: int = 0, overlap: int = 0) -> dict[str, object]:
    project = client.post("/api/projects", json={"name": "P", "labels": [{"name": "car"}]}).json()
    answer = client.post(
        "/api/tasks",
        json={"project_id": project["id"], "name": "T", "segment_size": segment_size, "overlap": overlap},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def upload(client: TestClient, task_id: object, files: dict[str, bytes]) -> object:
    return client.post(
        f"/api/tasks/{task_id}/media", files=[("files", (name, data)) for name, data in files.items()]
    )


def test_uploaded_images_become_frames_in_order_and_jobs_cover_them(alice: TestClient) -> None:
    task = make_task(alice, segment_size=2, overlap=1)
    answer = upload(alice, task["id"], {"b.jpg": jpeg(), "a.png": png(), "c.jpg": jpeg(colour=(1, 2, 3))})
    assert answer.status_code == 201, answer.text
    assert answer.json() == {"added": 3, "frames": [0, 1, 2]}
    media = alice.get(f"/api/tasks/{task['id']}/media").json()
    assert [(m["frame"], m["name"], m["width"], m["height"]) for m in media["items"]] == [
        (0, "b.jpg", 40, 30), (1, "a.png", 20, 10), (2, "c.jpg", 40, 30),
    ]  # fmt: skip
    jobs = alice.get("/api/jobs", params={"task_id": task["id"]}).json()["items"]
    assert [(j["frame_start"], j["frame_stop"]) for j in jobs] == [(0, 1), (1, 2)]
    read = alice.get(f"/api/tasks/{task['id']}").json()
    assert read["media_count"] == 3 and read["job_count"] == 2


def test_a_task_accepts_more_media_after_creation(alice: TestClient) -> None:
    task = make_task(alice)
    upload(alice, task["id"], {"1.jpg": jpeg()})
    assert upload(alice, task["id"], {"2.jpg": jpeg(colour=(9, 9, 9))}).json()["frames"] == [1]
    jobs = alice.get("/api/jobs", params={"task_id": task["id"]}).json()["items"]
    assert [(j["frame_start"], j["frame_stop"]) for j in jobs] == [(0, 1)]


def test_a_zip_upload_is_expanded_in_natural_order(alice: TestClient) -> None:
    task = make_task(alice)
    archive = zip_of({"img10.jpg": jpeg(), "img2.jpg": jpeg(colour=(5, 5, 5)), "sub/img1.jpg": png()})
    assert upload(alice, task["id"], {"batch.zip": archive}).json()["added"] == 3
    names = [m["name"] for m in alice.get(f"/api/tasks/{task['id']}/media").json()["items"]]
    assert names == ["img2.jpg", "img10.jpg", "sub/img1.jpg"]


def test_a_broken_image_refuses_the_whole_upload_and_names_the_file(alice: TestClient) -> None:
    task = make_task(alice)
    answer = upload(alice, task["id"], {"good.jpg": jpeg(), "broken.jpg": jpeg()[:60], "notes.txt": b"hello"})
    body = assert_error(answer, 422, answer.json()["errors"][0]["type"])
    named = {tuple(e["loc"]) for e in body["errors"]}
    assert ("broken.jpg",) in named and ("notes.txt",) in named
    assert alice.get(f"/api/tasks/{task['id']}/media").json()["count"] == 0
    assert alice.get(f"/api/tasks/{task['id']}").json()["job_count"] == 0


def test_a_zip_slip_archive_is_refused(alice: TestClient) -> None:
    task = make_task(alice)
    answer = upload(alice, task["id"], {"evil.zip": zip_of({"../../etc/x.jpg": jpeg()})})
    assert answer.status_code == 422
    assert alice.get(f"/api/tasks/{task['id']}/media").json()["count"] == 0


def test_media_from_the_share_folder_and_traversal_refused(alice: TestClient, settings: Settings) -> None:
    assert settings.share_root is not None
    folder = settings.share_root / "batch"
    folder.mkdir()
    (folder / "x.jpg").write_bytes(jpeg())
    (folder / "y.jpg").write_bytes(jpeg(colour=(0, 0, 0)))
    task = make_task(alice)
    answer = alice.post(f"/api/tasks/{task['id']}/media/share", json={"paths": ["batch"]})
    assert answer.status_code == 201, answer.text
    assert answer.json()["added"] == 2
    for bad in ["../secret", "/etc/passwd"]:
        refused = alice.post(f"/api/tasks/{task['id']}/media/share", json={"paths": [bad]})
        assert refused.status_code == 422, refused.text
    assert alice.get(f"/api/tasks/{task['id']}/media").json()["count"] == 2


def test_media_is_served_with_etag_and_long_cache_only_to_allowed_users(
    alice: TestClient, bob: TestClient, tmp_path: Path
) -> None:
    task = make_task(alice)
    data = jpeg()
    upload(alice, task["id"], {"a.jpg": data})
    media_id = alice.get(f"/api/tasks/{task['id']}/media").json()["items"][0]["id"]
    original = alice.get(f"/api/media/{media_id}/original")
    assert original.status_code == 200 and original.content == data
    assert "immutable" in original.headers["cache-control"] and "private" in original.headers["cache-control"]
    again = alice.get(f"/api/media/{media_id}/original", headers={"If-None-Match": original.headers["etag"]})
    assert again.status_code == 304
    thumb = alice.get(f"/api/media/{media_id}/thumbnail", params={"size": 128})
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert thumb.content[:2] == b"\xff\xd8"
    assert alice.get(f"/api/media/{media_id}/display").content == data
    assert_error(alice.get(f"/api/media/{media_id}/thumbnail", params={"size": 7}), 422, "invalid_size")
    for kind in ["original", "thumbnail", "display"]:
        assert_error(bob.get(f"/api/media/{media_id}/{kind}"), 404, "not_found")
    assert_error(bob.get(f"/api/tasks/{task['id']}/media"), 404, "not_found")
    assert_error(upload(bob, task["id"], {"b.jpg": jpeg()}), 404, "not_found")


def test_tasks_of_others_are_invisible(alice: TestClient, bob: TestClient) -> None:
    task = make_task(alice)
    assert bob.get("/api/tasks").json()["count"] == 0
    assert_error(bob.get(f"/api/tasks/{task['id']}"), 404, "not_found")
    project_id = task["project_id"]
    assert_error(bob.post("/api/tasks", json={"project_id": project_id, "name": "x"}), 404, "not_found")


def test_task_update_delete_and_bad_segments(alice: TestClient) -> None:
    task = make_task(alice)
    assert (
        alice.patch(f"/api/tasks/{task['id']}", json={"name": "Renamed", "subset": "val"}).json()["subset"]
        == "val"
    )
    listed = alice.get("/api/tasks", params={"project_id": task["project_id"], "subset": "val"}).json()
    assert [t["name"] for t in listed["items"]] == ["Renamed"]
    assert alice.delete(f"/api/tasks/{task['id']}").status_code == 204
    assert_error(alice.get(f"/api/tasks/{task['id']}"), 404, "not_found")
    answer = alice.post(
        "/api/tasks", json={"project_id": task["project_id"], "name": "x", "segment_size": 2, "overlap": 2}
    )
    assert_error(answer, 422, "invalid_value", ["overlap"])
