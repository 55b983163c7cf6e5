"""Working time and output: heartbeats from the editor, reports per project and per person, CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.time import ActivityIn, ActivityRecorded, PersonGroup, ProjectGroup, TimeReport
from annota.auth import policy
from annota.storage import team_activity
from annota.storage.team_events import Audit, emit
from annota.storage.types import utcnow

router = APIRouter(tags=["time"])

CSV_COLUMNS = {
    "person": ("user_id", "username"),
    "job": ("job_id", "task_id", "user_id", "username"),
    "project": ("project_id", "project_name"),
    "day": ("day",),
}
MEASURES = ("active_seconds", "objects_created", "objects_edited", "jobs", "objects_per_hour")


@router.post("/api/jobs/{job_id}/activity", response_model=ActivityRecorded)
def post_activity(job_id: int, body: ActivityIn, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """A heartbeat from the editor (~every 30 s): active seconds measured with idle detection, and the
    objects created and edited meanwhile."""
    policy.require_job(session, caller, job_id, "job.track_time")
    credited = team_activity.record_heartbeat(
        session,
        job_id,
        caller.user_id,
        active_seconds=body.active_seconds,
        created=body.objects_created,
        edited=body.objects_edited,
        now=utcnow(),
    )
    return {"job_id": job_id, "credited_seconds": credited}


def _csv(rows: list[dict[str, Any]], group: str, name: str) -> Response:
    text = team_activity.to_csv(rows, (*CSV_COLUMNS[group], *MEASURES))
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


def _project_rows(
    session: ReadSession, caller: Caller, project_id: int, group: str, since: date | None, until: date | None
) -> list[dict[str, Any]]:
    policy.require_project(session, caller, project_id, "project.report")
    scope = policy.managed_projects(caller)
    return team_activity.time_report(
        session, group=group, scope=scope, project_id=project_id, since=since, until=until
    )


@router.get("/api/projects/{project_id}/reports/time", response_model=TimeReport)
def project_time(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    group: ProjectGroup = "person",
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """Active time and output in the project, per person, job or day (UTC days, inclusive)."""
    return {"group": group, "rows": _project_rows(session, caller, project_id, group, since, until)}


@router.get(
    "/api/projects/{project_id}/reports/time.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def project_time_csv(
    project_id: int,
    caller: Caller,
    session: WriteSession,
    group: ProjectGroup = "person",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    rows = _project_rows(session, caller, project_id, group, since, until)
    summary = {"report": "time", "group": group, "rows": len(rows)}
    emit(session, [Audit("report", project_id, "export", summary, project_id)])
    return _csv(rows, group, f"time-project-{project_id}-{group}.csv")


def _person_rows(
    session: ReadSession, caller: Caller, user_id: int, group: str, since: date | None, until: date | None
) -> list[dict[str, Any]]:
    scope = policy.person_report_scope(session, caller, user_id)
    return team_activity.time_report(
        session, group=group, scope=scope, user_id=user_id, since=since, until=until
    )


@router.get("/api/users/{user_id}/reports/time", response_model=TimeReport)
def person_time(
    user_id: int,
    caller: Caller,
    session: ReadSession,
    group: PersonGroup = "project",
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """A person's active time and output per project, job or day: all of it for themselves and admins,
    the projects they manage for owners and managers of the person's organisations."""
    return {"group": group, "rows": _person_rows(session, caller, user_id, group, since, until)}


@router.get(
    "/api/users/{user_id}/reports/time.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def person_time_csv(
    user_id: int,
    caller: Caller,
    session: WriteSession,
    group: PersonGroup = "project",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    rows = _person_rows(session, caller, user_id, group, since, until)
    emit(
        session,
        [Audit("report", user_id, "export", {"report": "person_time", "group": group, "rows": len(rows)})],
    )
    return _csv(rows, group, f"time-user-{user_id}-{group}.csv")
