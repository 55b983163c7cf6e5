"""Flat vertex lists ``[x0, y0, x1, y1, ...]``, shared by the polygon, polyline, points and skeleton kinds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annota.domain import wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import BBox


def read_points(fields: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> tuple[float, ...] | None:
    """The required ``points`` field as a tuple of finite floats."""
    if not wire.present(fields, "points", loc, problems):
        return None
    return wire.number_list(fields["points"], (*loc, "points"), problems)


def count_problems(kind: str, points: tuple[float, ...], minimum: int) -> list[Problem]:
    """Problems with the length of a flat list that must hold at least `minimum` points."""
    n = len(points)
    if n % 2:
        msg = f"{kind} points are a flat list [x0, y0, x1, y1, ...]: got an odd count of {n} numbers"
        return [Problem(("points",), msg, ProblemType.WRONG_LENGTH)]
    if n < 2 * minimum:
        plural = "point" if minimum == 1 else "points"
        msg = f"{kind} needs at least {minimum} {plural}, got {n // 2}"
        return [Problem(("points",), msg, ProblemType.TOO_SHORT)]
    return []


def bbox_of(points: tuple[float, ...]) -> BBox:
    xs, ys = points[0::2], points[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def translated(points: tuple[float, ...], dx: float, dy: float) -> tuple[float, ...]:
    out = list(points)
    out[0::2] = [x + dx for x in points[0::2]]
    out[1::2] = [y + dy for y in points[1::2]]
    return tuple(out)
