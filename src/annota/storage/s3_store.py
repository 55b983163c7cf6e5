"""Content-addressed media blobs in an S3-compatible bucket, with a size-capped local cache.

Keys are ``PREFIX/ab/cd/<sha256>``, the layout of the local store. Writes stage to a local file
first: the key is the content hash, known only once every byte has been read, and callers look at
the staged file (probe an image, index a video) before it becomes a blob. ``commit`` then uploads
it (multipart above 16 MiB, parts sent in parallel) and keeps the file as the blob's cached copy.
Reads stream from the bucket (``open``) or from the cache (``local_path``: frames are decoded
from files). See docs/adr/0004-object-storage.md.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from annota.storage.media_store import (
    BlobNotFound,
    ByteSource,
    MediaStore,
    MediaStoreError,
    StagedBlob,
    StoredBlob,
    validate_hash,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
else:
    S3Client = object

PART_BYTES = 16 * 1024**2
TRANSFER = TransferConfig(multipart_threshold=PART_BYTES, multipart_chunksize=PART_BYTES, max_concurrency=4)
_MISSING = {"404", "NoSuchKey", "NotFound"}


class ObjectStoreError(MediaStoreError):
    """The object store refused or failed a request (other than "no such object")."""

    def __init__(self, operation: str, key: str, error: ClientError) -> None:
        code = error.response.get("Error", {}).get("Code", "?")
        super().__init__(f"object store: {operation} {key!r} failed: {code}")
        self.code = code


class BlobCache:
    """Local copies of blobs under ``root/ab/cd/<hash>``, at most ``max_bytes`` in all.

    The least recently used copies are removed first (use refreshes a file's mtime). Safe across
    processes: files appear by atomic rename, and a copy removed under a reader is fetched again.
    """

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes

    def path(self, content_hash: str) -> Path:
        h = validate_hash(content_hash)
        return self.root / h[:2] / h[2:4] / h

    def get(self, content_hash: str) -> Path | None:
        path = self.path(content_hash)
        try:
            os.utime(path)
        except FileNotFoundError:
            return None
        return path

    def admit(self, content_hash: str, source: Path) -> Path:
        """Move ``source`` (a file on the cache's filesystem) in as the copy of ``content_hash``."""
        target = self.path(content_hash)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        self.evict(keep=target)
        return target

    def discard(self, content_hash: str) -> None:
        self.path(content_hash).unlink(missing_ok=True)

    def size(self) -> int:
        return sum(size for _, size, _ in self._entries())

    def evict(self, keep: Path | None = None) -> int:
        """Remove the oldest copies until the cache fits its cap; returns how many went."""
        entries = sorted(self._entries(), key=lambda entry: entry[2])
        total = sum(size for _, size, _ in entries)
        removed = 0
        for path, size, _ in entries:
            if total <= self.max_bytes:
                break
            if path == keep:
                continue
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def _entries(self) -> list[tuple[Path, int, float]]:
        found = []
        for path in self.root.glob("??/??/*"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            found.append((path, stat.st_size, stat.st_mtime))
        return found


class S3MediaStore:
    """The media store on a bucket; same contract as the local `MediaStore`."""

    def __init__(
        self, client: S3Client, bucket: str, prefix: str, staging_root: Path, cache: BlobCache
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        # Staging reuses the local store's code (hashing, size limit, cleanup on failure).
        self._staging = MediaStore(staging_root)
        self.cache = cache

    def key(self, content_hash: str) -> str:
        h = validate_hash(content_hash)
        name = f"{h[:2]}/{h[2:4]}/{h}"
        return f"{self.prefix}/{name}" if self.prefix else name

    def exists(self, content_hash: str) -> bool:
        return self._head(content_hash) is not None

    def size(self, content_hash: str) -> int:
        head = self._head(content_hash)
        if head is None:
            raise BlobNotFound(content_hash)
        return int(head["ContentLength"])

    def open(self, content_hash: str) -> BinaryIO:
        cached = self.cache.get(content_hash)
        if cached is not None:
            return cached.open("rb")
        key = self.key(content_hash)
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            raise self._error("GET", key, content_hash, error) from None
        return cast(BinaryIO, answer["Body"])

    def local_path(self, content_hash: str) -> Path:
        """The cached copy of the blob, downloaded first when it is not cached."""
        cached = self.cache.get(content_hash)
        if cached is not None:
            return cached
        key = self.key(content_hash)
        self.cache.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.cache.root, prefix="fetch-")
        os.close(fd)
        try:
            self.client.download_file(self.bucket, key, tmp_name, Config=TRANSFER)
        except ClientError as error:
            Path(tmp_name).unlink(missing_ok=True)
            raise self._error("GET", key, content_hash, error) from None
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return self.cache.admit(content_hash, Path(tmp_name))

    def delete(self, content_hash: str) -> bool:
        """Remove a blob; False when there was none. Callers must know nothing references it."""
        self.cache.discard(content_hash)
        if not self.exists(content_hash):
            return False
        self.client.delete_object(Bucket=self.bucket, Key=self.key(content_hash))
        return True

    def put_stream(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StoredBlob:
        return self.commit(self.stage(source, max_bytes, name=name))

    def stage(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StagedBlob:
        return self._staging.stage(source, max_bytes, name=name)

    def discard(self, staged: StagedBlob) -> None:
        self._staging.discard(staged)

    def commit(self, staged: StagedBlob) -> StoredBlob:
        """Upload a staged file unless the bucket has the content already; it then becomes the
        cached copy. A failed upload leaves the bucket without the key (S3 writes are atomic)."""
        key = self.key(staged.hash)
        created = not self.exists(staged.hash)
        if created:
            try:
                self.client.upload_file(str(staged.path), self.bucket, key, Config=TRANSFER)
            except ClientError as error:
                self.discard(staged)
                raise ObjectStoreError("PUT", key, error) from None
        self.cache.root.mkdir(parents=True, exist_ok=True)
        try:
            path = self.cache.admit(staged.hash, staged.path)
        except OSError:
            # Staging and cache on different filesystems: the blob is stored, the copy is optional.
            self.discard(staged)
            path = self.cache.path(staged.hash)
        return StoredBlob(hash=staged.hash, size=staged.size, path=path, created=created)

    def clean_staging(self, older_than_s: float = 24 * 3600) -> int:
        return self._staging.clean_staging(older_than_s)

    def check(self) -> None:
        """Raise ObjectStoreError unless the bucket answers (readiness)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            raise ObjectStoreError("HEAD bucket", self.bucket, error) from None

    def _head(self, content_hash: str) -> dict[str, Any] | None:
        key = self.key(content_hash)
        try:
            return cast(dict[str, Any], self.client.head_object(Bucket=self.bucket, Key=key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _MISSING:
                return None
            raise ObjectStoreError("HEAD", key, error) from None

    def _error(self, operation: str, key: str, content_hash: str, error: ClientError) -> MediaStoreError:
        if error.response.get("Error", {}).get("Code") in _MISSING:
            return BlobNotFound(content_hash)
        return ObjectStoreError(operation, key, error)
