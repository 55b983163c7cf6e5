"""Organizations and memberships (a user's role in an organization)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.errors import Conflict, InvalidValue, NotFound
from annota.storage.pagination import Page, paginate
from annota.storage.problems import Problem
from annota.storage.rows import delete_row, get_or_raise, non_empty, update_unique, write_unique
from annota.storage.tables import ROLES, Membership, Organization
from annota.storage.users import get_user

ORGANIZATION_COLUMNS = {
    "id": Organization.id,
    "slug": Organization.slug,
    "name": Organization.name,
    "created_at": Organization.created_at,
}


def create_organization(session: Session, *, slug: str, name: str, owner_id: int) -> Organization:
    """A new organization whose creator is its first owner."""
    get_user(session, owner_id)
    organization = Organization(slug=slug, name=name)
    write_unique(session, organization, f"organization slug {slug!r} is already taken")
    session.add(Membership(organization_id=organization.id, user_id=owner_id, role="owner"))
    session.flush()
    return organization


def get_organization(session: Session, organization_id: int) -> Organization:
    return get_or_raise(session, Organization, organization_id, "organization")


def find_organization_by_slug(session: Session, slug: str) -> Organization | None:
    return session.scalar(select(Organization).where(Organization.slug == slug))


def list_organizations(
    session: Session,
    *,
    member_id: int | None = None,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = "name",
    filters: Mapping[str, object] | None = None,
) -> Page[Organization]:
    """All organizations, or those `member_id` belongs to."""
    stmt = select(Organization)
    if member_id is not None:
        stmt = stmt.join(Membership).where(Membership.user_id == member_id)
    return paginate(
        session,
        stmt,
        columns=ORGANIZATION_COLUMNS,
        unique_key=Organization.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def update_organization(session: Session, organization_id: int, changes: Mapping[str, Any]) -> Organization:
    organization = get_organization(session, organization_id)
    update_unique(
        session,
        organization,
        changes,
        {"slug": non_empty, "name": non_empty},
        f"organization slug {changes.get('slug')!r} is already taken",
    )
    return organization


def delete_organization(session: Session, organization_id: int) -> None:
    """Delete an organization and its memberships; one that still has projects is refused."""
    delete_row(
        session,
        get_organization(session, organization_id),
        f"organization {organization_id} still has projects: move or delete them first",
    )


def add_member(session: Session, organization_id: int, user_id: int, role: str) -> Membership:
    get_organization(session, organization_id)
    get_user(session, user_id)
    _check_role(role)
    membership = Membership(organization_id=organization_id, user_id=user_id, role=role)
    write_unique(session, membership, f"user {user_id} is already a member of organization {organization_id}")
    return membership


def get_membership(session: Session, organization_id: int, user_id: int) -> Membership | None:
    return session.scalar(
        select(Membership).where(Membership.organization_id == organization_id, Membership.user_id == user_id)
    )


def list_members(session: Session, organization_id: int) -> list[Membership]:
    get_organization(session, organization_id)
    return list(
        session.scalars(
            select(Membership).where(Membership.organization_id == organization_id).order_by(Membership.id)
        )
    )


def set_member_role(session: Session, organization_id: int, user_id: int, role: str) -> Membership:
    _check_role(role)
    membership = _membership_or_raise(session, organization_id, user_id)
    if membership.role == "owner" and role != "owner":
        _keep_an_owner(session, organization_id)
    membership.role = role
    session.flush()
    return membership


def remove_member(session: Session, organization_id: int, user_id: int) -> None:
    membership = _membership_or_raise(session, organization_id, user_id)
    if membership.role == "owner":
        _keep_an_owner(session, organization_id)
    session.delete(membership)
    session.flush()


def _membership_or_raise(session: Session, organization_id: int, user_id: int) -> Membership:
    membership = get_membership(session, organization_id, user_id)
    if membership is None:
        raise NotFound("membership", (organization_id, user_id))
    return membership


def _keep_an_owner(session: Session, organization_id: int) -> None:
    owners = session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organization_id == organization_id, Membership.role == "owner")
    )
    if (owners or 0) <= 1:
        raise Conflict(f"organization {organization_id} must keep at least one owner")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidValue(
            [Problem(("role",), f"must be one of {', '.join(ROLES)}; got {role!r}", "invalid_value")]
        )
