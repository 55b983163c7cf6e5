import hashlib
import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from annota.storage.media_store import (
    BlobNotFound,
    BlobTooLarge,
    InvalidContentHash,
    MediaStore,
    validate_hash,
)

CONTENT = b"annota media bytes" * 1000
CONTENT_HASH = hashlib.sha256(CONTENT).hexdigest()


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def chunks(data: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_put_stream_stores_chunks_under_their_sha256(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    blob = store.put_stream(chunks(CONTENT), max_bytes=len(CONTENT))
    assert blob.hash == CONTENT_HASH
    assert blob.size == len(CONTENT)
    assert blob.created is True
    assert blob.path == tmp_path / CONTENT_HASH[:2] / CONTENT_HASH[2:4] / CONTENT_HASH
    assert blob.path.read_bytes() == CONTENT
    assert store.path(CONTENT_HASH) == blob.path


def test_put_stream_reads_a_binary_file(tmp_path: Path) -> None:
    blob = MediaStore(tmp_path).put_stream(io.BytesIO(CONTENT), max_bytes=10**6)
    assert blob.hash == CONTENT_HASH


def test_same_content_twice_is_stored_once(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    first = store.put_stream(io.BytesIO(CONTENT), max_bytes=10**6)
    second = store.put_stream(chunks(CONTENT, 333), max_bytes=10**6)
    assert second.path == first.path
    assert second.created is False
    assert files_under(tmp_path / "media") == [first.path]


def test_stream_over_the_limit_raises_and_leaves_no_file(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    with pytest.raises(BlobTooLarge, match=r"upload\.bin: .*limit of 100 bytes") as caught:
        store.put_stream(chunks(CONTENT), max_bytes=100, name="upload.bin")
    assert caught.value.max_bytes == 100
    assert files_under(tmp_path) == []


def test_stream_exactly_at_the_limit_is_accepted(tmp_path: Path) -> None:
    blob = MediaStore(tmp_path).put_stream(CONTENT, max_bytes=len(CONTENT))
    assert blob.size == len(CONTENT)


def test_failing_source_leaves_no_temp_file(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"half of it"
        raise ConnectionResetError("client went away")

    store = MediaStore(tmp_path)
    with pytest.raises(ConnectionResetError):
        store.put_stream(broken(), max_bytes=10**6)
    assert files_under(tmp_path) == []


def test_staged_bytes_are_invisible_until_committed(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    staged = store.stage(CONTENT, max_bytes=10**6)
    assert staged.hash == CONTENT_HASH
    assert not store.exists(CONTENT_HASH)
    blob = store.commit(staged)
    assert store.exists(CONTENT_HASH)
    assert files_under(tmp_path) == [blob.path]


def test_discarded_stage_leaves_nothing(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    store.discard(store.stage(CONTENT, max_bytes=10**6))
    assert files_under(tmp_path) == []


def test_open_exists_and_delete_work_by_hash(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    store.put_stream(CONTENT, max_bytes=10**6)
    with store.open(CONTENT_HASH) as fp:
        assert fp.read() == CONTENT
    assert store.size(CONTENT_HASH) == len(CONTENT)
    assert store.delete(CONTENT_HASH) is True
    assert store.exists(CONTENT_HASH) is False
    assert store.delete(CONTENT_HASH) is False


def test_open_of_a_missing_blob_raises_blob_not_found(tmp_path: Path) -> None:
    with pytest.raises(BlobNotFound, match=CONTENT_HASH):
        MediaStore(tmp_path).open(CONTENT_HASH)


@pytest.mark.parametrize(
    "bad",
    [
        "../../../../etc/passwd",
        CONTENT_HASH.upper(),
        CONTENT_HASH[:-1],
        CONTENT_HASH + "0",
        CONTENT_HASH[:-2] + "/x",
        CONTENT_HASH + "\n",
        "",
        None,
        12,
    ],
)
def test_invalid_hash_is_refused_before_any_path_is_built(tmp_path: Path, bad: object) -> None:
    store = MediaStore(tmp_path)
    with pytest.raises(InvalidContentHash):
        validate_hash(bad)
    for operation in (store.path, store.exists, store.open, store.delete):
        with pytest.raises(InvalidContentHash):
            operation(bad)  # type: ignore[arg-type]


def test_clean_staging_removes_only_old_leftovers(tmp_path: Path) -> None:
    store = MediaStore(tmp_path)
    store.staging_dir.mkdir(parents=True)
    old = store.staging_dir / "stage-crashed"
    old.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    fresh = store.staging_dir / "stage-in-progress"
    fresh.write_bytes(b"y")
    assert store.clean_staging() == 1
    assert files_under(tmp_path) == [fresh]
