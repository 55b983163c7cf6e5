"""The media store on an S3-compatible bucket (moto_server in CI: TEST_S3_URL), and its cache."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import boto3
import pytest

from annota.settings import Settings
from annota.storage.media_store import BlobNotFound, BlobTooLarge
from annota.storage.media_stores import LocalMediaStore, MediaStore, media_store_for
from annota.storage.s3_store import PART_BYTES, BlobCache, S3MediaStore
from tests.services import url_or_skip

HASH_A = "a" * 64
HASH_B = "b" * 64
HASH_C = "c" * 64


def s3_settings(tmp_path: Path, endpoint: str, bucket: str, cache_bytes: int = 64 * 1024**2) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        media_url=f"s3://{bucket}/media",
        s3_endpoint_url=endpoint,
        s3_region="us-east-1",
        s3_access_key_id="test",
        s3_secret_access_key="test",
        media_cache_bytes=cache_bytes,
    )


@pytest.fixture
def endpoint() -> str:
    return url_or_skip("TEST_S3_URL", "S3")


@pytest.fixture
def bucket(endpoint: str) -> str:
    name = f"annota-test-{uuid.uuid4().hex[:12]}"
    raw_client(endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def store(tmp_path: Path, endpoint: str, bucket: str) -> S3MediaStore:
    made = media_store_for(s3_settings(tmp_path, endpoint, bucket))
    assert isinstance(made, S3MediaStore)
    return made


def raw_client(endpoint: str):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    )  # fmt: skip


def test_the_factory_gives_the_local_store_without_an_s3_url(tmp_path: Path) -> None:
    store = media_store_for(Settings(data_dir=tmp_path))

    assert isinstance(store, LocalMediaStore) and isinstance(store, MediaStore)
    assert store.root == tmp_path / "media"


def test_a_put_blob_is_an_object_under_the_prefix_at_its_hash(store: S3MediaStore, endpoint: str) -> None:
    stored = store.put_stream(b"hello", max_bytes=100)

    assert stored.hash == hashlib.sha256(b"hello").hexdigest() and stored.created
    key = f"media/{stored.hash[:2]}/{stored.hash[2:4]}/{stored.hash}"
    body = raw_client(endpoint).get_object(Bucket=store.bucket, Key=key)["Body"].read()
    assert body == b"hello"
    assert store.exists(stored.hash) and store.size(stored.hash) == 5


def test_the_same_bytes_twice_are_stored_once(store: S3MediaStore) -> None:
    first = store.put_stream(b"same", max_bytes=100)
    second = store.put_stream(b"same", max_bytes=100)

    assert first.created and not second.created


def test_a_large_upload_goes_in_parts_and_reads_back_streamed(store: S3MediaStore) -> None:
    data = os.urandom(PART_BYTES + 1024)

    stored = store.put_stream(iter([data[:1000], data[1000:]]), max_bytes=len(data))
    store.cache.discard(stored.hash)

    with store.open(stored.hash) as stream:
        assert stream.read() == data


def test_a_staged_file_can_be_inspected_then_discarded_without_an_upload(store: S3MediaStore) -> None:
    staged = store.stage(b"look first", max_bytes=100)

    assert staged.path.read_bytes() == b"look first"
    store.discard(staged)

    assert not staged.path.exists() and not store.exists(staged.hash)


def test_more_than_the_limit_is_refused_before_anything_is_uploaded(store: S3MediaStore) -> None:
    with pytest.raises(BlobTooLarge):
        store.put_stream(b"x" * 11, max_bytes=10, name="big.png")

    assert list(store.client.list_objects_v2(Bucket=store.bucket).get("Contents", [])) == []


def test_local_path_downloads_an_uncached_blob_into_the_cache(store: S3MediaStore) -> None:
    stored = store.put_stream(b"frame source", max_bytes=100)
    store.cache.discard(stored.hash)

    path = store.local_path(stored.hash)

    assert path.read_bytes() == b"frame source"
    assert path == store.cache.path(stored.hash)


def test_a_missing_blob_is_blob_not_found_for_every_read(store: S3MediaStore) -> None:
    for read in (store.local_path, store.open, store.size):
        with pytest.raises(BlobNotFound):
            read(HASH_A)
    assert not store.exists(HASH_A)


def test_delete_removes_the_object_and_its_cached_copy(store: S3MediaStore) -> None:
    stored = store.put_stream(b"bye", max_bytes=100)

    assert store.delete(stored.hash) is True
    assert not store.exists(stored.hash) and not store.cache.path(stored.hash).exists()
    assert store.delete(stored.hash) is False


def test_the_bucket_check_names_a_missing_bucket(tmp_path: Path, endpoint: str) -> None:
    store = media_store_for(s3_settings(tmp_path, endpoint, "annota-no-such-bucket"))
    assert isinstance(store, S3MediaStore)

    with pytest.raises(Exception, match="annota-no-such-bucket"):
        store.check()


def put_in_cache(cache: BlobCache, tmp_path: Path, content_hash: str, size: int, mtime: float) -> Path:
    source = tmp_path / f"src-{content_hash[:4]}"
    source.write_bytes(b"x" * size)
    path = cache.admit(content_hash, source)
    os.utime(path, (mtime, mtime))
    return path


def test_the_cache_evicts_the_least_recently_used_copies_above_its_cap(tmp_path: Path) -> None:
    cache = BlobCache(tmp_path / "cache", max_bytes=250)
    put_in_cache(cache, tmp_path, HASH_A, 100, mtime=1_000)
    put_in_cache(cache, tmp_path, HASH_B, 100, mtime=2_000)
    assert cache.get(HASH_A) is not None  # used now: B becomes the oldest

    put_in_cache(cache, tmp_path, HASH_C, 100, mtime=3_000)

    assert cache.get(HASH_B) is None
    assert cache.get(HASH_A) is not None and cache.get(HASH_C) is not None
    assert cache.size() == 200


def test_a_copy_larger_than_the_cap_is_kept_until_the_next_admission(tmp_path: Path) -> None:
    cache = BlobCache(tmp_path / "cache", max_bytes=10)

    path = put_in_cache(cache, tmp_path, HASH_A, 100, mtime=1_000)

    assert path.exists()
