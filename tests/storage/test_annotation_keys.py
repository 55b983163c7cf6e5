"""Annotations always belong to an existing job and label, on both databases. On PostgreSQL the keys are
statement-level triggers (migration 0009, ADR 0005), so these tests pin what a foreign key guarantees:
an orphan is refused whichever way it is written (one row, many rows, COPY, an update), a deleted job
or label takes its annotations, and a job deleted while annotations are written for it leaves none
(SQLite runs one writer at a time; PostgreSQL's transactions overlap and lock the job as a key would)."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from annota.storage import tasks
from annota.storage.db import Database
from annota.storage.tables import Job, Label, ShapeRow, TagRow, TrackRow
from tests.storage.builders import a_label, a_project, a_task, a_user
from tests.storage.threads import finish, start

GEOMETRY = {"points": [1.0, 2.0, 3.0, 4.0], "rotation": 0}


@pytest.fixture
def ids(database: Database) -> dict[str, int]:
    with database.write() as session:
        project = a_project(session, a_user(session), "Roads")
        label = a_label(session, project, "car")
        (job,) = tasks.split_into_jobs(session, a_task(session, project), 10)
        return {"job": job.id, "label": label.id}


def shape(id_: str, job_id: int, label_id: int, frame: int = 0) -> dict[str, Any]:
    return {
        "id": id_, "job_id": job_id, "label_id": label_id, "kind": "rectangle", "frame": frame, "z_order": 0,
        "occluded": False, "outside": False, "attributes": {}, "source": "manual", "geometry": GEOMETRY,
        "revision": 1,
    }  # fmt: skip


def count(database: Database, table: type[ShapeRow] | type[TagRow] | type[TrackRow]) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


@pytest.mark.parametrize("missing", ["job", "label"])
def test_a_shape_of_a_job_or_label_that_does_not_exist_is_refused(
    database: Database, ids: dict[str, int], missing: str
) -> None:
    wrong = {**ids, missing: ids[missing] + 1000}
    rows = [shape(f"s{n}", ids["job"], ids["label"]) for n in range(50)] + [
        shape("bad", wrong["job"], wrong["label"])
    ]

    with pytest.raises(IntegrityError), database.write() as session:
        session.execute(insert(ShapeRow), rows)

    assert count(database, ShapeRow) == 0


def test_an_update_that_points_a_shape_at_a_missing_label_is_refused(
    database: Database, ids: dict[str, int]
) -> None:
    with database.write() as session:
        session.execute(insert(ShapeRow), [shape("s1", ids["job"], ids["label"])])

    with pytest.raises(IntegrityError), database.write() as session:
        session.execute(update(ShapeRow).where(ShapeRow.id == "s1").values(label_id=ids["label"] + 1000))

    with database.session() as session:
        assert session.scalar(select(ShapeRow.label_id)) == ids["label"]


@pytest.mark.parametrize("database", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_rows_copied_in_bulk_without_their_job_are_refused(database: Database, ids: dict[str, int]) -> None:
    """PostgreSQL imports COPY their rows (SQLite's insert them: the test above)."""
    columns = list(shape("x", 0, 0))
    good = [shape(f"s{n}", ids["job"], ids["label"]) for n in range(1000)]
    rows = [*good, shape("orphan", ids["job"] + 1000, ids["label"])]

    with pytest.raises(psycopg.errors.ForeignKeyViolation), database.write() as session:
        cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY shapes ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([str(v).replace("'", '"') if isinstance(v, dict) else v for v in row.values()])
        session.flush()
        session.execute(select(1))  # the statement's triggers ran at the end of the COPY

    assert count(database, ShapeRow) == 0


def test_deleting_a_label_takes_its_shapes_tags_and_tracks_only(
    database: Database, ids: dict[str, int]
) -> None:
    with database.write() as session:
        other = session.get(Label, ids["label"])
        assert other is not None
        kept = Label(project_id=other.project_id, name="bus", color="#00ff00", kind="any", attributes=[])
        session.add(kept)
        session.flush()
        session.execute(
            insert(ShapeRow), [shape("gone", ids["job"], ids["label"]), shape("kept", ids["job"], kept.id)]
        )
        keys = {"job_id": ids["job"], "label_id": ids["label"], "frame": 0, "attributes": {}, "revision": 1}
        session.add(TagRow(id="t", stop_frame=0, source="manual", **keys))
        session.add(TrackRow(id="k", kind="rectangle", z_order=0, source="manual", keyframes=[], **keys))

    with database.write() as session:
        session.execute(delete(Label).where(Label.id == ids["label"]))

    with database.session() as session:
        assert list(session.scalars(select(ShapeRow.id))) == ["kept"]
    assert (count(database, TagRow), count(database, TrackRow)) == (0, 0)


def test_a_job_deleted_while_shapes_are_written_for_it_leaves_no_orphan(
    database: Database, ids: dict[str, int]
) -> None:
    written, deleted = threading.Event(), threading.Event()
    outcome: list[object] = []

    def writer() -> None:
        with database.write() as session:
            session.execute(insert(ShapeRow), [shape(f"s{n}", ids["job"], ids["label"]) for n in range(20)])
            written.set()
            deleted.wait(2)  # the delete waits for this commit (PostgreSQL: the job is locked FOR KEY SHARE)
        outcome.append("committed")

    def deleter() -> None:
        written.wait(10)
        with database.write() as session:
            session.execute(delete(Job).where(Job.id == ids["job"]))
        deleted.set()

    finish([start(writer), start(deleter)])

    assert outcome == ["committed"]
    assert count(database, ShapeRow) == 0  # the delete came after the commit, and took the rows with it


def test_shapes_written_for_a_job_deleted_meanwhile_are_refused(
    database: Database, ids: dict[str, int]
) -> None:
    deleting, inserted = threading.Event(), threading.Event()
    outcome: list[object] = []

    def deleter() -> None:
        with database.write() as session:
            session.execute(delete(Job).where(Job.id == ids["job"]))
            deleting.set()
            inserted.wait(1)  # the insert waits for this commit (PostgreSQL: on the deleted job's row lock)

    def writer() -> None:
        deleting.wait(10)
        try:
            with database.write() as session:
                session.execute(insert(ShapeRow), [shape("late", ids["job"], ids["label"])])
        except IntegrityError as error:
            outcome.append(error)
        inserted.set()

    finish([start(deleter), start(writer)])

    assert len(outcome) == 1 and isinstance(outcome[0], IntegrityError)
    assert count(database, ShapeRow) == 0
