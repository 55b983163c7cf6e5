"""Tables of quality history (issue 7 §6): a job's score against its ground truth, recorded when it is
submitted and when a review accepts or rejects it, so that trends survive later edits of the annotations.

Registered on ``Base.metadata`` when imported; ``annota.storage.tables`` imports every ``*_tables`` module.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from annota.storage.tables import Base, created_at_column, one_of

HISTORY_EVENTS = ("submit", "accept", "reject")


class QualityHistoryPoint(Base):
    """One job's quality at one workflow event: who annotated it, which submission round, its score (None
    without a ground truth covering it) and its conflicts by type."""

    __tablename__ = "quality_history"
    __table_args__ = (
        CheckConstraint(one_of("event", HISTORY_EVENTS), name="event"),
        CheckConstraint("round >= 1", name="round"),
        Index(None, "project_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    # The job's assignee when the event happened: the person the point scores.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    event: Mapped[str] = mapped_column(String(16))
    round: Mapped[int] = mapped_column(Integer, default=1)  # 1 for the first submission of the job
    accuracy: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[float | None] = mapped_column(Float)
    recall: Mapped[float | None] = mapped_column(Float)
    frames_compared: Mapped[int] = mapped_column(Integer, default=0)
    # Conflict type (`ConflictType` value) -> count; empty without a ground truth.
    conflicts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    recorded_at: Mapped[datetime] = created_at_column()
