"""Tables of connected cloud storage: buckets a project reads media from in place, without copying.

A connected object becomes a `Blob` like an upload, but its hash names the object's version (bucket
connection, key and ETag), not its bytes; `ExternalBlob` says where to fetch it. See
docs/cloud-storage.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from annota.storage.tables import Base, created_at_column


class CloudStorage(Base):
    """An S3-compatible bucket (and prefix) connected to a project, with the credentials to read it."""

    __tablename__ = "cloud_storages"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    bucket: Mapped[str] = mapped_column(String(63))
    prefix: Mapped[str] = mapped_column(String(1024), default="")
    endpoint_url: Mapped[str | None] = mapped_column(String(500))
    region: Mapped[str | None] = mapped_column(String(50))
    # None: the server's own credential chain (instance role, AWS_* variables).
    access_key_id: Mapped[str | None] = mapped_column(String(200))
    secret_access_key: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()


class ExternalBlob(Base):
    """Where the bytes of a blob that lives in a connected bucket are."""

    __tablename__ = "external_blobs"

    content_hash: Mapped[str] = mapped_column(
        ForeignKey("blobs.content_hash", ondelete="CASCADE"), primary_key=True
    )
    # Removing a connection is refused while media use it (`cloud_storages.remove`); a project's
    # deletion takes its connections, and their rows here, with it.
    storage_id: Mapped[int] = mapped_column(ForeignKey("cloud_storages.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(1024))
    etag: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
