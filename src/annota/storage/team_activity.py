"""Active working time and output: heartbeats from the editor, summed per job, person and day.

The editor measures active time itself (it stops counting when the person is idle) and sends what
it measured every ~30 s. The server trusts the measure but not the clock: a person is credited at
most the wall time since their previous heartbeat (plus a little slack), on whatever job, so a
replayed or duplicated heartbeat cannot add time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from annota.storage.tables import Job, Project, Task, User
from annota.storage.team_tables import Activity

MAX_HEARTBEAT_SECONDS = 300
SLACK = timedelta(seconds=5)
GROUPS = ("person", "job", "project", "day")


def record_heartbeat(
    session: Session,
    job_id: int,
    user_id: int,
    *,
    active_seconds: float,
    created: int,
    edited: int,
    now: datetime,
) -> int:
    """Add a heartbeat to today's row of (job, person); returns the seconds credited (at most
    MAX_HEARTBEAT_SECONDS, and at most the wall time since the person's previous heartbeat)."""
    last = session.scalar(select(func.max(Activity.last_at)).where(Activity.user_id == user_id))
    credited = min(active_seconds, MAX_HEARTBEAT_SECONDS)
    if last is not None:
        credited = min(credited, max(0.0, (now - last + SLACK).total_seconds()))
    seconds = round(credited)
    day = now.date()
    row = session.scalar(
        select(Activity).where(Activity.job_id == job_id, Activity.user_id == user_id, Activity.day == day)
    )
    if row is None:
        row = Activity(job_id=job_id, user_id=user_id, day=day, active_seconds=0, objects_created=0,
                       objects_edited=0, heartbeats=0, last_at=now)  # fmt: skip
        session.add(row)
    row.active_seconds += seconds
    row.objects_created += created
    row.objects_edited += edited
    row.heartbeats += 1
    row.last_at = now
    session.flush()
    return seconds


_DIMENSIONS: dict[str, Sequence[Any]] = {
    "person": (Activity.user_id, User.username),
    "job": (Activity.job_id, Job.task_id, Activity.user_id, User.username),
    "project": (Project.id.label("project_id"), Project.name.label("project_name")),
    "day": (Activity.day,),
}


def time_report(
    session: Session,
    *,
    group: str,
    scope: ColumnElement[bool],
    project_id: int | None = None,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Active time and output summed by `group`, over rows whose project matches `scope`
    (the policy's clause on `Project`) and the optional filters. Dates are inclusive UTC days."""
    dims = _DIMENSIONS[group]
    query: Select[Any] = (
        select(
            *dims,
            func.sum(Activity.active_seconds).label("active_seconds"),
            func.sum(Activity.objects_created).label("objects_created"),
            func.sum(Activity.objects_edited).label("objects_edited"),
            func.count(func.distinct(Activity.job_id)).label("jobs"),
        )
        .join(Job, Job.id == Activity.job_id)
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
        .join(User, User.id == Activity.user_id)
        .where(scope)
        .group_by(*dims)
        .order_by(*dims)
    )
    if project_id is not None:
        query = query.where(Task.project_id == project_id)
    if user_id is not None:
        query = query.where(Activity.user_id == user_id)
    if since is not None:
        query = query.where(Activity.day >= since)
    if until is not None:
        query = query.where(Activity.day <= until)
    rows = []
    for row in session.execute(query).mappings():
        item = dict(row)
        seconds = int(item["active_seconds"] or 0)
        output = int(item["objects_created"] or 0) + int(item["objects_edited"] or 0)
        item["active_seconds"] = seconds
        item["objects_per_hour"] = round(output * 3600 / seconds, 1) if seconds else None
        rows.append(item)
    return rows


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
    return out.getvalue()
