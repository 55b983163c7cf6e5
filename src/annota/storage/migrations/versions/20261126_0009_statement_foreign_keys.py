"""PostgreSQL: annotations' job and label keys checked once per statement, not once per row (ADR 0005).

The row-level foreign keys of shapes, tags and tracks to jobs and labels cost a lookup and a lock per
row: 60 % of a 1M-box import. On PostgreSQL they become statement-level triggers that do the same
work in bulk: after an INSERT or UPDATE, the distinct parents of the new rows are locked FOR KEY SHARE
(what a foreign key locks) and one anti-join finds a row without its job or label (raised as a
foreign_key_violation); after a DELETE of jobs or labels, their annotations are deleted (the
ON DELETE CASCADE). SQLite keeps its foreign keys: its checks are cheap and its imports meet the target.

Revision ID: 0009_statement_foreign_keys
Revises: 0008_quality_history
Create Date: 2026-11-26 23:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_statement_foreign_keys"
down_revision: str | None = "0008_quality_history"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHILDREN = ("shapes", "tags", "tracks")
PARENTS = {"job_id": "jobs", "label_id": "labels"}

CHECK_PARENTS = """
CREATE FUNCTION annota_check_job_and_label() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orphan record;
BEGIN
    PERFORM 1 FROM jobs WHERE id IN (SELECT DISTINCT job_id FROM new_rows) FOR KEY SHARE;
    PERFORM 1 FROM labels WHERE id IN (SELECT DISTINCT label_id FROM new_rows) FOR KEY SHARE;
    SELECT n.id, n.job_id, n.label_id INTO orphan FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = n.job_id)
        OR NOT EXISTS (SELECT 1 FROM labels l WHERE l.id = n.label_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = 'foreign_key_violation',
            MESSAGE = format('%s %s: job %s or label %s does not exist',
                             TG_TABLE_NAME, orphan.id, orphan.job_id, orphan.label_id);
    END IF;
    RETURN NULL;
END $$
"""

CASCADE = """
CREATE FUNCTION annota_delete_annotations_of_{parent}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM shapes WHERE {column} IN (SELECT id FROM old_rows);
    DELETE FROM tags WHERE {column} IN (SELECT id FROM old_rows);
    DELETE FROM tracks WHERE {column} IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    inspector = sa.inspect(bind)
    op.execute(CHECK_PARENTS)
    for table in CHILDREN:
        for key in inspector.get_foreign_keys(table):
            if key["constrained_columns"] in (["job_id"], ["label_id"]) and key["name"]:
                op.drop_constraint(key["name"], table, type_="foreignkey")
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER {table}_parents_{event.lower()} AFTER {event} ON {table}"
                " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"
                " EXECUTE FUNCTION annota_check_job_and_label()"
            )
    for column, parent in PARENTS.items():
        op.execute(CASCADE.format(parent=parent, column=column))
        op.execute(
            f"CREATE TRIGGER {parent}_annotations_delete AFTER DELETE ON {parent}"
            f" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION annota_delete_annotations_of_{parent}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column, parent in PARENTS.items():
        op.execute(f"DROP TRIGGER {parent}_annotations_delete ON {parent}")
        op.execute(f"DROP FUNCTION annota_delete_annotations_of_{parent}()")
        for table in CHILDREN:
            # Rows left without a parent would fail the foreign key: there are none (the triggers).
            name = f"fk_{table}_{column}_{parent}"
            op.create_foreign_key(name, table, parent, [column], ["id"], ondelete="CASCADE")
    for table in CHILDREN:
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER {table}_parents_{event} ON {table}")
    op.execute("DROP FUNCTION annota_check_job_and_label()")
