from __future__ import annotations

import pytest

from annota.storage import jobs, tasks
from annota.storage.db import Database
from annota.storage.errors import InvalidValue, NotFound
from tests.storage.builders import a_job, a_project, a_task, a_user


def test_a_job_is_assigned_and_moves_through_stages(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        job = a_job(session, task)
        annotator = a_user(session, "bob")
        jobs.update_job(session, job.id, {"assignee_id": annotator.id, "state": "in_progress"})
        jobs.update_job(session, job.id, {"stage": "validation", "priority": 2})

    with database.session() as session:
        stored = jobs.get_job(session, job.id)
        assert (stored.assignee_id, stored.state, stored.stage, stored.priority) == (
            annotator.id,
            "in_progress",
            "validation",
            2,
        )


def test_a_job_refuses_unknown_states_and_changes_to_its_frames_or_revision(database: Database) -> None:
    with database.write() as session:
        job = a_job(session, a_task(session, a_project(session)))
        with pytest.raises(InvalidValue) as error:
            jobs.update_job(session, job.id, {"state": "done", "revision": 9, "frame_stop": 3})

    assert [(p.loc, p.type) for p in error.value.problems] == [
        (("state",), "invalid_value"),
        (("revision",), "read_only"),
        (("frame_stop",), "read_only"),
    ]


def test_deleting_the_assignee_unassigns_the_job(database: Database) -> None:
    from annota.storage import users

    with database.write() as session:
        job = a_job(session, a_task(session, a_project(session)))
        bob = a_user(session, "bob")
        jobs.update_job(session, job.id, {"assignee_id": bob.id})
        users.delete_user(session, bob.id)
        session.refresh(job)
        assert job.assignee_id is None


def test_a_consensus_replica_is_deleted_with_its_parent(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        parent = a_job(session, task)
        replica = jobs.create_job(
            session, task.id, frame_start=0, frame_stop=9, kind="consensus_replica", parent_job_id=parent.id
        )
        session.delete(parent)
        session.flush()
        session.expunge(replica)
        with pytest.raises(NotFound):
            jobs.get_job(session, replica.id)


def test_a_job_with_reversed_frames_or_unknown_kind_is_refused(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        with pytest.raises(InvalidValue) as error:
            jobs.create_job(session, task.id, frame_start=5, frame_stop=4, kind="review")
    assert [p.loc for p in error.value.problems] == [("frame_stop",), ("kind",)]


def test_jobs_are_listed_by_assignee_and_by_project(database: Database) -> None:
    with database.write() as session:
        owner = a_user(session)
        first, second = a_project(session, owner, "one"), a_project(session, owner, "two")
        first_jobs = tasks.split_into_jobs(session, a_task(session, first, segment_size=5), 12)
        tasks.split_into_jobs(session, a_task(session, second), 12)
        jobs.update_job(session, first_jobs[1].id, {"assignee_id": owner.id})

    with database.session() as session:
        assert [j.frame_start for j in jobs.list_jobs(session, filters={"project_id": first.id}).items] == [
            0,
            5,
            10,
        ]
        mine = jobs.list_jobs(session, filters={"assignee_id": owner.id})
        assert [j.id for j in mine.items] == [first_jobs[1].id]
        assert jobs.job_project_id(session, first_jobs[0].id) == first.id
        with pytest.raises(NotFound):
            jobs.job_project_id(session, 999)
