"""Storage of background jobs: one row per import, export or tracking run (issue 8, "Background work").

The row is the durable truth of a job: what to do (`kind`, `params`), who asked and in which project
(authorization), where it stands (`status`, `progress`, `message`), how it ended (`result` or `error`)
and who is working on it (`attempt`, `worker`, `heartbeat_at`). Live progress between two row writes
travels through the queue's storage (see ``annota.jobs.signals``).

Registered on ``Base.metadata`` by importing this module; ``annota.storage.tables`` must import it for
Alembic and the migration test to see the table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from annota.storage.tables import Base, created_at_column, one_of

JOB_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
FINISHED_STATUSES = ("succeeded", "failed", "cancelled")


class BackgroundJobRow(Base):
    __tablename__ = "background_jobs"
    __table_args__ = (
        CheckConstraint(one_of("status", JOB_STATUSES), name="status"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
        CheckConstraint("attempt >= 0", name="attempt"),
        # The stale-job sweep reads running jobs by heartbeat.
        Index(None, "status", "heartbeat_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No CHECK on kind: kinds are a registry (``annota.jobs.kinds``) that grows without migrations.
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    # A deleted user's jobs stay (their files may matter to the project); a deleted project's go.
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Located problems, in the API's error item shape: [{"loc": [...], "msg": "...", "type": "..."}].
    error: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    # Bumped by every claim: a worker's writes are guarded by the attempt it claimed.
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
