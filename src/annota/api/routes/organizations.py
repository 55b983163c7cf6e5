"""Organisations (the confidentiality boundary) and their members."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.errors import not_found
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.organizations import (
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    OrganizationCreate,
    OrganizationPublic,
    OrganizationUpdate,
)
from annota.auth import policy
from annota.auth.principal import Principal
from annota.storage import organizations
from annota.storage import users as user_rows
from annota.storage.tables import Membership, Organization, User

router = APIRouter(prefix="/api/organizations", tags=["organizations"])


def _public(session: Session, caller: Principal, organization: Organization) -> dict[str, Any]:
    membership = organizations.get_membership(session, organization.id, caller.user_id)
    role = membership.role if membership is not None else None
    return {**OrganizationPublic.model_validate(organization).model_dump(), "role": role}


@router.get("", response_model=Page[OrganizationPublic])
def list_organizations(
    caller: Caller, session: ReadSession, params: Annotated[ListParams, Query()]
) -> dict[str, Any]:
    query = select(Organization)
    if not caller.is_admin:
        query = query.join(Membership).where(Membership.user_id == caller.user_id)
    if params.q:
        query = query.where(Organization.name.icontains(params.q, autoescape=True))
    page = page_of(
        session,
        query,
        params,
        organizations.ORGANIZATION_COLUMNS,
        unique_key=Organization.id,
        default_sort="name",
    )
    page["items"] = [_public(session, caller, org) for org in page["items"]]
    return page


@router.post("", response_model=OrganizationPublic, status_code=201)
def create_organization(body: OrganizationCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    policy.allow_organization_creation(session, caller)
    organization = organizations.create_organization(
        session, slug=body.slug, name=body.name, owner_id=caller.user_id
    )
    return _public(session, caller, organization)


@router.get("/{organization_id}", response_model=OrganizationPublic)
def read_organization(organization_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    policy.require_organization_role(session, caller, organization_id, policy.ALL_ROLES)
    return _public(session, caller, organizations.get_organization(session, organization_id))


@router.patch("/{organization_id}", response_model=OrganizationPublic)
def update_organization(
    organization_id: int, body: OrganizationUpdate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    policy.require_organization_role(session, caller, organization_id, ("owner",))
    changes = body.model_dump(exclude_unset=True)
    return _public(session, caller, organizations.update_organization(session, organization_id, changes))


@router.delete("/{organization_id}", status_code=204)
def delete_organization(organization_id: int, caller: Caller, session: WriteSession) -> None:
    policy.require_organization_role(session, caller, organization_id, ("owner",))
    organizations.delete_organization(session, organization_id)


def _members(session: Session, organization_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Membership, User.username)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organization_id == organization_id)
        .order_by(User.username)
    )
    return [{"user_id": m.user_id, "username": name, "role": m.role} for m, name in rows]


@router.get("/{organization_id}/members", response_model=list[MemberPublic])
def list_members(organization_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    policy.require_organization_role(session, caller, organization_id, policy.ALL_ROLES)
    return _members(session, organization_id)


@router.post("/{organization_id}/members", response_model=list[MemberPublic], status_code=201)
def add_member(
    organization_id: int, body: MemberCreate, caller: Caller, session: WriteSession
) -> list[dict[str, Any]]:
    policy.require_organization_role(session, caller, organization_id, policy.MANAGER_ROLES)
    policy.require_may_grant(session, caller, organization_id, body.role)
    user = user_rows.find_user_by_username(session, body.username)
    if user is None:
        raise not_found("user", body.username)
    organizations.add_member(session, organization_id, user.id, body.role)
    return _members(session, organization_id)


@router.patch("/{organization_id}/members/{user_id}", response_model=list[MemberPublic])
def change_member_role(
    organization_id: int, user_id: int, body: MemberUpdate, caller: Caller, session: WriteSession
) -> list[dict[str, Any]]:
    policy.require_organization_role(session, caller, organization_id, ("owner",))
    organizations.set_member_role(session, organization_id, user_id, body.role)
    return _members(session, organization_id)


@router.delete("/{organization_id}/members/{user_id}", status_code=204)
def remove_member(organization_id: int, user_id: int, caller: Caller, session: WriteSession) -> None:
    if user_id != caller.user_id:  # anyone may leave; removing others takes a manager
        policy.require_organization_role(session, caller, organization_id, policy.MANAGER_ROLES)
        membership = organizations.get_membership(session, organization_id, user_id)
        if membership is not None:
            policy.require_may_grant(session, caller, organization_id, membership.role)
    organizations.remove_member(session, organization_id, user_id)
