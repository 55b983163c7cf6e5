"""Polyline: ``points: [x0, y0, x1, y1, ...]``, at least 2 points, open."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from annota.domain import planar
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc, Problem
from annota.domain.shapes import vertices
from annota.domain.shapes.base import BBox, Geometry, build

NAME = "polyline"
FIELDS = ("points",)
HAS_GEOMETRY = True
HAS_AREA = False


@dataclass(frozen=True, slots=True)
class PolylineGeometry(Geometry):
    points: tuple[float, ...]

    def __post_init__(self) -> None:
        problems = vertices.count_problems(NAME, self.points, 2)
        if problems:
            raise DomainValidationError(problems)


GEOMETRY = PolylineGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[PolylineGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = vertices.read_points(fields, loc, problems)
    if problems or points is None:
        return None, problems
    return build(PolylineGeometry, loc, points)


def dump(g: PolylineGeometry) -> dict[str, Any]:
    return {"points": list(g.points)}


def bbox(g: PolylineGeometry) -> BBox:
    return vertices.bbox_of(g.points)


def area(g: PolylineGeometry) -> float:
    return 0.0


def contains(g: PolylineGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Within `tolerance` px of one of the segments."""
    xs, ys = planar.split_xy(g.points)
    return planar.distance_to_polyline(x, y, xs, ys, closed=False) <= tolerance


def to_shapely(g: PolylineGeometry) -> shapely.LineString:
    return shapely.LineString(np.reshape(g.points, (-1, 2)))


def translate(g: PolylineGeometry, dx: float, dy: float) -> PolylineGeometry:
    return PolylineGeometry(vertices.translated(g.points, dx, dy))


def check_label(g: PolylineGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
