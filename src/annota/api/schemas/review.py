from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire


class RegionIn(Wire):
    x: float
    y: float
    w: float | None = Field(default=None, description="Width of a box; absent for a point")
    h: float | None = None


class IssueCreate(Wire):
    frame: int = Field(ge=0)
    region: RegionIn
    comment: str = Field(min_length=1, max_length=10_000)


class CommentCreate(Wire):
    body: str = Field(min_length=1, max_length=10_000)


class CommentPublic(Public):
    id: int
    author_id: int | None
    author_name: str | None = Field(default=None, description="The author's username")
    body: str
    created_at: datetime


class RegionPublic(Public):
    x: float
    y: float
    w: float | None
    h: float | None


class IssuePublic(Public):
    id: int
    job_id: int
    frame: int
    region: RegionPublic
    status: str
    author_id: int | None
    author_name: str | None = Field(default=None, description="The author's username")
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: int | None
    comments: list[CommentPublic]


IssueStatus = Literal["open", "resolved"]
