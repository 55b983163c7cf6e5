"""Connected cloud storage: a project reads media from an existing bucket in place (moto_server in CI)."""

from __future__ import annotations

import shutil
import uuid
from typing import Any

import boto3
import pytest
from fastapi.testclient import TestClient

from annota.settings import Settings
from tests.api.conftest import assert_error
from tests.api.media_files import jpeg, png
from tests.api.topologies import stored_media
from tests.services import url_or_skip

OBJECTS = {
    "cams/day1/001.jpg": jpeg(64, 48, colour=(10, 20, 30)),
    "cams/day1/002.png": png(32, 16),
    "cams/day2/003.jpg": jpeg(20, 10, colour=(90, 10, 10)),
    "other/elsewhere.jpg": jpeg(),
}


@pytest.fixture
def endpoint() -> str:
    return url_or_skip("TEST_S3_URL", "S3")


@pytest.fixture
def bucket(endpoint: str) -> str:
    name = f"annota-cloud-{uuid.uuid4().hex[:12]}"
    s3 = raw_client(endpoint)
    s3.create_bucket(Bucket=name)
    for key, data in OBJECTS.items():
        s3.put_object(Bucket=name, Key=key, Body=data)
    s3.put_object(Bucket=name, Key="cams/day1/notes.txt", Body=b"not an image")
    return name


def raw_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def connect(client: TestClient, project_id: int, endpoint: str, bucket: str, prefix: str = "cams/") -> Any:
    body = {
        "name": "cams", "bucket": bucket, "prefix": prefix, "endpoint_url": endpoint, "region": "us-east-1",
        "access_key_id": "test", "secret_access_key": "test",
    }  # fmt: skip
    return client.post(f"/api/projects/{project_id}/cloud-storages", json=body)


@pytest.fixture
def project(alice: TestClient) -> dict[str, Any]:
    return dict(alice.post("/api/projects", json={"name": "Street cams", "labels": [{"name": "car"}]}).json())


@pytest.fixture
def storage(alice: TestClient, project: dict[str, Any], endpoint: str, bucket: str) -> dict[str, Any]:
    answer = connect(alice, project["id"], endpoint, bucket)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def new_task(client: TestClient, project_id: int) -> int:
    return int(client.post("/api/tasks", json={"project_id": project_id, "name": "Day 1"}).json()["id"])


def test_a_connected_bucket_lists_its_objects_and_never_shows_its_keys(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any]
) -> None:
    listed = alice.get(f"/api/cloud-storages/{storage['id']}/objects").json()
    first = alice.get(f"/api/cloud-storages/{storage['id']}/objects", params={"prefix": "day1/", "limit": 1})

    assert storage["has_credentials"] is True and storage["prefix"] == "cams/"
    assert "secret_access_key" not in storage and "access_key_id" not in storage
    assert [(o["key"], o["size"]) for o in listed["items"]] == [
        ("day1/001.jpg", len(OBJECTS["cams/day1/001.jpg"])),
        ("day1/002.png", len(OBJECTS["cams/day1/002.png"])),
        ("day1/notes.txt", 12),
        ("day2/003.jpg", len(OBJECTS["cams/day2/003.jpg"])),
    ]
    assert listed["truncated"] is False
    assert first.json() == {"items": [{"key": "day1/001.jpg", "size": len(OBJECTS["cams/day1/001.jpg"])}],
                            "truncated": True}  # fmt: skip
    assert "test" not in str(alice.get(f"/api/projects/{project['id']}/cloud-storages").json())


def test_a_task_from_a_prefix_reads_the_objects_in_place(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any], settings: Settings, endpoint: str,
    bucket: str,
) -> None:  # fmt: skip
    task_id = new_task(alice, project["id"])

    added = alice.post(
        f"/api/tasks/{task_id}/media/cloud", json={"storage_id": storage["id"], "prefix": "day2/"}
    )

    assert added.status_code == 201, added.text
    assert added.json() == {"added": 1, "frames": [0]}
    (item,) = alice.get(f"/api/tasks/{task_id}/media").json()["items"]
    assert (item["name"], item["width"], item["height"]) == ("day2/003.jpg", 20, 10)
    shutil.rmtree(settings.cache_dir, ignore_errors=True)  # served from the bucket, not from a copy
    original = alice.get(f"/api/media/{item['id']}/original")
    assert original.status_code == 200 and original.content == OBJECTS["cams/day2/003.jpg"]
    assert alice.get(f"/api/media/{item['id']}/thumbnail").status_code == 200
    assert stored_media(settings) == []  # nothing copied in
    keys = [o["Key"] for o in raw_client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]]
    assert len(keys) == len(OBJECTS) + 1  # and nothing written to the bucket


