from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire

LabelKindName = Literal[
    "any", "rectangle", "polygon", "polyline", "points", "ellipse", "mask", "skeleton", "tag"
]
AttributeKindName = Literal["select", "radio", "checkbox", "number", "text"]
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class AttributeSpecIn(Wire):
    name: str = Field(min_length=1, max_length=100)
    kind: AttributeKindName
    values: list[str] = Field(default_factory=list, description="Choices of select and radio attributes")
    default: str | float | bool | None = None
    mutable: bool = Field(default=False, description="May change from keyframe to keyframe on a track")
    required: bool = False
    min: float | None = None
    max: float | None = None
    step: float | None = None


class SkeletonPointIn(Wire):
    name: str = Field(min_length=1, max_length=100)
    x: float = Field(ge=0, le=1, description="Default position in the template, 0..1 of its box")
    y: float = Field(ge=0, le=1)


class SkeletonIn(Wire):
    points: list[SkeletonPointIn] = Field(min_length=1)
    edges: list[tuple[int, int]] = Field(default_factory=list)


class LabelCreate(Wire):
    name: str = Field(min_length=1, max_length=100)
    color: str | None = Field(
        default=None, pattern=COLOR_PATTERN, description="Picked from a palette if absent"
    )
    kind: LabelKindName = "any"
    attributes: list[AttributeSpecIn] = Field(default_factory=list)
    skeleton: SkeletonIn | None = None


class LabelUpdate(Wire):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    color: str | None = Field(default=None, pattern=COLOR_PATTERN)
    kind: LabelKindName | None = None
    attributes: list[AttributeSpecIn] | None = None
    skeleton: SkeletonIn | None = None
    position: int | None = None


class LabelPublic(Public):
    id: int
    project_id: int
    name: str
    color: str
    kind: str
    attributes: list[dict[str, Any]]
    skeleton: dict[str, Any] | None
    position: int


class ProjectCreate(Wire):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=20_000)
    guidelines: str = Field(default="", max_length=200_000)
    organization_id: int | None = None
    deadline: datetime | None = None
    labels: list[LabelCreate] = Field(default_factory=list)


class ProjectUpdate(Wire):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    guidelines: str | None = Field(default=None, max_length=200_000)
    deadline: datetime | None = None


class ProjectPublic(Public):
    id: int
    name: str
    description: str
    guidelines: str
    owner_id: int
    organization_id: int | None
    deadline: datetime | None
    created_at: datetime
    updated_at: datetime
    label_count: int = 0
    task_count: int = 0
