"""Tag: no geometry. Tags are stored in the tags collection (see `annota.domain.tags`), never as shapes.

The kind is registered so that every kind a label can allow has a module; it answers no spatial question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annota.domain.labels import Label
from annota.domain.problems import Loc, Problem
from annota.domain.shapes.base import BBox, Geometry, NoGeometryError

NAME = "tag"
FIELDS: tuple[str, ...] = ()
HAS_GEOMETRY = False
HAS_AREA = False


@dataclass(frozen=True, slots=True)
class TagGeometry(Geometry):
    pass


GEOMETRY = TagGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[TagGeometry | None, list[Problem]]:
    return TagGeometry(), []


def dump(g: TagGeometry) -> dict[str, Any]:
    return {}


def bbox(g: TagGeometry) -> BBox:
    raise NoGeometryError("a tag has no geometry, hence no bbox")


def area(g: TagGeometry) -> float:
    return 0.0


def contains(g: TagGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    return False


def to_shapely(g: TagGeometry) -> None:
    return None


def translate(g: TagGeometry, dx: float, dy: float) -> TagGeometry:
    return g


def check_label(g: TagGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
