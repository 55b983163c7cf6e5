"""Ellipse: ``points: [cx, cy, rx, ry]`` (centre and radii, rx, ry > 0) and ``rotation``.

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
from annota.domain.shapes.rectangle import read_rotation, rotation_problems

NAME = "ellipse"
FIELDS = ("points", "rotation")
HAS_GEOMETRY = True
HAS_AREA = True
# Vertices of the polygon that stands for an ellipse in IoU: its area is within 0.04 % of the ellipse's.
POLYGON_VERTICES = 128


@dataclass(frozen=True, slots=True)
class EllipseGeometry(Geometry):
    cx: float
    cy: float
    rx: float
    ry: float
    rotation: float = 0.0

    def __post_init__(self) -> None:
        problems = []
        if not all(map(math.isfinite, (self.cx, self.cy, self.rx, self.ry))):
            problems.append(Problem(("points",), "coordinates must be finite", ProblemType.NOT_FINITE))
        elif not (self.rx > 0 and self.ry > 0):
            msg = f"ellipse radii must be positive, got rx={self.rx}, ry={self.ry}"
            problems.append(Problem(("points",), msg, ProblemType.OUT_OF_RANGE))
        problems.extend(rotation_problems(self.rotation))
        if problems:
            raise DomainValidationError(problems)


GEOMETRY = EllipseGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[EllipseGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = None
    if wire.present(fields, "points", loc, problems):
        points = wire.number_list(fields["points"], (*loc, "points"), problems)
    rotation = read_rotation(fields, loc, problems)
    if points is not None and len(points) != 4:
        msg = f"ellipse points are [cx, cy, rx, ry], got {len(points)} numbers"
        problems.append(Problem((*loc, "points"), msg, ProblemType.WRONG_LENGTH))
    if problems or points is None or rotation is None:
        return None, problems
    return build(EllipseGeometry, loc, *points, rotation)


def dump(g: EllipseGeometry) -> dict[str, Any]:
    return {"points": [g.cx, g.cy, g.rx, g.ry], "rotation": g.rotation}


def bbox(g: EllipseGeometry) -> BBox:
    c, s = planar.cos_sin(g.rotation)
    hx = math.hypot(g.rx * c, g.ry * s)
    hy = math.hypot(g.rx * s, g.ry * c)
    return g.cx - hx, g.cy - hy, g.cx + hx, g.cy + hy


def area(g: EllipseGeometry) -> float:
    return math.pi * g.rx * g.ry


def contains(g: EllipseGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Inside (border included); with a tolerance, inside the ellipse whose radii grow by `tolerance`."""
    lx, ly = planar.to_local(x, y, g.cx, g.cy, g.rotation)
    rx, ry = g.rx + tolerance, g.ry + tolerance
    return (lx / rx) ** 2 + (ly / ry) ** 2 <= 1.0


def to_shapely(g: EllipseGeometry) -> shapely.Polygon:
    """The inscribed polygon with POLYGON_VERTICES vertices."""
    t = np.linspace(0.0, 2.0 * math.pi, POLYGON_VERTICES, endpoint=False)
    xs, ys = planar.rotate_about(g.cx + g.rx * np.cos(t), g.cy + g.ry * np.sin(t), g.cx, g.cy, g.rotation)
    return shapely.Polygon(np.column_stack([xs, ys]))


def translate(g: EllipseGeometry, dx: float, dy: float) -> EllipseGeometry:
    return EllipseGeometry(g.cx + dx, g.cy + dy, g.rx, g.ry, g.rotation)


def check_label(g: EllipseGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []
