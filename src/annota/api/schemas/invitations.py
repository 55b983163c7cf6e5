from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire

InvitedRole = Literal["owner", "manager", "reviewer", "annotator"]
ProjectRole = Literal["manager", "reviewer", "annotator"]


class InvitationCreate(Wire):
    role: InvitedRole
    email: str | None = Field(default=None, max_length=254, description="Who it is for (informative)")
    expires_in_days: int = Field(default=7, ge=1, le=90)


class InvitationPublic(Public):
    id: int
    organization_id: int
    role: str
    email: str | None
    created_by: int | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    accepted_by: int | None
    revoked_at: datetime | None
    status: str = Field(description="pending, accepted, revoked or expired")


class InvitationCreated(InvitationPublic):
    token: str = Field(description="Shown once: give it, or the link, to the person invited")
    link: str = Field(description="Path of the web page that accepts it (token in the fragment)")


class InvitationToken(Wire):
    token: str = Field(min_length=8, max_length=200)


class InvitationPreview(Public):
    organization_id: int
    organization_name: str
    role: str
    status: str
    expires_at: datetime


class Joined(Public):
    organization_id: int
    role: str


class ProjectMemberSet(Wire):
    role: ProjectRole


class ProjectMemberPublic(Public):
    user_id: int
    username: str
    role: str
