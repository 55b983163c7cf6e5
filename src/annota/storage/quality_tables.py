"""Tables of quality control (issue 7): per-project quality settings, ground-truth frames, consensus
merges with their per-frame agreement, and qualification exam attempts.

Registered on ``Base.metadata`` when imported; ``annota.storage.tables`` imports every ``*_tables``
module so that Alembic and the migration test see the whole schema.

Quality reports themselves are never stored: they are computed from the current annotations.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from annota.storage.tables import Base, created_at_column, one_of
from annota.storage.types import utcnow

REVIEW_METRICS = ("accuracy", "f1", "precision", "recall")
SAMPLING_MODES = ("frames", "count", "fraction")
ATTEMPT_STATES = ("in_progress", "passed", "failed")


class QualitySettingsRow(Base):
    """A project's quality settings; a project without a row uses the defaults."""

    __tablename__ = "quality_settings"
    __table_args__ = (
        CheckConstraint(one_of("review_metric", REVIEW_METRICS), name="review_metric"),
        CheckConstraint("exam_max_attempts >= 1", name="exam_max_attempts"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    # The comparison rules (`QualityThresholds` fields); missing keys take the documented defaults.
    comparison: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # A job whose `review_metric` against its ground truth is below this is flagged for review.
    review_threshold: Mapped[float | None] = mapped_column(Float)
    review_metric: Mapped[str] = mapped_column(String(16), default="accuracy")
    # Consensus: frames whose agreement is below this are flagged; objects need this share of replicas.
    agreement_threshold: Mapped[float] = mapped_column(Float, default=0.5)
    consensus_quorum: Mapped[float] = mapped_column(Float, default=0.5)
    # An exam project: its tasks' ground truth is the gold standard operators are graded against.
    is_exam: Mapped[bool] = mapped_column(default=False)
    exam_pass_score: Mapped[float] = mapped_column(Float, default=0.8)
    exam_max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    # Operators must have passed this exam project before they are assigned jobs here.
    required_exam_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class GroundTruthRow(Base):
    """How a `ground_truth` job's frames were chosen (a list, or a random sample, per job for honeypots)."""

    __tablename__ = "quality_ground_truths"
    __table_args__ = (CheckConstraint(one_of("mode", SAMPLING_MODES), name="mode"),)

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(16))
    # The sample: N frames or this fraction of the frames, of the task or (per_job) of each job.
    count: Mapped[int | None] = mapped_column(Integer)
    fraction: Mapped[float | None] = mapped_column(Float)
    per_job: Mapped[bool] = mapped_column(default=False)
    seed: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()


class GroundTruthFrame(Base):
    """One frame of a ground-truth job: only these frames are compared (its span may hold others)."""

    __tablename__ = "quality_ground_truth_frames"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    frame: Mapped[int] = mapped_column(Integer, primary_key=True)


class ConsensusMerge(Base):
    """The last merge of a job's consensus replicas into it."""

    __tablename__ = "quality_consensus_merges"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    replicas: Mapped[int] = mapped_column(Integer)
    objects: Mapped[int] = mapped_column(Integer)
    mean_agreement: Mapped[float | None] = mapped_column(Float)
    merged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsensusFrame(Base):
    """Agreement of a consensus job's replicas on one frame, as of the last merge."""

    __tablename__ = "quality_consensus_frames"
    __table_args__ = (Index(None, "job_id", "flagged"),)

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    frame: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement: Mapped[float] = mapped_column(Float)
    objects: Mapped[int] = mapped_column(Integer)
    flagged: Mapped[bool] = mapped_column(default=False)


class ExamAttempt(Base):
    """One operator's attempt at an exam project: the jobs they annotate, then their grade."""

    __tablename__ = "quality_exam_attempts"
    __table_args__ = (
        UniqueConstraint("exam_id", "user_id", "number"),
        CheckConstraint(one_of("state", ATTEMPT_STATES), name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 for the first attempt
    state: Mapped[str] = mapped_column(String(16), default="in_progress")
    job_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    pass_score: Mapped[float] = mapped_column(Float)  # the threshold when the attempt started
    score: Mapped[float | None] = mapped_column(Float)
    # Skill name (boxes, polygons, keypoints, tracking) -> score; a skill the exam does not test is absent.
    skills: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = created_at_column()
    finished_at: Mapped[datetime | None]
