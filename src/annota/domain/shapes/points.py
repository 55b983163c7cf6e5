"""Points: ``points: [x0, y0, x1, y1, ...]``, at least 1 point, no order meaning."""

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

NAME = "points"
FIELDS = ("points",)
HAS_GEOMETRY = True
HAS_AREA = False


@dataclass(frozen=True, slots=True)
class PointsGeometry(Geometry):
    points: tuple[float, ...]

    def __post_init__(self) -> None:
        problems = vertices.count_problems(NAME, self.points, 1)
        if problems:
            raise DomainValidationError(problems)


GEOMETRY = PointsGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[PointsGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = vertices.read_points(fields, loc, problems)
    if problems or points is None:
        return None, problems
    return build(PointsGeometry, loc, points)


def dump(g: PointsGeometry) -> dict[str, Any]:
    return {"points": list(g.points)}


def bbox(g: PointsGeometry) -> BBox:
    return vertices.bbox_of(g.points)


def area(g: PointsGeometry) -> float:
    return 0.0


def contains(g: PointsGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Within `tolerance` px of one of the points."""
    xs, ys = planar.split_xy(g.points)
    return float(np.min(np.hypot(xs - x, ys - y))) <= tolerance


def to_shapely(g: PointsGeometry) -> shapely.MultiPoint:
    return shapely.MultiPoint(np.reshape(g.points, (-1, 2)))


def translate(g: PointsGeometry, dx: float, dy: float) -> PointsGeometry:
    return PointsGeometry(vertices.translated(g.points, dx, dy))


def check_label(g: PointsGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
