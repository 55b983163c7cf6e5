"""Who is calling: resolved from a session cookie or an API token, never from the request body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from annota.auth import secrets
from annota.auth.errors import NotAuthenticated
from annota.storage import credentials
from annota.storage.tables import ApiToken, User
from annota.storage.types import utcnow

# A write per request would serialise every SDK call behind SQLite's single writer.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    username: str
    is_admin: bool
    # The CSRF token of the cookie session; None for API tokens (no ambient credential to abuse).
    csrf_token: str | None = None


def _principal(user: User, csrf_token: str | None = None) -> Principal:
    return Principal(user_id=user.id, username=user.username, is_admin=user.is_admin, csrf_token=csrf_token)


def open_session(session: Session, user: User, max_age_s: int) -> tuple[str, str]:
    """Creates a login session; returns (session token for the cookie, CSRF token)."""
    token, csrf = secrets.new_secret(), secrets.new_secret()
    credentials.create_login_session(
        session,
        session_hash=secrets.digest(token),
        user_id=user.id,
        csrf_token=csrf,
        expires_at=utcnow() + timedelta(seconds=max_age_s),
    )
    return token, csrf


def close_session(session: Session, token: str) -> None:
    credentials.delete_login_session(session, secrets.digest(token))


def from_session_token(session: Session, token: str) -> Principal:
    login = credentials.find_login_session(session, secrets.digest(token), utcnow())
    user = session.get(User, login.user_id) if login is not None else None
    if login is None or user is None or not user.is_active:
        raise NotAuthenticated("session expired or unknown")
    return _principal(user, login.csrf_token)


def from_api_token(session: Session, token: str) -> tuple[Principal, ApiToken]:
    api_token = credentials.find_active_api_token(session, secrets.digest(token), utcnow())
    user = session.get(User, api_token.user_id) if api_token is not None else None
    if api_token is None or user is None:
        raise NotAuthenticated("invalid, revoked or expired API token")
    if not user.is_active:
        raise NotAuthenticated("user is deactivated")
    return _principal(user), api_token


def token_needs_touch(api_token: ApiToken) -> bool:
    return api_token.last_used_at is None or api_token.last_used_at < utcnow() - TOKEN_TOUCH_INTERVAL


def touch_token(session: Session, api_token_id: int) -> None:
    credentials.touch_api_token(session, api_token_id, utcnow())
