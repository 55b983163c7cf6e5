from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire
from annota.auth.passwords import MIN_PASSWORD_LENGTH

Locale = Literal["en", "fr"]
USERNAME_PATTERN = r"^[A-Za-z0-9_.@+-]{1,150}$"


class LoginRequest(Wire):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class UserPublic(Public):
    id: int
    username: str
    email: str | None
    is_admin: bool
    is_active: bool
    locale: str
    created_at: datetime


class UserCreate(Wire):
    username: str = Field(pattern=USERNAME_PATTERN)
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=1024)
    email: str | None = Field(default=None, max_length=254)
    is_admin: bool = False
    locale: Locale = "en"


class UserUpdate(Wire):
    email: str | None = Field(default=None, max_length=254)
    locale: Locale | None = None
    password: str | None = Field(default=None, min_length=MIN_PASSWORD_LENGTH, max_length=1024)
    # Only an admin may change these, and not on themselves (no locking yourself out).
    is_admin: bool | None = None
    is_active: bool | None = None


class TokenCreate(Wire):
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenPublic(Public):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret; shown once, store it now")
