"""Video indexes: frame -> pts map, keyframes and stream facts of each video blob.

Revision ID: 0003_video_indexes
Revises: 0002
Create Date: 2026-11-26 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_video_indexes"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "video_indexes",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("container", sa.String(length=16), nullable=False),
        sa.Column("codec", sa.String(length=32), nullable=False),
        sa.Column("pixel_format", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("time_base_num", sa.Integer(), nullable=False),
        sa.Column("time_base_den", sa.Integer(), nullable=False),
        sa.Column("rate_num", sa.Integer(), nullable=True),
        sa.Column("rate_den", sa.Integer(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("first_pts", sa.BigInteger(), nullable=False),
        sa.Column("frame_count", sa.Integer(), nullable=False),
        sa.Column("frame_count_exact", sa.Boolean(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("variable_rate", sa.Boolean(), nullable=True),
        sa.Column("keyframe_count", sa.Integer(), nullable=True),
        sa.Column("frame_pts", sa.LargeBinary(), nullable=True),
        sa.Column("keyframes", sa.LargeBinary(), nullable=True),
        sa.Column("index_seconds", sa.Float(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('indexing', 'ready', 'failed')", name=op.f("ck_video_indexes_status")),
        sa.CheckConstraint("method IN ('demux', 'decode')", name=op.f("ck_video_indexes_method")),
        sa.CheckConstraint("rotation IN (0, 90, 180, 270)", name=op.f("ck_video_indexes_rotation")),
        sa.CheckConstraint("frame_count >= 0", name=op.f("ck_video_indexes_frame_count")),
        sa.ForeignKeyConstraint(
            ["content_hash"],
            ["blobs.content_hash"],
            name=op.f("fk_video_indexes_content_hash_blobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("content_hash", name=op.f("pk_video_indexes")),
    )


def downgrade() -> None:
    op.drop_table("video_indexes")
