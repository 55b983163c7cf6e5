"""Per-user preferences; files referred to by project guidelines.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 13:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preferences", sa.JSON(), nullable=True))
    op.create_table(
        "project_assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_hash"], ["blobs.content_hash"], name=op.f("fk_project_assets_content_hash_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_assets_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_assets")),
    )
    with op.batch_alter_table("project_assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_assets_content_hash"), ["content_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_assets_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project_assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_assets_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_assets_content_hash"))
    op.drop_table("project_assets")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("preferences")
