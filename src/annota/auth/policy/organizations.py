"""Decisions inside an organisation: seeing it, managing members and invitations, creating projects.

Non-members are told the organisation does not exist (404); members without the role get 403.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.auth.errors import Forbidden, Hidden
from annota.auth.policy.decisions import acting
from annota.auth.policy.relations import organization_role as _role
from annota.auth.policy.rules import MANAGER_ROLES, ORGANIZATION_ACTIONS
from annota.auth.principal import Principal
from annota.storage.tables import Membership, Organization


def organization_role(session: Session, principal: Principal, organization_id: int) -> str | None:
    return _role(session, principal.user_id, organization_id)


def require_organization_role(
    session: Session, principal: Principal, organization_id: int, roles: tuple[str, ...]
) -> None:
    """Non-members are told the organisation does not exist; members without a role in `roles` get 403."""
    acting(session, principal)
    if principal.is_admin:
        if session.get(Organization, organization_id) is None:
            raise Hidden("organization", organization_id)
        return
    role = organization_role(session, principal, organization_id)
    if role is None:
        raise Hidden("organization", organization_id)
    if role not in roles:
        raise Forbidden("manage", "organization")


def require_organization_action(
    session: Session, principal: Principal, organization_id: int, action: str
) -> None:
    require_organization_role(session, principal, organization_id, ORGANIZATION_ACTIONS[action][1])


def require_organization_manager(session: Session, principal: Principal, organization_id: int) -> None:
    """Creating something inside an organisation needs its owner or manager role."""
    require_organization_action(session, principal, organization_id, "projects.create")


def require_project_creation(session: Session, principal: Principal, organization_id: int | None) -> None:
    """Anyone may create a personal project; an organisation's needs its owner or manager role."""
    acting(session, principal)
    if organization_id is not None:
        require_organization_manager(session, principal, organization_id)


def allow_organization_creation(session: Session, principal: Principal) -> None:
    """Anyone may create an organisation (and becomes its owner)."""
    acting(session, principal)


def require_may_grant(session: Session, principal: Principal, organization_id: int, role: str) -> None:
    """Only owners (and site admins) grant or take away the owner and manager roles."""
    if principal.is_admin or role not in MANAGER_ROLES:
        return
    if organization_role(session, principal, organization_id) != "owner":
        raise Forbidden(f"grant the {role} role in", "organization")


def shares_organization(session: Session, principal: Principal, user_id: int) -> bool:
    mine = select(Membership.organization_id).where(Membership.user_id == principal.user_id)
    return bool(
        session.scalar(
            select(Membership.id)
            .where(Membership.user_id == user_id, Membership.organization_id.in_(mine))
            .limit(1)
        )
    )


def managed_organization_ids(session: Session, principal: Principal) -> list[int]:
    return list(
        session.scalars(
            select(Membership.organization_id).where(
                Membership.user_id == principal.user_id, Membership.role.in_(MANAGER_ROLES)
            )
        )
    )
