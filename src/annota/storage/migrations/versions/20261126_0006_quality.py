"""Quality control: project quality settings, ground-truth frames, consensus merges and their
per-frame agreement, qualification exam attempts (issue 7).

Revision ID: 0006_quality
Revises: 0005_teams
Create Date: 2026-11-26 16:31:10.865278
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_quality"
down_revision: str | None = "0005_teams"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quality_exam_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("job_ids", sa.JSON(), nullable=False),
        sa.Column("pass_score", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('in_progress', 'passed', 'failed')", name=op.f("ck_quality_exam_attempts_state")
        ),
        sa.ForeignKeyConstraint(
            ["exam_id"],
            ["projects.id"],
            name=op.f("fk_quality_exam_attempts_exam_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_quality_exam_attempts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_exam_attempts")),
        sa.UniqueConstraint(
            "exam_id", "user_id", "number", name=op.f("uq_quality_exam_attempts_exam_id_user_id_number")
        ),
    )
    with op.batch_alter_table("quality_exam_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_exam_attempts_exam_id"), ["exam_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quality_exam_attempts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "quality_settings",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("comparison", sa.JSON(), nullable=False),
        sa.Column("review_threshold", sa.Float(), nullable=True),
        sa.Column("review_metric", sa.String(length=16), nullable=False),
        sa.Column("agreement_threshold", sa.Float(), nullable=False),
        sa.Column("consensus_quorum", sa.Float(), nullable=False),
        sa.Column("is_exam", sa.Boolean(), nullable=False),
        sa.Column("exam_pass_score", sa.Float(), nullable=False),
        sa.Column("exam_max_attempts", sa.Integer(), nullable=False),
        sa.Column("required_exam_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "review_metric IN ('accuracy', 'f1', 'precision', 'recall')",
            name=op.f("ck_quality_settings_review_metric"),
        ),
        sa.CheckConstraint("exam_max_attempts >= 1", name=op.f("ck_quality_settings_exam_max_attempts")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_quality_settings_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["required_exam_id"],
            ["projects.id"],
            name=op.f("fk_quality_settings_required_exam_id_projects"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_quality_settings")),
    )
    with op.batch_alter_table("quality_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quality_settings_required_exam_id"), ["required_exam_id"], unique=False
        )

    op.create_table(
        "quality_consensus_frames",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("frame", sa.Integer(), nullable=False),
        sa.Column("agreement", sa.Float(), nullable=False),
        sa.Column("objects", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_quality_consensus_frames_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", "frame", name=op.f("pk_quality_consensus_frames")),
    )
    with op.batch_alter_table("quality_consensus_frames", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quality_consensus_frames_job_id_flagged"), ["job_id", "flagged"], unique=False
        )

    op.create_table(
        "quality_consensus_merges",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("replicas", sa.Integer(), nullable=False),
        sa.Column("objects", sa.Integer(), nullable=False),
        sa.Column("mean_agreement", sa.Float(), nullable=True),
        sa.Column("merged_by", sa.Integer(), nullable=True),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_quality_consensus_merges_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["merged_by"],
            ["users.id"],
            name=op.f("fk_quality_consensus_merges_merged_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_quality_consensus_merges")),
    )
    op.create_table(
        "quality_ground_truth_frames",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("frame", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["jobs.id"],
            name=op.f("fk_quality_ground_truth_frames_job_id_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", "frame", name=op.f("pk_quality_ground_truth_frames")),
    )
    op.create_table(
        "quality_ground_truths",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("fraction", sa.Float(), nullable=True),
        sa.Column("per_job", sa.Boolean(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "mode IN ('frames', 'count', 'fraction')", name=op.f("ck_quality_ground_truths_mode")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_quality_ground_truths_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_quality_ground_truths_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_quality_ground_truths_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_quality_ground_truths")),
    )
    with op.batch_alter_table("quality_ground_truths", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_ground_truths_task_id"), ["task_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quality_ground_truths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_ground_truths_task_id"))

    op.drop_table("quality_ground_truths")
    op.drop_table("quality_ground_truth_frames")
    op.drop_table("quality_consensus_merges")
    with op.batch_alter_table("quality_consensus_frames", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_consensus_frames_job_id_flagged"))

    op.drop_table("quality_consensus_frames")
    with op.batch_alter_table("quality_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_settings_required_exam_id"))

    op.drop_table("quality_settings")
    with op.batch_alter_table("quality_exam_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_exam_attempts_user_id"))
        batch_op.drop_index(batch_op.f("ix_quality_exam_attempts_exam_id"))

    op.drop_table("quality_exam_attempts")
