"""Rectangle: ``points: [x1, y1, x2, y2]`` (x1 < x2, y1 < y2, before rotation) and ``rotation``.

Rotation is in degrees, clockwise on screen about the centre, normalised to [0, 360).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from annota.domain import planar, wire
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType
from annota.domain.shapes.base import BBox, Geometry, build

NAME = "rectangle"
FIELDS = ("points", "rotation")
HAS_GEOMETRY = True
HAS_AREA = True


@dataclass(frozen=True, slots=True)
class RectangleGeometry(Geometry):
    x1: float
    y1: float
    x2: float
    y2: float
    rotation: float = 0.0

    def __post_init__(self) -> None:
        problems = []
        if not all(map(math.isfinite, (self.x1, self.y1, self.x2, self.y2))):
            problems.append(Problem(("points",), "coordinates must be finite", ProblemType.NOT_FINITE))
        elif not (self.x1 < self.x2 and self.y1 < self.y2):
            msg = f"rectangle needs x1 < x2 and y1 < y2, got [{self.x1}, {self.y1}, {self.x2}, {self.y2}]"
            problems.append(Problem(("points",), msg, ProblemType.BOUNDS_ORDER))
        problems.extend(rotation_problems(self.rotation))
        if problems:
            raise DomainValidationError(problems)

    @property
    def center(self) -> tuple[float, float]:
        return (self.x1 + self.x2) / 2.0, (self.y1 + self.y2) / 2.0

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def corners(self) -> tuple[planar.FloatArray, planar.FloatArray]:
        """The four corners after rotation: top-left, top-right, bottom-right, bottom-left before it."""
        xs = np.array([self.x1, self.x2, self.x2, self.x1])
        ys = np.array([self.y1, self.y1, self.y2, self.y2])
        if self.rotation == 0.0:
            return xs, ys
        cx, cy = self.center
        return planar.rotate_about(xs, ys, cx, cy, self.rotation)


GEOMETRY = RectangleGeometry


def rotation_problems(rotation: float) -> list[Problem]:
    if math.isfinite(rotation) and 0.0 <= rotation < 360.0:
        return []
    return [Problem(("rotation",), f"rotation must be in [0, 360), got {rotation}", ProblemType.OUT_OF_RANGE)]


def read_rotation(fields: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> float | None:
    """The optional ``rotation`` field (0 when absent), normalised to [0, 360)."""
    raw = fields.get("rotation", 0.0)
    r = wire.number(raw, (*loc, "rotation"), problems)
    return None if r is None else planar.normalize_degrees(r)


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[RectangleGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = None
    if wire.present(fields, "points", loc, problems):
        points = wire.number_list(fields["points"], (*loc, "points"), problems)
    rotation = read_rotation(fields, loc, problems)
    if points is not None and len(points) != 4:
        msg = f"rectangle points are [x1, y1, x2, y2], got {len(points)} numbers"
        problems.append(Problem((*loc, "points"), msg, ProblemType.WRONG_LENGTH))
    if problems or points is None or rotation is None:
        return None, problems
    return build(RectangleGeometry, loc, *points, rotation)


def dump(g: RectangleGeometry) -> dict[str, Any]:
    return {"points": [g.x1, g.y1, g.x2, g.y2], "rotation": g.rotation}


def bbox(g: RectangleGeometry) -> BBox:
    if g.rotation == 0.0:
        return g.x1, g.y1, g.x2, g.y2
    xs, ys = g.corners()
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def area(g: RectangleGeometry) -> float:
    return g.width * g.height


def contains(g: RectangleGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Inside (border included), or within `tolerance` px of the border."""
    cx, cy = g.center
    lx, ly = planar.to_local(x, y, cx, cy, g.rotation)
    ox = max(abs(lx) - g.width / 2.0, 0.0)
    oy = max(abs(ly) - g.height / 2.0, 0.0)
    return math.hypot(ox, oy) <= tolerance


def to_shapely(g: RectangleGeometry) -> shapely.Polygon:
    xs, ys = g.corners()
    return shapely.Polygon(np.column_stack([xs, ys]))


def translate(g: RectangleGeometry, dx: float, dy: float) -> RectangleGeometry:
    return RectangleGeometry(g.x1 + dx, g.y1 + dy, g.x2 + dx, g.y2 + dy, g.rotation)


def check_label(g: RectangleGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
