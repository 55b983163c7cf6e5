"""Connected buckets: create, list, remove; list their objects; fetch an object's bytes into the cache.

The credentials stay in the database and never leave it through the API. Listing and reading use
boto3 with the connection's own endpoint, region and keys (or the server's credential chain when
the keys are left empty).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from annota.settings import Settings
from annota.storage.cloud_tables import CloudStorage, ExternalBlob
from annota.storage.errors import Conflict, InvalidValue, NotFound
from annota.storage.problems import Loc, Problem

if TYPE_CHECKING:
    from annota.storage.s3_store import BlobCache, S3Client

CACHE_DIR = "external"
CHUNK_BYTES = 1 << 20
MAX_LISTED = 100_000


class CloudStorageError(Exception):
    """The bucket answered with an error (or not at all): `msg` says what, for which object."""

    def __init__(self, msg: str, code: str) -> None:
        super().__init__(msg)
        self.msg, self.code = msg, code


@dataclass(frozen=True, slots=True)
class Bucket:
    """What reading a connection's objects takes, as plain values: usable after its session closed."""

    bucket: str
    endpoint_url: str | None
    region: str | None
    access_key_id: str | None
    secret_access_key: str | None

    @classmethod
    def of(cls, storage: CloudStorage) -> Bucket:
        keys = (storage.access_key_id, storage.secret_access_key)
        return cls(storage.bucket, storage.endpoint_url, storage.region, *keys)


@dataclass(frozen=True, slots=True)
class StoredObject:
    key: str
    size: int
    etag: str


def create(
    session: Session,
    project_id: int,
    *,
    name: str,
    bucket: str,
    prefix: str = "",
    endpoint_url: str | None = None,
    region: str | None = None,
    access_key_id: str | None = None,
    secret_access_key: str | None = None,
    created_by: int | None = None,
    loc: Loc = (),
) -> CloudStorage:
    taken = session.scalar(
        select(exists().where(CloudStorage.project_id == project_id, CloudStorage.name == name))
    )
    if taken:
        raise InvalidValue(
            [Problem((*loc, "name"), f"this project already has a storage named {name!r}", "taken")]
        )
    storage = CloudStorage(
        project_id=project_id,
        name=name,
        bucket=bucket,
        prefix=prefix,
        endpoint_url=endpoint_url,
        region=region,
        access_key_id=access_key_id,
        secret_access_key=secret_access_key,
        created_by=created_by,
    )
    session.add(storage)
    session.flush()
    return storage


def get(session: Session, storage_id: int) -> CloudStorage:
    storage = session.get(CloudStorage, storage_id)
    if storage is None:
        raise NotFound("cloud storage", storage_id)
    return storage


def list_for_project(session: Session, project_id: int) -> list[CloudStorage]:
    return list(
        session.scalars(
            select(CloudStorage).where(CloudStorage.project_id == project_id).order_by(CloudStorage.id)
        )
    )


def remove(session: Session, storage: CloudStorage) -> None:
    """Remove a connection no media uses any more (else Conflict: its media would become unreadable)."""
    from annota.storage.tables import MediaItem

    used = session.scalar(
        select(
            exists()
            .where(ExternalBlob.storage_id == storage.id)
            .where(MediaItem.content_hash == ExternalBlob.content_hash)
        )
    )
    if used:
        raise Conflict("media of this project's tasks are read from this storage: delete those tasks first")
    session.delete(storage)
    session.flush()


def identity(storage_id: int, key: str, etag: str) -> str:
    """The blob hash of one version of an object: names where it is, not what it holds."""
    return hashlib.sha256(f"cloud:{storage_id}\0{key}\0{etag}".encode()).hexdigest()


def client(storage: CloudStorage | Bucket) -> S3Client:
    return _client(storage.endpoint_url, storage.region, storage.access_key_id, storage.secret_access_key)


@functools.lru_cache(maxsize=64)
def _client(endpoint: str | None, region: str | None, key_id: str | None, secret: str | None) -> S3Client:
    """A client that gives up quickly: a connected bucket is someone else's, and may be away."""
    import boto3
    from botocore.config import Config

    config = Config(
        s3={"addressing_style": "path"} if endpoint else {},
        connect_timeout=5,
        read_timeout=60,
        retries={"mode": "standard", "total_max_attempts": 2},
    )
    made: S3Client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=config,
    )
    return made


