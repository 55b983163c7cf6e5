"""A project's dashboard for its managers: progress by stage, overdue jobs, each person's load."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import Caller, ReadSession
from annota.api.schemas.workflow import Dashboard
from annota.auth import policy
from annota.storage import team_reports
from annota.storage.types import utcnow

router = APIRouter(tags=["reports"])


@router.get("/api/projects/{project_id}/dashboard", response_model=Dashboard)
def dashboard(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.report")
    return team_reports.dashboard(session, project_id, utcnow())
