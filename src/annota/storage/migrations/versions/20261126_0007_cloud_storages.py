"""Connected cloud storage: buckets a project reads media from in place (issue 8).

Revision ID: 0007_cloud_storages
Revises: 0006_quality
Create Date: 2026-11-26 16:54:49.745878
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_cloud_storages"
down_revision: str | None = "0006_quality"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cloud_storages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("bucket", sa.String(length=63), nullable=False),
        sa.Column("prefix", sa.String(length=1024), nullable=False),
        sa.Column("endpoint_url", sa.String(length=500), nullable=True),
        sa.Column("region", sa.String(length=50), nullable=True),
        sa.Column("access_key_id", sa.String(length=200), nullable=True),
        sa.Column("secret_access_key", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_cloud_storages_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_cloud_storages_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cloud_storages")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_cloud_storages_project_id_name")),
    )
    with op.batch_alter_table("cloud_storages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cloud_storages_project_id"), ["project_id"], unique=False)

    op.create_table(
        "external_blobs",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("storage_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=1024), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_hash"],
            ["blobs.content_hash"],
            name=op.f("fk_external_blobs_content_hash_blobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["storage_id"],
            ["cloud_storages.id"],
            name=op.f("fk_external_blobs_storage_id_cloud_storages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("content_hash", name=op.f("pk_external_blobs")),
    )
    with op.batch_alter_table("external_blobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_external_blobs_storage_id"), ["storage_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("external_blobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_blobs_storage_id"))

    op.drop_table("external_blobs")
    with op.batch_alter_table("cloud_storages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cloud_storages_project_id"))

    op.drop_table("cloud_storages")
