"""API tokens and login sessions, stored by hash only: the secrets themselves never reach the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.orm import Session

from annota.storage.errors import NotFound
from annota.storage.rows import write_unique
from annota.storage.tables import ApiToken, LoginSession
from annota.storage.users import get_user


def create_api_token(
    session: Session,
    user_id: int,
    *,
    name: str,
    prefix: str,
    token_hash: str,
    expires_at: datetime | None = None,
) -> ApiToken:
    get_user(session, user_id)
    token = ApiToken(user_id=user_id, name=name, prefix=prefix, token_hash=token_hash, expires_at=expires_at)
    write_unique(session, token, "a token with this hash already exists")
    return token


def find_active_api_token(session: Session, token_hash: str, now: datetime) -> ApiToken | None:
    """The token with this hash unless it is revoked or expired."""
    return session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == token_hash,
            ApiToken.revoked_at.is_(None),
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
        )
    )


def list_api_tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def get_api_token(session: Session, user_id: int, token_id: int) -> ApiToken:
    """A token of this user; another user's token is reported as not found."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound("api_token", token_id)
    return token


def revoke_api_token(session: Session, user_id: int, token_id: int, now: datetime) -> ApiToken:
    token = get_api_token(session, user_id, token_id)
    if token.revoked_at is None:
        token.revoked_at = now
        session.flush()
    return token


def touch_api_token(session: Session, token_id: int, now: datetime) -> None:
    session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))


def create_login_session(
    session: Session, *, session_hash: str, user_id: int, csrf_token: str, expires_at: datetime
) -> LoginSession:
    get_user(session, user_id)
    login = LoginSession(id=session_hash, user_id=user_id, csrf_token=csrf_token, expires_at=expires_at)
    write_unique(session, login, "a session with this hash already exists")
    return login


def find_login_session(session: Session, session_hash: str, now: datetime) -> LoginSession | None:
    """The session with this hash unless it has expired."""
    login = session.get(LoginSession, session_hash)
    if login is None or login.expires_at <= now:
        return None
    return login


def delete_login_session(session: Session, session_hash: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.id == session_hash))


def delete_user_sessions(session: Session, user_id: int) -> int:
    """Log a user out everywhere (password change, deactivation); returns how many sessions ended."""
    result = cast(
        CursorResult[Any], session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    )
    return result.rowcount


def delete_expired_sessions(session: Session, now: datetime) -> int:
    result = cast(
        CursorResult[Any], session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
    )
    return result.rowcount
