"""Invitations to an organisation, by link or token: no mail server needed.

The token is shown once, when the invitation is made; only its SHA-256 is stored. Whoever is
logged in and holds the token may accept it once, before it expires, unless it was revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.errors import Conflict, NotFound
from annota.storage.organizations import add_member, get_membership
from annota.storage.tables import Membership
from annota.storage.team_tables import Invitation
from annota.storage.types import utcnow

TOKEN_PREFIX = "inv_"
DEFAULT_LIFETIME = timedelta(days=7)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(
    session: Session,
    organization_id: int,
    *,
    role: str,
    created_by: int,
    email: str | None = None,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> tuple[Invitation, str]:
    """A new invitation and its token (returned once)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(24)
    invitation = Invitation(
        organization_id=organization_id,
        role=role,
        token_hash=digest(token),
        email=email,
        created_by=created_by,
        created_at=utcnow(),
        expires_at=utcnow() + lifetime,
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def list_invitations(session: Session, organization_id: int) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation)
            .where(Invitation.organization_id == organization_id)
            .order_by(Invitation.id.desc())
        )
    )


def get_invitation(session: Session, organization_id: int, invitation_id: int) -> Invitation:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != organization_id:
        raise NotFound("invitation", invitation_id)
    return invitation


def find_by_token(session: Session, token: str) -> Invitation:
    """The invitation of a token; unknown tokens are NotFound (nothing tells them from revoked ones)."""
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == digest(token)))
    if invitation is None:
        raise NotFound("invitation", "token")
    return invitation


def status(invitation: Invitation, now: datetime | None = None) -> str:
    now = now or utcnow()
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.expires_at <= now:
        return "expired"
    return "pending"


def revoke(session: Session, invitation: Invitation) -> None:
    if status(invitation) != "pending":
        raise Conflict(f"the invitation is {status(invitation)}: it cannot be revoked")
    invitation.revoked_at = utcnow()
    session.flush()


def accept(session: Session, token: str, user_id: int) -> Membership:
    """Make the user a member with the invitation's role; a member already keeps their role."""
    invitation = find_by_token(session, token)
    state = status(invitation)
    if state != "pending":
        raise Conflict(f"the invitation is {state}")
    existing = get_membership(session, invitation.organization_id, user_id)
    if existing is not None:
        raise Conflict(f"you are already a member of this organisation ({existing.role})")
    membership = add_member(session, invitation.organization_id, user_id, invitation.role)
    invitation.accepted_at = utcnow()
    invitation.accepted_by = user_id
    session.flush()
    return membership
