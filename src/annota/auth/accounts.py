"""User accounts and API tokens: creation, password checks, the first admin."""

from __future__ import annotations

import secrets as stdlib_secrets
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from annota.auth import secrets
from annota.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from annota.storage import credentials, users
from annota.storage.errors import InvalidValue
from annota.storage.problems import Problem
from annota.storage.tables import ApiToken, User


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both paths take the same time."""
    return hash_password("not-a-real-password")


def create_user(
    session: Session,
    username: str,
    password: str | None,
    *,
    is_admin: bool = False,
    email: str | None = None,
    locale: str = "en",
) -> User:
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(
            [Problem(("password",), f"must have at least {MIN_PASSWORD_LENGTH} characters", "too_short")]
        )
    return users.create_user(
        session,
        username=username,
        password_hash=hash_password(password) if password is not None else None,
        is_admin=is_admin,
        email=email,
        locale=locale,
    )


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = users.find_user_by_username(session, username)
    if user is None or user.password_hash is None:
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)


def has_users(session: Session) -> bool:
    return users.count_users(session) > 0


def generate_password() -> str:
    return stdlib_secrets.token_urlsafe(12)


def ensure_first_admin(session: Session, username: str = "admin") -> str | None:
    """On an empty database, creates the admin and returns its one-time password; else None."""
    if has_users(session):
        return None
    password = generate_password()
    create_user(session, username, password, is_admin=True)
    return password


def create_token(
    session: Session, user_id: int, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new API token; the secret is returned once and only its hash is stored."""
    token = secrets.new_api_token()
    row = credentials.create_api_token(
        session,
        user_id,
        name=name,
        prefix=token[: secrets.TOKEN_PREFIX_SHOWN],
        token_hash=secrets.digest(token),
        expires_at=expires_at,
    )
    return row, token
