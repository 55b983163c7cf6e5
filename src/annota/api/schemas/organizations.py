from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire

Role = Literal["owner", "manager", "reviewer", "annotator"]
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


class OrganizationCreate(Wire):
    slug: str = Field(
        pattern=SLUG_PATTERN, description="Short unique name in URLs: lowercase, digits, dashes"
    )
    name: str = Field(min_length=1, max_length=200)


class OrganizationUpdate(Wire):
    slug: str | None = Field(default=None, pattern=SLUG_PATTERN)
    name: str | None = Field(default=None, min_length=1, max_length=200)


class OrganizationPublic(Public):
    id: int
    slug: str
    name: str
    created_at: datetime
    role: str | None = Field(default=None, description="The caller's role in it (None for a site admin)")


class MemberCreate(Wire):
    username: str = Field(min_length=1, max_length=150)
    role: Role


class MemberUpdate(Wire):
    role: Role


class MemberPublic(Public):
    user_id: int
    username: str
    role: str
