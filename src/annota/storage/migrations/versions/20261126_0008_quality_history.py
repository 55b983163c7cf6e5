"""Quality history: a job's score at each submit and review, for the trends (issue 7 §6).

Revision ID: 0008_quality_history
Revises: 0007_cloud_storages
Create Date: 2026-11-26 17:24:55.940739
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_quality_history"
down_revision: str | None = "0007_cloud_storages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quality_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.Column("precision", sa.Float(), nullable=True),
        sa.Column("recall", sa.Float(), nullable=True),
        sa.Column("frames_compared", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("event IN ('submit', 'accept', 'reject')", name=op.f("ck_quality_history_event")),
        sa.CheckConstraint("round >= 1", name=op.f("ck_quality_history_round")),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_quality_history_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_quality_history_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_quality_history_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_history")),
    )
    with op.batch_alter_table("quality_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_history_job_id"), ["job_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quality_history_project_id_recorded_at"),
            ["project_id", "recorded_at"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_quality_history_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quality_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_history_user_id"))
        batch_op.drop_index(batch_op.f("ix_quality_history_project_id_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_quality_history_job_id"))

    op.drop_table("quality_history")
