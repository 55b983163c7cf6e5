"""YOLO text rows (normalised coordinates) to geometry fields and back, shared by darknet and Ultralytics.

Readers get the kind's wire fields (`records.ShapeRecord` geometry), checked; writers get stored fields.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from annota.domain.problems import DomainValidationError
from annota.domain.shapes import rectangle, skeleton
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.formats.records import Fields, geometry

_V = {0: Visibility.OUTSIDE, 1: Visibility.OCCLUDED, 2: Visibility.VISIBLE}
_V_OUT = {Visibility.OUTSIDE: 0, Visibility.OCCLUDED: 1, Visibility.VISIBLE: 2}
_INF = math.inf


class RowError(ValueError):
    """A row that does not describe its shape; the message says why."""


def numbers(tokens: Sequence[str]) -> list[float]:
    try:
        values = [float(t) for t in tokens]
    except ValueError as error:
        raise RowError(f"expected numbers, got {error.args[0].split(': ')[-1]}") from None
    if not math.isfinite(sum(values)) and not all(math.isfinite(v) for v in values):
        raise RowError("coordinates must be finite")
    return values


def box(values: Sequence[float], width: int, height: int) -> Fields:
    """``cx cy w h`` (finite numbers) to rectangle fields, checked inline."""
    cx, cy, w, h = values
    x1, y1 = (cx - w / 2) * width, (cy - h / 2) * height
    x2, y2 = (cx + w / 2) * width, (cy + h / 2) * height
    if -_INF < x1 < x2 < _INF and -_INF < y1 < y2 < _INF:
        return {"points": [x1, y1, x2, y2], "rotation": 0.0}
    raise RowError(f"width and height must be positive, got {w} x {h}")


def box_row(fields: Fields, width: int, height: int) -> str:
    """A rectangle's ``cx cy w h`` (a rotated one's axis-aligned bounds)."""
    x1, y1, x2, y2 = fields["points"]
    if fields["rotation"]:
        xs, ys = RectangleGeometry(x1, y1, x2, y2, fields["rotation"]).corners()
        x1, y1, x2, y2 = float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())
    cx, cy, w, h = (x1 + x2) / 2 / width, (y1 + y2) / 2 / height, (x2 - x1) / width, (y2 - y1) / height
    return f"{cx:.6f} {cy:.6f} {w:.6f} {h:.6f}"


def polygon(values: Sequence[float], width: int, height: int) -> Fields:
    if len(values) % 2 or len(values) < 6:
        raise RowError(f"a polygon needs x y pairs for at least 3 points, got {len(values)} numbers")
    points = [v * (width if i % 2 == 0 else height) for i, v in enumerate(values)]
    if len(points) >= 8 and points[:2] == points[-2:]:
        points = points[:-2]
    try:
        return geometry("polygon", {"points": points})
    except DomainValidationError as error:
        raise RowError(error.problems[0].msg) from None


def polygon_row(points: Sequence[float], width: int, height: int) -> str:
    return _join(v / (width if i % 2 == 0 else height) for i, v in enumerate(points))


def oriented(values: Sequence[float], width: int, height: int) -> Fields:
    """Four corners (clockwise on screen from the top-left one before rotation) to a rotated rectangle."""
    xs = [values[i] * width for i in range(0, 8, 2)]
    ys = [values[i] * height for i in range(1, 8, 2)]
    w = math.hypot(xs[1] - xs[0], ys[1] - ys[0])
    h = math.hypot(xs[2] - xs[1], ys[2] - ys[1])
    if w <= 0 or h <= 0:
        raise RowError("the four corners must span a rectangle of positive size")
    cx, cy = sum(xs) / 4, sum(ys) / 4
    rotation = math.degrees(math.atan2(ys[1] - ys[0], xs[1] - xs[0])) % 360.0
    rotation = 0.0 if rotation >= 360.0 or abs(rotation - 360.0) < 1e-9 else rotation
    return rectangle.dump(RectangleGeometry(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, rotation))


def oriented_row(fields: Fields, width: int, height: int) -> str:
    x1, y1, x2, y2 = fields["points"]
    xs, ys = RectangleGeometry(x1, y1, x2, y2, fields["rotation"]).corners()
    return _join(v for x, y in zip(xs, ys, strict=True) for v in (x / width, y / height))


def keypoints(values: Sequence[float], dims: int, width: int, height: int) -> Fields:
    points: list[float] = []
    visibility: list[Visibility] = []
    for k in range(0, len(values), dims):
        points += [values[k] * width, values[k + 1] * height]
        v = int(values[k + 2]) if dims == 3 else 2
        if v not in _V:
            raise RowError(f"keypoint visibility is 0, 1 or 2, got {values[k + 2]}")
        visibility.append(_V[v])
    return skeleton.dump(SkeletonGeometry(tuple(points), tuple(visibility)))


def keypoints_row(fields: Fields, width: int, height: int) -> str:
    out: list[float] = []
    points = fields["points"]
    for k, v in enumerate(fields["visibility"]):
        out += [points[2 * k] / width, points[2 * k + 1] / height, _V_OUT[Visibility(v)]]
    return " ".join(f"{x:.6f}" if i % 3 != 2 else str(int(x)) for i, x in enumerate(out))


def _join(values: object) -> str:
    return " ".join(f"{v:.6f}" for v in values)  # type: ignore[attr-defined]
