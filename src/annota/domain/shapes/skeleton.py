"""Skeleton: ``points`` in the order of the label's template and ``visibility``, one entry per point.

An ``outside`` point keeps its coordinates but is not drawn: it takes no part in bbox or hit tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from annota.domain import wire
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType
from annota.domain.shapes import vertices
from annota.domain.shapes.base import BBox, Geometry, Visibility, build

NAME = "skeleton"
FIELDS = ("points", "visibility")
HAS_GEOMETRY = True
HAS_AREA = False


@dataclass(frozen=True, slots=True)
class SkeletonGeometry(Geometry):
    points: tuple[float, ...]
    visibility: tuple[Visibility, ...]

    def __post_init__(self) -> None:
        problems = vertices.count_problems(NAME, self.points, 1)
        if not problems and len(self.visibility) != len(self.points) // 2:
            msg = f"skeleton has {len(self.points) // 2} points but {len(self.visibility)} visibility entries"
            problems.append(Problem(("visibility",), msg, ProblemType.WRONG_LENGTH))
        if problems:
            raise DomainValidationError(problems)

    def drawn_xy(self) -> np.ndarray:
        """(n, 2) coordinates of the points that are not outside."""
        xy = np.reshape(self.points, (-1, 2))
        return xy[[v is not Visibility.OUTSIDE for v in self.visibility]]


GEOMETRY = SkeletonGeometry


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[SkeletonGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    points = vertices.read_points(fields, loc, problems)
    visibility: tuple[Visibility, ...] | None = None
    if wire.present(fields, "visibility", loc, problems):
        visibility = _read_visibility(fields["visibility"], (*loc, "visibility"), problems)
    if problems or points is None or visibility is None:
        return None, problems
    return build(SkeletonGeometry, loc, points, visibility)


def _read_visibility(raw: object, loc: Loc, problems: list[Problem]) -> tuple[Visibility, ...] | None:
    if not isinstance(raw, list | tuple):
        msg = f"expected a list of visibilities, got {wire.type_name(raw)}"
        problems.append(Problem(loc, msg, ProblemType.LIST_TYPE))
        return None
    before = len(problems)
    out = tuple(wire.enum_value(Visibility, v, (*loc, i), problems) for i, v in enumerate(raw))
    return None if len(problems) > before else out  # type: ignore[return-value]


def dump(g: SkeletonGeometry) -> dict[str, Any]:
    return {"points": list(g.points), "visibility": [v.value for v in g.visibility]}


def bbox(g: SkeletonGeometry) -> BBox:
    """Bounds of the points that are not outside (of all points when every point is outside)."""
    xy = g.drawn_xy()
    if len(xy) == 0:
        return vertices.bbox_of(g.points)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])


def area(g: SkeletonGeometry) -> float:
    return 0.0


def contains(g: SkeletonGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Within `tolerance` px of a point that is not outside."""
    xy = g.drawn_xy()
    return len(xy) > 0 and float(np.min(np.hypot(xy[:, 0] - x, xy[:, 1] - y))) <= tolerance


def to_shapely(g: SkeletonGeometry) -> shapely.MultiPoint:
    """The points that are not outside."""
    return shapely.MultiPoint(g.drawn_xy())


def translate(g: SkeletonGeometry, dx: float, dy: float) -> SkeletonGeometry:
    return SkeletonGeometry(vertices.translated(g.points, dx, dy), g.visibility)


def check_label(g: SkeletonGeometry, label: Label, loc: Loc) -> list[Problem]:
    """The point count must match the label's template."""
    expected = 0 if label.skeleton is None else len(label.skeleton.points)
    got = len(g.points) // 2
    if got == expected:
        return []
    msg = f"label {label.name!r} has a skeleton of {expected} points, got {got}"
    return [Problem((*loc, "points"), msg, ProblemType.SKELETON)]
