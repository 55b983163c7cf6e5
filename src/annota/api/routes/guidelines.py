"""Versioned project guidelines (Markdown, images from the project's assets) and acknowledgements."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.guidelines import (
    Acknowledge,
    Acknowledged,
    GuidelinesPublic,
    GuidelinesUpdate,
    GuidelineVersionPublic,
)
from annota.auth import policy
from annota.auth.errors import Refused
from annota.auth.principal import Principal
from annota.storage import team_guidelines
from annota.storage.tables import Project
from annota.storage.team_tables import GuidelineAcknowledgement, GuidelineVersion

router = APIRouter(prefix="/api/projects/{project_id}/guidelines", tags=["guidelines"])


def _current(session: Session, caller: Principal, project: Project) -> dict[str, Any]:
    project_id = project.id
    latest = team_guidelines.latest(session, project_id)
    current = team_guidelines.current_version(session, project_id)
    seen = team_guidelines.acknowledged_version(session, project_id, caller.user_id)
    manages = bool(policy.project_relations(session, caller, project) & policy.MANAGING)
    return {
        "project_id": project_id,
        "version": current,
        "body": latest.body if latest is not None else "",
        "author_id": latest.author_id if latest is not None else None,
        "created_at": latest.created_at if latest is not None else None,
        "acknowledged_version": seen,
        "must_acknowledge": current is not None and seen != current and not manages,
    }


@router.get("", response_model=GuidelinesPublic)
def read_guidelines(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    """The current guidelines, and whether you must acknowledge them before saving work."""
    project = policy.require_project(session, caller, project_id, "project.view")
    return _current(session, caller, project)


@router.put("", response_model=GuidelinesPublic)
def publish_guidelines(
    project_id: int, body: GuidelinesUpdate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """Publish a new version (an unchanged text keeps the current one); people acknowledge it anew."""
    project = policy.require_project(session, caller, project_id, "project.manage")
    team_guidelines.publish(session, project_id, body.body)
    return _current(session, caller, project)


@router.get("/versions", response_model=list[GuidelineVersionPublic])
def list_versions(project_id: int, caller: Caller, session: ReadSession) -> list[GuidelineVersion]:
    """Every version, newest first."""
    policy.require_project(session, caller, project_id, "project.view")
    return team_guidelines.versions(session, project_id)


@router.get("/versions/{version}", response_model=GuidelineVersionPublic)
def read_version(project_id: int, version: int, caller: Caller, session: ReadSession) -> GuidelineVersion:
    policy.require_project(session, caller, project_id, "project.view")
    return team_guidelines.get_version(session, project_id, version)


@router.post("/acknowledge", response_model=Acknowledged)
def acknowledge(
    project_id: int, body: Acknowledge, caller: Caller, session: WriteSession
) -> GuidelineAcknowledgement:
    """Acknowledge the current version (an older one is refused with 409 `stale_guidelines_version`)."""
    policy.require_project(session, caller, project_id, "guidelines.acknowledge")
    current = team_guidelines.current_version(session, project_id)
    if current is None or body.version != current:
        raise Refused(
            "stale_guidelines_version",
            f"the current version is {current}; read it and acknowledge that one",
            ("body", "version"),
        )
    return team_guidelines.acknowledge(session, project_id, caller.user_id, current)