def test_objects_by_key_keep_the_given_order(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any]
) -> None:
    task_id = new_task(alice, project["id"])
    body = {"storage_id": storage["id"], "keys": ["day1/002.png", "day1/001.jpg"]}

    added = alice.post(f"/api/tasks/{task_id}/media/cloud", json=body)

    assert added.json()["added"] == 2
    names = [
        m["name"] for m in alice.get(f"/api/tasks/{task_id}/media", params={"sort": "frame"}).json()["items"]
    ]
    assert names == ["day1/002.png", "day1/001.jpg"]


def test_missing_and_unreadable_objects_are_each_reported_and_nothing_is_added(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any]
) -> None:
    task_id = new_task(alice, project["id"])
    body = {"storage_id": storage["id"], "keys": ["day1/001.jpg", "day1/nope.jpg", "day1/notes.txt"]}

    answer = alice.post(f"/api/tasks/{task_id}/media/cloud", json=body)

    errors = answer.json()["errors"]
    assert_error(answer, 422, "object_not_found", ["body", "keys", 1])
    assert any(e["loc"] == ["body", "keys", 2] for e in errors)  # not an image
    assert "day1/nope.jpg" in str(errors)
    assert alice.get(f"/api/tasks/{task_id}/media").json()["count"] == 0


def test_a_bucket_that_does_not_exist_is_refused_when_connecting(
    alice: TestClient, project: dict[str, Any], endpoint: str
) -> None:
    answer = connect(alice, project["id"], endpoint, "no-such-bucket-here")

    assert_error(answer, 422, "bucket_not_found", ["body", "bucket"])
    assert alice.get(f"/api/projects/{project['id']}/cloud-storages").json() == []


def test_an_object_deleted_from_the_bucket_is_named_when_read(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any], settings: Settings, endpoint: str,
    bucket: str,
) -> None:  # fmt: skip
    task_id = new_task(alice, project["id"])
    alice.post(f"/api/tasks/{task_id}/media/cloud", json={"storage_id": storage["id"], "prefix": "day2/"})
    (item,) = alice.get(f"/api/tasks/{task_id}/media").json()["items"]
    raw_client(endpoint).delete_object(Bucket=bucket, Key="cams/day2/003.jpg")
    shutil.rmtree(settings.cache_dir, ignore_errors=True)

    answer = alice.get(f"/api/media/{item['id']}/original")

    assert_error(answer, 502, "object_not_found")
    assert "cams/day2/003.jpg" in answer.text


def test_a_storage_in_use_cannot_be_disconnected_until_its_tasks_are_gone(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any]
) -> None:
    task_id = new_task(alice, project["id"])
    alice.post(f"/api/tasks/{task_id}/media/cloud", json={"storage_id": storage["id"], "prefix": "day2/"})

    refused = alice.delete(f"/api/cloud-storages/{storage['id']}")
    alice.delete(f"/api/tasks/{task_id}")
    done = alice.delete(f"/api/cloud-storages/{storage['id']}")

    assert_error(refused, 409, "conflict")
    assert done.status_code == 204


def test_another_users_storage_and_project_stay_out_of_reach(
    alice: TestClient, bob: TestClient, project: dict[str, Any], storage: dict[str, Any]
) -> None:
    bobs_task = new_task(bob, bob.post("/api/projects", json={"name": "Bob's"}).json()["id"])

    assert_error(bob.get(f"/api/cloud-storages/{storage['id']}/objects"), 404, "not_found")
    taken = bob.post(f"/api/tasks/{bobs_task}/media/cloud", json={"storage_id": storage["id"], "prefix": ""})
    assert_error(taken, 404, "not_found", ["body", "storage_id"])


def test_an_object_replaced_since_the_task_was_made_is_refused_not_silently_swapped(
    alice: TestClient, project: dict[str, Any], storage: dict[str, Any], settings: Settings, endpoint: str,
    bucket: str,
) -> None:  # fmt: skip
    task_id = new_task(alice, project["id"])
    alice.post(f"/api/tasks/{task_id}/media/cloud", json={"storage_id": storage["id"], "prefix": "day2/"})
    (item,) = alice.get(f"/api/tasks/{task_id}/media").json()["items"]
    raw_client(endpoint).put_object(
        Bucket=bucket, Key="cams/day2/003.jpg", Body=jpeg(20, 10, colour=(1, 2, 3))
    )
    shutil.rmtree(settings.cache_dir, ignore_errors=True)

    answer = alice.get(f"/api/media/{item['id']}/original")

    assert_error(answer, 502, "object_changed")
