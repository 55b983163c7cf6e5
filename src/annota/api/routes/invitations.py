"""Invitations to an organisation (by link or token, no mail server needed) and per-project members."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.invitations import (
    InvitationCreate,
    InvitationCreated,
    InvitationPreview,
    InvitationPublic,
    InvitationToken,
    Joined,
    ProjectMemberPublic,
    ProjectMemberSet,
)
from annota.auth import policy
from annota.storage import organizations, team_invitations, team_members
from annota.storage.team_tables import Invitation

router = APIRouter(tags=["invitations"])

ACCEPT_PAGE = "/invitations/accept"


def _public(invitation: Invitation) -> dict[str, Any]:
    return {
        **{c: getattr(invitation, c) for c in InvitationPublic.model_fields if c != "status"},
        "status": team_invitations.status(invitation),
    }


@router.post(
    "/api/organizations/{organization_id}/invitations", response_model=InvitationCreated, status_code=201
)
def create_invitation(
    organization_id: int, body: InvitationCreate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """A new invitation; its token is shown once. Owners and managers invite; only owners invite
    owners and managers."""
    policy.require_organization_action(session, caller, organization_id, "members.manage")
    policy.require_may_grant(session, caller, organization_id, body.role)
    invitation, token = team_invitations.create_invitation(
        session,
        organization_id,
        role=body.role,
        created_by=caller.user_id,
        email=body.email,
        lifetime=timedelta(days=body.expires_in_days),
    )
    return {**_public(invitation), "token": token, "link": f"{ACCEPT_PAGE}#token={token}"}


@router.get("/api/organizations/{organization_id}/invitations", response_model=list[InvitationPublic])
def list_invitations(organization_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    policy.require_organization_action(session, caller, organization_id, "members.manage")
    return [_public(i) for i in team_invitations.list_invitations(session, organization_id)]


@router.delete("/api/organizations/{organization_id}/invitations/{invitation_id}", status_code=204)
def revoke_invitation(
    organization_id: int, invitation_id: int, caller: Caller, session: WriteSession
) -> None:
    policy.require_organization_action(session, caller, organization_id, "members.manage")
    invitation = team_invitations.get_invitation(session, organization_id, invitation_id)
    policy.require_may_grant(session, caller, organization_id, invitation.role)
    team_invitations.revoke(session, invitation)


@router.post("/api/invitations/preview", response_model=InvitationPreview)
def preview_invitation(body: InvitationToken, caller: Caller, session: ReadSession) -> dict[str, Any]:
    """What accepting this token would do: holding the token is the permission."""
    policy.acting(session, caller)
    invitation = team_invitations.find_by_token(session, body.token)
    organization = organizations.get_organization(session, invitation.organization_id)
    return {
        "organization_id": organization.id,
        "organization_name": organization.name,
        "role": invitation.role,
        "status": team_invitations.status(invitation),
        "expires_at": invitation.expires_at,
    }


@router.post("/api/invitations/accept", response_model=Joined)
def accept_invitation(body: InvitationToken, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Join the organisation with the invitation's role (once, before it expires)."""
    policy.acting(session, caller)
    membership = team_invitations.accept(session, body.token, caller.user_id)
    return {"organization_id": membership.organization_id, "role": membership.role}


def _members(session: Session, project_id: int) -> list[dict[str, Any]]:
    return [
        {"user_id": m.user_id, "username": name, "role": m.role}
        for m, name in team_members.list_members(session, project_id)
    ]


@router.get("/api/projects/{project_id}/members", response_model=list[ProjectMemberPublic])
def list_project_members(project_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """The project's own member list; empty means every organisation member works on it by their
    organisation role."""
    policy.require_project(session, caller, project_id, "project.manage")
    return _members(session, project_id)


@router.put("/api/projects/{project_id}/members/{user_id}", response_model=ProjectMemberPublic)
def set_project_member(
    project_id: int, user_id: int, body: ProjectMemberSet, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """Add an organisation member to the project (restricting it to its listed members) or change
    their role on it."""
    project = policy.require_project(session, caller, project_id, "project.manage")
    member = team_members.set_member(session, project, user_id, body.role, loc=("body",))
    return next(m for m in _members(session, project_id) if m["user_id"] == member.user_id)


@router.delete("/api/projects/{project_id}/members/{user_id}", status_code=204)
def remove_project_member(project_id: int, user_id: int, caller: Caller, session: WriteSession) -> None:
    policy.require_project(session, caller, project_id, "project.manage")
    team_members.remove_member(session, project_id, user_id)
