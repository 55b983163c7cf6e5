"""Quality history storage: points with their submission rounds, the project's points by period, activity
per person and day, and consensus agreement per frame, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from annota.storage import quality_consensus, quality_history, team_activity
from annota.storage.db import Database
from annota.storage.quality_history import Score
from tests.storage.builders import a_job, a_project, a_task, a_user


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_a_points_round_counts_the_jobs_submissions(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        job = a_job(session, a_task(session, project))
        rounds = [
            quality_history.record_point(
                session,
                project_id=project.id,
                job_id=job.id,
                user_id=None,
                event=event,
                score=Score(),
                now=at(20),
            ).round
            for event in ("submit", "reject", "submit", "accept")
        ]

    assert rounds == [1, 1, 2, 2]


def test_a_point_keeps_its_score_and_conflicts(database: Database) -> None:
    with database.write() as session:
        project, user = a_project(session), a_user(session, "bo")
        job = a_job(session, a_task(session, project))
        score = Score(
            accuracy=0.5, precision=0.6, recall=0.7, frames_compared=3, conflicts={"missing_object": 2}
        )
        quality_history.record_point(
            session,
            project_id=project.id,
            job_id=job.id,
            user_id=user.id,
            event="submit",
            score=score,
            now=at(20),
        )

    with database.session() as session:
        (point,) = quality_history.points_of(session, project.id)
        assert (point.accuracy, point.precision, point.recall, point.frames_compared) == (0.5, 0.6, 0.7, 3)
        assert (point.conflicts, point.user_id, point.recorded_at) == ({"missing_object": 2}, user.id, at(20))


def test_an_unknown_event_is_refused_by_name(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        job = a_job(session, a_task(session, project))
        with pytest.raises(ValueError, match="event: expected one of submit, accept, reject, got 'start'"):
            quality_history.record_point(
                session,
                project_id=project.id,
                job_id=job.id,
                user_id=None,
                event="start",
                score=Score(),
                now=at(20),
            )


def test_points_come_in_time_order_within_inclusive_days(database: Database) -> None:
    with database.write() as session:
        project, other = a_project(session), a_project(session, a_user(session, "cy"), name="Fish")
        job = a_job(session, a_task(session, project))
        elsewhere = a_job(session, a_task(session, other))
        for day, hour in ((22, 23), (20, 0), (21, 8), (23, 0)):
            quality_history.record_point(
                session, project_id=project.id, job_id=job.id, user_id=None, event="submit", score=Score(),
                now=at(day, hour),
            )  # fmt: skip
        quality_history.record_point(
            session,
            project_id=other.id,
            job_id=elsewhere.id,
            user_id=None,
            event="submit",
            score=Score(),
            now=at(21),
        )

    with database.session() as session:
        everything = quality_history.points_of(session, project.id)
        window = quality_history.points_of(
            session, project.id, since=date(2026, 11, 21), until=date(2026, 11, 22)
        )

    assert [p.recorded_at for p in everything] == [at(20, 0), at(21, 8), at(22, 23), at(23, 0)]
    assert [p.recorded_at for p in window] == [at(21, 8), at(22, 23)]


def test_activity_is_summed_per_person_and_day_over_the_projects_jobs(database: Database) -> None:
    with database.write() as session:
        bo = a_user(session, "bo")
        project = a_project(session, bo)
        task = a_task(session, project, segment_size=5)
        first, second = a_job(session, task), a_job(session, task)
        elsewhere = a_job(session, a_task(session, a_project(session, a_user(session, "cy"), name="Fish")))
        for job, created, now in ((first, 3, at(20, 9)), (second, 4, at(20, 10)), (elsewhere, 9, at(20, 11)),
                                  (first, 1, at(21, 9))):  # fmt: skip
            team_activity.record_heartbeat(
                session, job.id, bo.id, active_seconds=60, created=created, edited=1, now=now
            )

    with database.session() as session:
        days = quality_history.activity_of(session, project.id)
        later = quality_history.activity_of(session, project.id, since=date(2026, 11, 21))

    assert [(d.day.day, d.active_seconds, d.objects_created, d.objects_edited) for d in days] == [
        (20, 120, 7, 2),
        (21, 60, 1, 1),
    ]
    assert [d.day.day for d in later] == [21]


def test_agreements_are_the_project_consensus_frames_in_job_and_frame_order(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        job = a_job(session, a_task(session, project), frames=3)
        quality_consensus.record_merge(
            session, job.id, replicas=2, objects=2, mean_agreement=0.5, merged_by=None,
            frames=[(2, 0.75, 1, False), (0, 0.25, 1, True)],
        )  # fmt: skip
        other = a_job(
            session, a_task(session, a_project(session, a_user(session, "cy"), name="Fish")), frames=1
        )
        quality_consensus.record_merge(
            session,
            other.id,
            replicas=2,
            objects=1,
            mean_agreement=1.0,
            merged_by=None,
            frames=[(0, 1.0, 1, False)],
        )

    with database.session() as session:
        assert quality_history.agreements_of(session, project.id) == [(job.id, 0.25), (job.id, 0.75)]
