"""Login, logout and the current user (cookie sessions for the browser)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from annota.api.deps import CSRF_COOKIE, SESSION_COOKIE, AppSettings, Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.schemas.users import LoginRequest, UserPublic
from annota.auth import accounts
from annota.auth import principal as principals
from annota.storage.tables import User

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/login", response_model=UserPublic)
def login(body: LoginRequest, response: Response, session: WriteSession, settings: AppSettings) -> User:
    user = accounts.authenticate(session, body.username, body.password)
    if user is None:
        raise ApiError(401, "wrong username or password", "invalid_credentials")
    token, csrf = principals.open_session(session, user, settings.session_max_age_s)
    cookie = {"max_age": settings.session_max_age_s, "secure": settings.secure_cookies, "samesite": "lax"}
    response.set_cookie(SESSION_COOKIE, token, httponly=True, path="/", **cookie)  # type: ignore[arg-type]
    # Readable by the page's script, which echoes it in the X-CSRF-Token header.
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, path="/", **cookie)  # type: ignore[arg-type]
    return user


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, _: Caller, session: WriteSession) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        principals.close_session(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@router.get("/me", response_model=UserPublic)
def me(caller: Caller, session: ReadSession) -> User:
    user = session.scalar(select(User).where(User.id == caller.user_id))
    if user is None:
        raise ApiError(401, "user no longer exists", "not_authenticated")
    return user
