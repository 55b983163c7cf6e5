"""SQLAlchemy tables of the whole platform (storage schema; the domain model is the truth).

Portable types only, so that one set of migrations serves SQLite and PostgreSQL. Every change
here needs an Alembic revision in `migrations/versions/` (a test compares both).
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from annota.storage.types import UTCDateTime, utcnow

# Named constraints make later migrations (and SQLite batch mode) deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("owner", "manager", "reviewer", "annotator")
MEDIA_KINDS = ("images", "video")
JOB_STAGES = ("annotation", "validation", "acceptance")
JOB_STATES = ("new", "in_progress", "completed", "rejected")
JOB_KINDS = ("annotation", "ground_truth", "consensus_replica")


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


def created_at_column() -> Mapped[datetime]:
    return mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(String(16), default="en")
    # Per-user editor settings (shortcuts, view options); None until first saved.
    preferences: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = created_at_column()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # The first characters of the token, shown in lists so users can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = created_at_column()
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class LoginSession(Base):
    __tablename__ = "sessions"

    # The hash of the session token: a leaked database does not leak usable sessions.
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_at_column()


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("organization_id", "user_id"),
        CheckConstraint(one_of("role", ROLES), name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # An organisation with projects cannot be deleted by accident: no cascade.
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    guidelines: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Label(Base):
    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="any")
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    skeleton: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(one_of("media_kind", MEDIA_KINDS), name="media_kind"),
        CheckConstraint("segment_size >= 0 AND overlap >= 0", name="segments"),
        CheckConstraint("frame_step >= 1", name="frame_step"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    subset: Mapped[str] = mapped_column(String(64), default="")
    media_kind: Mapped[str] = mapped_column(String(8), default="images")
    # 0 means one job for the whole task.
    segment_size: Mapped[int] = mapped_column(Integer, default=0)
    overlap: Mapped[int] = mapped_column(Integer, default=0)
    frame_start: Mapped[int] = mapped_column(Integer, default=0)
    frame_stop: Mapped[int | None] = mapped_column(Integer)
    frame_step: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Blob(Base):
    """A media file by content: two tasks importing the same image share one file."""

    __tablename__ = "blobs"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256, hex
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(100))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at_column()


class ProjectAsset(Base):
    """A file referred to by a project's guidelines (an image in the Markdown)."""

    __tablename__ = "project_assets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    content_hash: Mapped[str] = mapped_column(ForeignKey("blobs.content_hash"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = created_at_column()


class MediaItem(Base):
    __tablename__ = "media_items"
    __table_args__ = (UniqueConstraint("task_id", "frame"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    frame: Mapped[int] = mapped_column(Integer)  # 0-based index in the task
    name: Mapped[str] = mapped_column(String(1024))  # original file name or relative path
    # Blobs are collected separately once nothing refers to them: no cascade from here.
    content_hash: Mapped[str] = mapped_column(ForeignKey("blobs.content_hash"), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = created_at_column()


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(one_of("stage", JOB_STAGES), name="stage"),
        CheckConstraint(one_of("state", JOB_STATES), name="state"),
        CheckConstraint(one_of("kind", JOB_KINDS), name="kind"),
        CheckConstraint("frame_start >= 0 AND frame_stop >= frame_start", name="frames"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    frame_start: Mapped[int] = mapped_column(Integer)
    frame_stop: Mapped[int] = mapped_column(Integer)  # inclusive
    # Optimistic concurrency for annotation saves (ADR 0001): bumped by every save.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    stage: Mapped[str] = mapped_column(String(16), default="annotation")
    state: Mapped[str] = mapped_column(String(16), default="new")
    kind: Mapped[str] = mapped_column(String(24), default="annotation")
    parent_job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    deadline: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# Annotation tables (ADR 0001): one row per object, geometry as JSON, `revision` = the job
# revision that last wrote the row. Ids are client-chosen UUID strings.


# On PostgreSQL, these foreign keys are statement-level triggers instead (migration 0009, ADR 0005): the
# same checks, locks and cascades, done once per statement, not once per row. Schema comparisons skip them.
STATEMENT_FOREIGN_KEYS = frozenset(
    (table, column) for table in ("shapes", "tags", "tracks") for column in ("job_id", "label_id")
)


def is_statement_foreign_key(constraint: object, dialect: str) -> bool:
    """Whether `constraint` (a ForeignKeyConstraint) is one of those the triggers enforce on `dialect`."""
    if dialect != "postgresql" or not isinstance(constraint, ForeignKeyConstraint):
        return False
    return any((constraint.table.name, column) in STATEMENT_FOREIGN_KEYS for column in constraint.column_keys)


class ShapeRow(Base):
    __tablename__ = "shapes"
    __table_args__ = (Index(None, "job_id", "frame"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    frame: Mapped[int] = mapped_column(Integer)
    z_order: Mapped[int] = mapped_column(Integer, default=0)
    occluded: Mapped[bool] = mapped_column(default=False)
    outside: Mapped[bool] = mapped_column(default=False)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    group_id: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    score: Mapped[float | None] = mapped_column(Float)
    geometry: Mapped[dict[str, Any]] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer)


class TrackRow(Base):
    __tablename__ = "tracks"
    __table_args__ = (Index(None, "job_id", "frame"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    frame: Mapped[int] = mapped_column(Integer)  # the first keyframe's frame
    z_order: Mapped[int] = mapped_column(Integer, default=0)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the immutable ones
    group_id: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    keyframes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer)


class TagRow(Base):
    __tablename__ = "tags"
    __table_args__ = (Index(None, "job_id", "frame"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    frame: Mapped[int] = mapped_column(Integer)
    stop_frame: Mapped[int] = mapped_column(Integer)  # inclusive; equal to `frame` for an image tag
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    score: Mapped[float | None] = mapped_column(Float)
    revision: Mapped[int] = mapped_column(Integer)


def _import_feature_tables() -> None:
    """Import every `annota.storage.*_tables` module: their tables register on Base.metadata.

    Features keep their tables in modules of their own (`video_tables`, `job_tables`, ...). Found
    by name here, after Base and its helpers exist, so that importing this module always yields the
    complete schema: what Alembic autogenerates from and what the migration test compares with.
    """
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.endswith("_tables"):
            importlib.import_module(f"{__package__}.{module.name}")


_import_feature_tables()
