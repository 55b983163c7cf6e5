"""The interpolation rule of each shape kind (docs/interpolation.md, "Geometry per kind"), one line each in
`SEGMENTS`. A segment is built once per pair of keyframes and then evaluated at any t in (0, 1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annota.domain.interpolation.numeric import LinearPath, lerp, lerp_angle
from annota.domain.interpolation.outline import correspond
from annota.domain.problems import DomainValidationError
from annota.domain.shapes import ellipse, mask, points, polygon, polyline, rectangle, skeleton
from annota.domain.shapes.base import Geometry, Visibility
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import kind_of
from annota.domain.shapes.skeleton import SkeletonGeometry

Segment = Callable[[float], Geometry]


def _rectangle(a: RectangleGeometry, b: RectangleGeometry) -> Segment:
    return lambda t: RectangleGeometry(
        lerp(a.x1, b.x1, t),
        lerp(a.y1, b.y1, t),
        lerp(a.x2, b.x2, t),
        lerp(a.y2, b.y2, t),
        lerp_angle(a.rotation, b.rotation, t),
    )


def _ellipse(a: EllipseGeometry, b: EllipseGeometry) -> Segment:
    return lambda t: EllipseGeometry(
        lerp(a.cx, b.cx, t),
        lerp(a.cy, b.cy, t),
        lerp(a.rx, b.rx, t),
        lerp(a.ry, b.ry, t),
        lerp_angle(a.rotation, b.rotation, t),
    )


def _points(a: PointsGeometry, b: PointsGeometry) -> Segment:
    if len(a.points) != len(b.points):
        return _hold(a)
    path = LinearPath(a.points, b.points)
    return lambda t: PointsGeometry(path.at(t))


def _skeleton(a: SkeletonGeometry, b: SkeletonGeometry) -> Segment:
    if len(a.points) != len(b.points):
        return _hold(a)
    target = list(b.points)
    for i, (va, vb) in enumerate(zip(a.visibility, b.visibility, strict=True)):
        if Visibility.OUTSIDE in (va, vb):  # not interpolated: a + (a - a) * t is exactly a
            target[2 * i : 2 * i + 2] = a.points[2 * i : 2 * i + 2]
    path = LinearPath(a.points, target)
    return lambda t: SkeletonGeometry(path.at(t), a.visibility)


def _polygon(a: PolygonGeometry, b: PolygonGeometry) -> Segment:
    path = LinearPath(*correspond(a.points, b.points, closed=True))
    return lambda t: PolygonGeometry(path.at(t))


def _polyline(a: PolylineGeometry, b: PolylineGeometry) -> Segment:
    path = LinearPath(*correspond(a.points, b.points, closed=False))
    return lambda t: PolylineGeometry(path.at(t))


def _mask(a: MaskGeometry, b: MaskGeometry) -> Segment:
    return _hold(a)  # a mask changes only on keyframes: never blended


def _hold(a: Geometry) -> Segment:
    return lambda t: a


SEGMENTS: dict[str, Callable[[Any, Any], Segment]] = {
    rectangle.NAME: _rectangle,
    ellipse.NAME: _ellipse,
    points.NAME: _points,
    skeleton.NAME: _skeleton,
    polygon.NAME: _polygon,
    polyline.NAME: _polyline,
    mask.NAME: _mask,
}


def segment(a: Geometry, b: Geometry) -> Segment:
    """The geometry `t` of the way from `a` to `b` (0 < t < 1) by the kind's rule, or `a` where that result
    breaks the kind's invariants (a polygon closing on itself, a box collapsed by rounding)."""
    ops = kind_of(a)
    if kind_of(b) is not ops:
        raise TypeError(f"cannot interpolate a {ops.NAME} toward a {kind_of(b).NAME}")
    make = SEGMENTS.get(ops.NAME)
    if make is None:
        raise TypeError(f"a {ops.NAME} has no geometry to interpolate")
    path = make(a, b)

    def at(t: float) -> Geometry:
        try:
            return path(t)
        except DomainValidationError:
            return a

    return at


def interpolate_geometry(a: Geometry, b: Geometry, t: float) -> Geometry:
    """`segment(a, b)` at `t`."""
    return segment(a, b)(t)