def check(storage: CloudStorage) -> None:
    """Raise CloudStorageError unless the bucket can be listed with these settings."""
    next(iter(objects(storage, limit=1)), None)


def objects(storage: CloudStorage, prefix: str = "", *, limit: int = MAX_LISTED) -> Iterator[StoredObject]:
    """The objects under the storage's prefix + `prefix`, in key order (S3 lists in UTF-8 byte order)."""
    from botocore.exceptions import BotoCoreError, ClientError

    paginator = client(storage).get_paginator("list_objects_v2")
    count = 0
    try:
        for page in paginator.paginate(Bucket=storage.bucket, Prefix=storage.prefix + prefix):
            for item in page.get("Contents", []):
                if item["Key"].endswith("/"):
                    continue  # a "folder" marker
                yield StoredObject(item["Key"], int(item["Size"]), str(item["ETag"]).strip('"'))
                count += 1
                if count >= limit:
                    return
    except ClientError as error:
        raise _error(storage, "list", storage.prefix + prefix, error) from None
    except BotoCoreError as error:
        raise CloudStorageError(
            f"s3://{storage.bucket}: cannot be reached: {error}", "storage_unreachable"
        ) from None


def head(storage: CloudStorage, key: str) -> StoredObject:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        answer: dict[str, Any] = client(storage).head_object(Bucket=storage.bucket, Key=key)
    except ClientError as error:
        raise _error(storage, "read", key, error) from None
    except BotoCoreError as error:
        raise CloudStorageError(
            f"s3://{storage.bucket}: cannot be reached: {error}", "storage_unreachable"
        ) from None
    return StoredObject(key, int(answer["ContentLength"]), str(answer["ETag"]).strip('"'))


def fetch(settings: Settings, storage: Bucket, key: str, content_hash: str, etag: str | None = None) -> Path:
    """A local copy of the object (downloaded into the size-capped cache when not there yet). With
    `etag`, only that version: an object replaced since is refused (`object_changed`)."""
    from botocore.exceptions import BotoCoreError, ClientError

    cache = _cache(settings)
    cached = cache.get(content_hash)
    if cached is not None:
        return cached
    cache.root.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=cache.root, prefix="fetch-")
    try:
        condition = {} if etag is None else {"IfMatch": f'"{etag}"'}
        answer = client(storage).get_object(Bucket=storage.bucket, Key=key, **condition)
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(answer["Body"], out, CHUNK_BYTES)
    except ClientError as error:
        Path(tmp_name).unlink(missing_ok=True)
        raise _error(storage, "read", key, error) from None
    except BotoCoreError as error:
        Path(tmp_name).unlink(missing_ok=True)
        msg = f"s3://{storage.bucket}: cannot be reached: {error}"
        raise CloudStorageError(msg, "storage_unreachable") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return cache.admit(content_hash, Path(tmp_name))


def _cache(settings: Settings) -> BlobCache:
    from annota.storage.s3_store import BlobCache

    return BlobCache(settings.cache_dir / CACHE_DIR, settings.media_cache_bytes)


def _error(storage: CloudStorage | Bucket, action: str, key: str, error: Any) -> CloudStorageError:
    code = str(error.response.get("Error", {}).get("Code", ""))
    where = f"s3://{storage.bucket}/{key}"
    if code in ("PreconditionFailed", "412"):
        return CloudStorageError(
            f"{where}: the object was replaced since the task was made", "object_changed"
        )
    if code in ("NoSuchKey", "404", "NotFound"):
        return CloudStorageError(f"{where}: no such object", "object_not_found")
    if code == "NoSuchBucket":
        return CloudStorageError(f"s3://{storage.bucket}: no such bucket", "bucket_not_found")
    if code in ("AccessDenied", "403", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
        return CloudStorageError(f"{where}: access denied to {action} it ({code})", "storage_access_denied")
    return CloudStorageError(f"{where}: cannot {action} it ({code or error})", "storage_error")
