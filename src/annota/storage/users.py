"""Users: accounts, looked up by id or username. Passwords arrive hashed (auth owns hashing)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.pagination import Page, paginate
from annota.storage.rows import delete_row, get_or_raise, non_empty, update_unique, write_unique
from annota.storage.tables import User

USER_COLUMNS = {
    "id": User.id,
    "username": User.username,
    "email": User.email,
    "is_admin": User.is_admin,
    "is_active": User.is_active,
    "created_at": User.created_at,
}
_CHANGEABLE = {
    "username": non_empty,
    "email": None,
    "password_hash": None,
    "is_admin": None,
    "is_active": None,
    "locale": non_empty,
}


def create_user(
    session: Session,
    *,
    username: str,
    password_hash: str | None = None,
    email: str | None = None,
    is_admin: bool = False,
    locale: str = "en",
) -> User:
    user = User(username=username, password_hash=password_hash, email=email, is_admin=is_admin, locale=locale)
    write_unique(session, user, f"username {username!r} is already taken")
    return user


def get_user(session: Session, user_id: int) -> User:
    return get_or_raise(session, User, user_id, "user")


def find_user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def usernames(session: Session, user_ids: Collection[int | None]) -> dict[int, str]:
    """Usernames by id, for answers that name people (ids of deleted users are left out)."""
    wanted = sorted({user_id for user_id in user_ids if user_id is not None})
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted))).all()
    return {user_id: name for user_id, name in rows}


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def list_users(
    session: Session,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = "username",
    filters: Mapping[str, object] | None = None,
) -> Page[User]:
    return paginate(
        session,
        select(User),
        columns=USER_COLUMNS,
        unique_key=User.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def update_user(session: Session, user_id: int, changes: Mapping[str, Any]) -> User:
    user = get_user(session, user_id)
    update_unique(
        session, user, changes, _CHANGEABLE, f"username {changes.get('username')!r} is already taken"
    )
    return user


def delete_user(session: Session, user_id: int) -> None:
    """Delete a user who owns nothing; one who owns projects or tasks is deactivated instead."""
    delete_row(session, get_user(session, user_id), f"user {user_id} still owns projects or tasks")
