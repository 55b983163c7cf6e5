from __future__ import annotations

from datetime import datetime

from pydantic import Field

from annota.api.schemas.common import Public, Wire


class GuidelinesUpdate(Wire):
    body: str = Field(max_length=1_000_000, description="Markdown; images from the project's assets")


class GuidelineVersionPublic(Public):
    version: int
    body: str
    author_id: int | None
    created_at: datetime


class GuidelinesPublic(Public):
    project_id: int
    version: int | None = Field(description="The current version; null when the project has no guidelines")
    body: str
    author_id: int | None
    created_at: datetime | None
    acknowledged_version: int | None = Field(description="The latest version you acknowledged")
    must_acknowledge: bool = Field(description="You must acknowledge the current version before saving work")


class Acknowledge(Wire):
    version: int = Field(ge=1)


class Acknowledged(Public):
    project_id: int
    version: int
    acknowledged_at: datetime
