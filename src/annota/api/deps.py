"""Request dependencies: database sessions, the caller, CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from annota.auth import principal as principals
from annota.auth import secrets
from annota.auth.errors import CsrfFailed, NotAuthenticated
from annota.auth.principal import Principal
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.media_stores import MediaStore

SESSION_COOKIE = "annota_session"
CSRF_COOKIE = "annota_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_media_store(request: Request) -> MediaStore:
    store: MediaStore = request.app.state.media_store
    return store


def read_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with database.session() as session:
        yield session


def write_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with database.write() as session:
        yield session


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise NotAuthenticated("Authorization header must be 'Bearer <token>'")
    return value.strip()


def current_principal(
    request: Request,
    database: Annotated[Database, Depends(get_database)],
    session: Annotated[Session, Depends(read_session, scope="function")],
) -> Principal:
    """The caller, looked up in the request's read session (routes reading data reuse it)."""
    token = _bearer_token(request)
    if token is not None:
        principal, api_token = principals.from_api_token(session, token)
        if principals.token_needs_touch(api_token):
            with database.write() as writer:
                principals.touch_token(writer, api_token.id)
        return principal
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated("not logged in")
    principal = principals.from_session_token(session, cookie)
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not principal.csrf_token or not sent or not secrets.same(sent, principal.csrf_token):
            raise CsrfFailed()
    return principal


Caller = Annotated[Principal, Depends(current_principal)]
# scope="function": the transaction commits BEFORE the answer is sent, so a client never sees a
# success for a write that then fails to commit (or a 201 whose rows are not visible yet).
ReadSession = Annotated[Session, Depends(read_session, scope="function")]
WriteSession = Annotated[Session, Depends(write_session, scope="function")]
AppSettings = Annotated[Settings, Depends(get_settings)]
Store = Annotated[MediaStore, Depends(get_media_store)]
