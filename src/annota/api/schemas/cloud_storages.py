from __future__ import annotations

from datetime import datetime

from pydantic import Field

from annota.api.schemas.common import Public, Wire

BUCKET_PATTERN = r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$"


class CloudStorageCreate(Wire):
    name: str = Field(min_length=1, max_length=100)
    bucket: str = Field(
        pattern=BUCKET_PATTERN, description="Bucket name (3-63 lowercase letters, digits, '.', '-')"
    )
    prefix: str = Field(
        default="", max_length=1024, description="Only objects under this prefix, e.g. 'cams/2026/'"
    )
    endpoint_url: str | None = Field(
        default=None, pattern=r"^https?://", description="S3-compatible endpoint (MinIO, Ceph...); none: AWS"
    )
    region: str | None = Field(default=None, max_length=50)
    access_key_id: str | None = Field(default=None, max_length=200)
    secret_access_key: str | None = Field(
        default=None, max_length=500, description="Stored server-side, never shown again"
    )


class CloudStoragePublic(Public):
    id: int
    project_id: int
    name: str
    bucket: str
    prefix: str
    endpoint_url: str | None
    region: str | None
    has_credentials: bool = Field(description="Keys were given (else the server's own credentials are used)")
    created_at: datetime


class StoredObjectPublic(Public):
    key: str = Field(description="Relative to the storage's prefix")
    size: int


class ObjectListing(Public):
    items: list[StoredObjectPublic]
    truncated: bool = Field(description="More objects match than `limit`")


class CloudMediaImport(Wire):
    storage_id: int
    keys: list[str] = Field(
        default_factory=list, max_length=10_000, description="Object keys, relative to the storage's prefix"
    )
    prefix: str | None = Field(default=None, description="Or: every object under this prefix, in key order")
