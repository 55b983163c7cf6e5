"""The media store contract, and the store a configuration names (local files or a bucket).

Call sites ask `media_store_for(settings)` and read blobs through `local_path` (a file, downloaded
into the cache for a bucket) or `open` (a stream), so they work on either store.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from annota.settings import Settings
from annota.storage.media_store import ByteSource, StagedBlob, StoredBlob
from annota.storage.media_store import MediaStore as LocalMediaStore

if TYPE_CHECKING:  # boto3 costs ~0.3 s to import: only S3 deployments pay it, at first use.
    from annota.storage.s3_store import S3Client, S3MediaStore

__all__ = ["LocalMediaStore", "MediaStore", "media_store_for"]

MEDIA_CACHE_DIR = "media"


@runtime_checkable
class MediaStore(Protocol):
    """Content-addressed blobs: stage -> (inspect staged.path) -> commit or discard; then read."""

    def stage(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StagedBlob: ...
    def commit(self, staged: StagedBlob) -> StoredBlob: ...
    def discard(self, staged: StagedBlob) -> None: ...
    def put_stream(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StoredBlob: ...
    def exists(self, content_hash: str) -> bool: ...
    def size(self, content_hash: str) -> int: ...
    def open(self, content_hash: str) -> object: ...
    def local_path(self, content_hash: str) -> Path: ...
    def delete(self, content_hash: str) -> bool: ...
    def clean_staging(self, older_than_s: float = ...) -> int: ...


def media_store_for(settings: Settings) -> LocalMediaStore | S3MediaStore:
    """The media store of `settings`: ``s3://BUCKET/PREFIX`` or local files in `settings.media_dir`."""
    url = settings.media_url
    if url is None or not url.startswith("s3://"):
        return LocalMediaStore(settings.media_dir)
    from annota.storage.s3_store import BlobCache, S3MediaStore

    parts = urlsplit(url)
    client = s3_client(
        settings.s3_endpoint_url, settings.s3_region, settings.s3_access_key_id, settings.s3_secret_access_key
    )
    cache = BlobCache(settings.cache_dir / MEDIA_CACHE_DIR, settings.media_cache_bytes)
    # Staging sits in the cache's folder so a committed upload moves into the cache by rename.
    return S3MediaStore(client, parts.netloc, parts.path, settings.cache_dir, cache)


@functools.lru_cache(maxsize=32)
def s3_client(endpoint: str | None, region: str | None, key_id: str | None, secret: str | None) -> S3Client:
    """One client per configuration and process (building one takes ~50 ms; they are thread-safe)."""
    import boto3
    from botocore.config import Config

    config = Config(s3={"addressing_style": "path"} if endpoint else {}, retries={"mode": "standard"})
    client: S3Client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=config,
    )
    return client
