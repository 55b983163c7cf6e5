"""Bulk assignment of a project's jobs to people: round robin, or balanced by frame count."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.errors import InvalidValue
from annota.storage.problems import Loc, Problem
from annota.storage.tables import Job, Task

STRATEGIES = ("round_robin", "frame_count")
SEATS = {"assignee": Job.assignee_id, "reviewer": Job.reviewer_id}


@dataclass(frozen=True, slots=True)
class Assigned:
    job_id: int
    user_id: int
    frames: int


def distribute(
    jobs: Sequence[tuple[int, int]],
    people: Sequence[int],
    strategy: str,
    load: Mapping[int, int] | None = None,
) -> list[Assigned]:
    """Who gets each job, given as (job id, frame count) in the order to deal them.

    round_robin deals in turn. frame_count gives the largest job first to whoever has the fewest
    frames so far (counting `load`, the frames they already hold); ties go to the earlier person.
    """
    if not people:
        return []
    if strategy == "round_robin":
        return [Assigned(job, people[i % len(people)], frames) for i, (job, frames) in enumerate(jobs)]
    held = {person: (load or {}).get(person, 0) for person in people}
    dealt = []
    for job, frames in sorted(jobs, key=lambda j: (-j[1], j[0])):
        person = min(people, key=lambda p: (held[p], people.index(p)))
        held[person] += frames
        dealt.append(Assigned(job, person, frames))
    return sorted(dealt, key=lambda a: a.job_id)


def assign(
    session: Session,
    project_id: int,
    *,
    people: Sequence[int],
    strategy: str,
    seat: str = "assignee",
    job_ids: Sequence[int] | None = None,
    only_unassigned: bool = True,
    loc: Loc = (),
) -> list[Assigned]:
    """Assign the project's annotation jobs (all, or `job_ids`) to `people`; returns what was done."""
    column = SEATS[seat]
    query = (
        select(Job.id, Job.frame_stop - Job.frame_start + 1)
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == project_id, Job.kind == "annotation")
        .order_by(Task.id, Job.frame_start, Job.id)
    )
    if job_ids is not None:
        query = query.where(Job.id.in_(job_ids))
        known = set(session.scalars(query.with_only_columns(Job.id)))
        missing = sorted(set(job_ids) - known)
        if missing:
            raise InvalidValue(
                [Problem((*loc, "job_ids"), f"jobs {missing} are not in this project", "unknown_job")]
            )
    if only_unassigned:
        query = query.where(column.is_(None))
    jobs = [(row[0], row[1]) for row in session.execute(query)]
    dealt = distribute(jobs, list(people), strategy, _open_frames(session, project_id, column, people))
    by_id = {job.id: job for job in session.scalars(select(Job).where(Job.id.in_([a.job_id for a in dealt])))}
    for assigned in dealt:
        setattr(by_id[assigned.job_id], column.key, assigned.user_id)
    session.flush()
    return dealt


def _open_frames(session: Session, project_id: int, column: object, people: Sequence[int]) -> dict[int, int]:
    """Frames each person already holds in the project's unfinished jobs."""
    rows = session.execute(
        select(column, func.sum(Job.frame_stop - Job.frame_start + 1))  # type: ignore[call-overload]
        .join(Task, Task.id == Job.task_id)
        .where(Task.project_id == project_id, column.in_(people), Job.state != "completed")  # type: ignore[attr-defined]
        .group_by(column)
    )
    return {user: int(frames or 0) for user, frames in rows}
