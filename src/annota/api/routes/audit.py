"""The audit log: read-only, filterable per project, organisation and person (no route changes it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import ColumnElement

from annota.api.deps import Caller, ReadSession
from annota.api.listing import ListParams, page_of
from annota.api.schemas.audit import AuditEntryPublic
from annota.api.schemas.common import Page
from annota.auth import policy
from annota.storage import team_audit
from annota.storage.team_tables import AuditEntry

router = APIRouter(tags=["audit"])


def _page(
    session: ReadSession,
    scope: ColumnElement[bool],
    params: ListParams,
    actor_id: int | None,
    entity_type: str | None,
    action: str | None,
) -> dict[str, Any]:
    query = team_audit.audit_query(scope=scope, actor_id=actor_id, entity_type=entity_type, action=action)
    return page_of(
        session, query, params, team_audit.AUDIT_COLUMNS, unique_key=AuditEntry.id, default_sort="-id"
    )


@router.get("/api/projects/{project_id}/audit", response_model=Page[AuditEntryPublic])
def project_audit(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    actor_id: int | None = None,
    entity_type: str | None = None,
    action: str | None = None,
) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.report")
    return _page(session, policy.project_audit(project_id), params, actor_id, entity_type, action)


@router.get("/api/organizations/{organization_id}/audit", response_model=Page[AuditEntryPublic])
def organization_audit(
    organization_id: int,
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    actor_id: int | None = None,
    entity_type: str | None = None,
    action: str | None = None,
) -> dict[str, Any]:
    """The organisation's entries (members, invitations, settings) and those of the projects you manage."""
    policy.require_organization_action(session, caller, organization_id, "organization.audit")
    scope = policy.organization_audit(caller, organization_id)
    return _page(session, scope, params, actor_id, entity_type, action)


@router.get("/api/audit", response_model=Page[AuditEntryPublic])
def site_audit(
    caller: Caller,
    session: ReadSession,
    params: Annotated[ListParams, Query()],
    actor_id: int | None = None,
    entity_type: str | None = None,
    action: str | None = None,
    project_id: int | None = None,
) -> dict[str, Any]:
    """Every entry (site admins only)."""
    policy.require_admin(caller)
    scope = policy.project_audit(project_id) if project_id is not None else AuditEntry.id.is_not(None)
    return _page(session, scope, params, actor_id, entity_type, action)
