"""Wire models of the annotation document and diff (ADR 0001). Pydantic checks the JSON types;
the domain then checks geometry and labels, with every problem located."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Wire

ShapeKindName = Literal["rectangle", "polygon", "polyline", "points", "ellipse", "mask", "skeleton"]
SourceName = Literal["manual", "imported", "tracker", "model"]
VisibilityName = Literal["visible", "occluded", "outside"]
AttrValue = str | float | bool


class Geometry(Wire):
    points: list[float] | None = Field(default=None, description="Flat [x0, y0, x1, y1, …] in image pixels")
    rotation: float | None = Field(default=None, description="Degrees clockwise (rectangle, ellipse)")
    visibility: list[VisibilityName] | None = Field(default=None, description="Skeleton: one per point")
    bbox: list[int] | None = Field(default=None, description="Mask: [x1, y1, x2, y2], x2/y2 exclusive")
    rle: list[int] | None = Field(default=None, description="Mask: row-major run lengths, 0s first")


class ShapeWire(Geometry):
    id: str | None = Field(default=None, max_length=36, description="UUID; chosen by the client")
    kind: ShapeKindName
    label_id: int
    frame: int = Field(ge=0)
    z_order: int = 0
    occluded: bool = False
    outside: bool = False
    attributes: dict[str, AttrValue] = Field(default_factory=dict)
    group: int | None = None
    source: SourceName = "manual"
    score: float | None = None


class KeyframeWire(Geometry):
    frame: int = Field(ge=0)
    outside: bool = False
    occluded: bool = False
    attributes: dict[str, AttrValue] = Field(default_factory=dict)
    source: SourceName = "manual"


class TrackWire(Wire):
    id: str | None = Field(default=None, max_length=36)
    kind: ShapeKindName
    label_id: int
    z_order: int = 0
    attributes: dict[str, AttrValue] = Field(default_factory=dict)
    group: int | None = None
    source: SourceName = "manual"
    keyframes: list[KeyframeWire] = Field(min_length=1)


class TagWire(Wire):
    id: str | None = Field(default=None, max_length=36)
    label_id: int
    frame: int = Field(ge=0)
    stop_frame: int | None = Field(default=None, ge=0, description="Inclusive end of a frame-range tag")
    attributes: dict[str, AttrValue] = Field(default_factory=dict)
    source: SourceName = "manual"
    score: float | None = None


class ShapeChanges(Wire):
    create: list[ShapeWire] = Field(default_factory=list)
    update: list[ShapeWire] = Field(default_factory=list)
    delete: list[str] = Field(default_factory=list)


class TrackChanges(Wire):
    create: list[TrackWire] = Field(default_factory=list)
    update: list[TrackWire] = Field(default_factory=list)
    delete: list[str] = Field(default_factory=list)


class TagChanges(Wire):
    create: list[TagWire] = Field(default_factory=list)
    update: list[TagWire] = Field(default_factory=list)
    delete: list[str] = Field(default_factory=list)


class DiffBody(Wire):
    shapes: ShapeChanges = Field(default_factory=ShapeChanges)
    tracks: TrackChanges = Field(default_factory=TrackChanges)
    tags: TagChanges = Field(default_factory=TagChanges)


class DocumentBody(Wire):
    revision: int | None = Field(default=None, description="Ignored on PUT; If-Match is authoritative")
    shapes: list[ShapeWire] = Field(default_factory=list)
    tracks: list[TrackWire] = Field(default_factory=list)
    tags: list[TagWire] = Field(default_factory=list)


class SaveResult(Wire):
    revision: int
