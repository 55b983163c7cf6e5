"""Polygon: ``points: [x0, y0, x1, y1, ...]``, at least 3 points, the first point not repeated at the end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from annota.domain import planar
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType
from annota.domain.shapes import vertices
from annota.domain.shapes.base import BBox, Geometry, build

NAME = "polygon"
FIELDS = ("points",)
HAS_GEOMETRY = True
HAS_AREA = True


@dataclass(frozen=True, slots=True)
class PolygonGeometry(Geometry):
    points: tuple[float, ...]

    def __post_init__(self) -> None:
        problems = vertices.count_problems(NAME, self.points, 3)
        p = self.points
        if not problems and p[0] == p[-2] and p[1] == p[-1]:
            msg = (
                "the first point is repeated at the end: polygons are closed implicitly, drop the last point"
            )
            problems.append(Problem(("points",), msg, ProblemType.CLOSED_POLYGON))
        if problems:
            raise DomainValidationError(problems)


GEOMETRY = PolygonGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[PolygonGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = vertices.read_points(fields, loc, problems)
    if problems or points is None:
        return None, problems
    return build(PolygonGeometry, loc, points)


def dump(g: PolygonGeometry) -> dict[str, Any]:
    return {"points": list(g.points)}


def bbox(g: PolygonGeometry) -> BBox:
    return vertices.bbox_of(g.points)


def area(g: PolygonGeometry) -> float:
    """The shoelace area of the vertex ring (a self-intersecting ring counts by winding)."""
    return planar.shoelace_area(*planar.split_xy(g.points))


def contains(g: PolygonGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Inside by the even-odd rule, or within `tolerance` px of an edge (edges themselves count as inside)."""
    xs, ys = planar.split_xy(g.points)
    return (
        planar.inside_polygon(x, y, xs, ys)
        or planar.distance_to_polyline(x, y, xs, ys, closed=True) <= tolerance
    )


def to_shapely(g: PolygonGeometry) -> shapely.Polygon:
    return shapely.Polygon(np.reshape(g.points, (-1, 2)))


def translate(g: PolygonGeometry, dx: float, dy: float) -> PolygonGeometry:
    return PolygonGeometry(vertices.translated(g.points, dx, dy))


def check_label(g: PolygonGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
