"""Users: admins manage accounts; everyone manages their own profile."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query
from sqlalchemy import select

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.errors import ApiError, not_found
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.users import UserCreate, UserPublic, UserUpdate
from annota.auth import accounts, policy
from annota.auth.principal import Principal
from annota.storage.tables import User

router = APIRouter(prefix="/api/users", tags=["users"])

USER_SORTS = {"id": User.id, "username": User.username, "created_at": User.created_at}


@router.get("", response_model=Page[UserPublic])
def list_users(
    caller: Caller, session: ReadSession, params: Annotated[ListParams, Query()]
) -> dict[str, object]:
    policy.require_admin(caller)
    query = select(User)
    if params.q:
        query = query.where(User.username.icontains(params.q, autoescape=True))
    return page_of(session, query, params, USER_SORTS, unique_key=User.id, default_sort="username")


@router.post("", response_model=UserPublic, status_code=201)
def create_user(body: UserCreate, caller: Caller, session: WriteSession) -> User:
    policy.require_admin(caller)
    return accounts.create_user(
        session, body.username, body.password, is_admin=body.is_admin, email=body.email, locale=body.locale
    )


@router.get("/me", response_model=UserPublic)
def read_me(caller: Caller, session: ReadSession) -> User:
    return _user(session, caller.user_id)


@router.patch("/me", response_model=UserPublic)
def update_me(body: UserUpdate, caller: Caller, session: WriteSession) -> User:
    return _update(session, caller, caller.user_id, body)


MAX_PREFERENCES_BYTES = 64 * 1024


@router.get("/me/preferences", response_model=dict[str, Any])
def read_preferences(caller: Caller, session: ReadSession) -> dict[str, Any]:
    """The caller's editor preferences (shortcuts, view options); {} until first saved."""
    return _user(session, caller.user_id).preferences or {}


@router.put("/me/preferences", response_model=dict[str, Any])
def replace_preferences(body: dict[str, Any], caller: Caller, session: WriteSession) -> dict[str, Any]:
    size = len(orjson.dumps(body))
    if size > MAX_PREFERENCES_BYTES:
        raise ApiError(
            413, f"preferences are {size} bytes; at most {MAX_PREFERENCES_BYTES}", "too_large", ("body",)
        )
    user = _user(session, caller.user_id)
    user.preferences = body
    return body


@router.get("/{user_id}", response_model=UserPublic)
def read_user(user_id: int, caller: Caller, session: ReadSession) -> User:
    if user_id != caller.user_id:
        policy.require_admin(caller)
    return _user(session, user_id)


@router.patch("/{user_id}", response_model=UserPublic)
def update_user(user_id: int, body: UserUpdate, caller: Caller, session: WriteSession) -> User:
    if user_id != caller.user_id:
        policy.require_admin(caller)
    return _update(session, caller, user_id, body)


def _user(session: ReadSession, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise not_found("user", user_id)
    return user


def _update(session: WriteSession, caller: Principal, user_id: int, body: UserUpdate) -> User:
    user = _user(session, user_id)
    changes = body.model_dump(exclude_unset=True)
    for field in ("is_admin", "is_active"):
        if field in changes:
            policy.require_admin(caller)
            if user_id == caller.user_id:
                raise ApiError(
                    422, "you cannot change this on your own account", "self_lockout", ("body", field)
                )
            setattr(user, field, changes[field])
    if "password" in changes and changes["password"] is not None:
        accounts.set_password(user, changes["password"])
    for field in ("email", "locale"):
        if field in changes and (changes[field] is not None or field == "email"):
            setattr(user, field, changes[field])
    session.flush()
    return user
