"""Intersection over union of shapes with an area: boxes, rotated boxes, polygons, ellipses and masks.

Exact for boxes, rotated boxes, polygons and masks; ellipses are compared as inscribed 128-gons (within
0.04 % of their area). Mixed kinds (a polygon against a mask...) are compared through shapely; a mask is then
the union of its pixels' squares, which is exact too. IoU is 0 when the union is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from annota.domain.shapes import mask
from annota.domain.shapes.base import BBox, Geometry, Shape
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import kind_of


class IouUndefinedError(ValueError):
    """IoU asked of a kind without area (polyline, points, skeleton, tag): use a distance-based measure."""


def box_iou(a: BBox, b: BBox) -> float:
    """IoU of two axis-aligned boxes (x1, y1, x2, y2)."""
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def box_iou_matrix(a: NDArray[Any], b: NDArray[Any]) -> NDArray[np.float64]:
    """(n, m) IoU of every box of `a` (n, 4) against every box of `b` (m, 4), rows as x1, y1, x2, y2."""
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    iw = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    ih = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.clip(iw, 0.0, None) * np.clip(ih, 0.0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    out = np.zeros_like(inter)
    np.divide(inter, union, out=out, where=union > 0)
    return out


def rectangle_iou(a: RectangleGeometry, b: RectangleGeometry) -> float:
    """IoU of two rectangles, rotated or not (exact)."""
    if a.rotation == 0.0 and b.rotation == 0.0:
        return box_iou((a.x1, a.y1, a.x2, a.y2), (b.x1, b.y1, b.x2, b.y2))
    return geometry_iou_shapely(a, b)


def polygon_iou(a: PolygonGeometry, b: PolygonGeometry) -> float:
    """IoU of two polygons (self-intersecting rings are made valid first)."""
    return geometry_iou_shapely(a, b)


def ellipse_iou(a: EllipseGeometry, b: EllipseGeometry) -> float:
    return geometry_iou_shapely(a, b)


def mask_iou(a: MaskGeometry, b: MaskGeometry) -> float:
    """Exact pixel IoU, decoding only the two bboxes."""
    x1, y1 = max(a.x1, b.x1), max(a.y1, b.y1)
    x2, y2 = min(a.x2, b.x2), min(a.y2, b.y2)
    inter = 0
    if x1 < x2 and y1 < y2:
        da, db = mask.decode(a), mask.decode(b)
        wa = da[y1 - a.y1 : y2 - a.y1, x1 - a.x1 : x2 - a.x1]
        wb = db[y1 - b.y1 : y2 - b.y1, x1 - b.x1 : x2 - b.x1]
        inter = int(np.count_nonzero(wa & wb))
    union = mask.area(a) + mask.area(b) - inter
    return inter / union if union > 0 else 0.0


def shapely_iou(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """IoU of two areal shapely geometries; invalid ones (self-intersections) are made valid first."""
    if not a.is_valid:
        a = shapely.make_valid(a)
    if not b.is_valid:
        b = shapely.make_valid(b)
    inter = a.intersection(b).area
    union = a.area + b.area - inter
    return inter / union if union > 0 else 0.0


def geometry_iou_shapely(a: Geometry, b: Geometry) -> float:
    ga, gb = _areal_shapely(a), _areal_shapely(b)
    return shapely_iou(ga, gb)


_SAME_KIND: dict[type[Geometry], Callable[[Any, Any], float]] = {
    RectangleGeometry: rectangle_iou,
    MaskGeometry: mask_iou,
}


def geometry_iou(a: Geometry, b: Geometry) -> float:
    """IoU of two geometries of any kinds with an area; IouUndefinedError for the others."""
    fast = _SAME_KIND.get(type(a)) if type(a) is type(b) else None
    if fast is not None:
        return fast(a, b)
    return geometry_iou_shapely(a, b)


def shape_iou(a: Shape, b: Shape) -> float:
    """IoU of two shapes, dispatched on their kinds (frames, labels and attributes are not compared)."""
    return geometry_iou(a.geometry, b.geometry)


def _areal_shapely(g: Geometry) -> shapely.Geometry:
    ops = kind_of(g)
    if not ops.HAS_AREA:
        raise IouUndefinedError(f"IoU is not defined for {ops.NAME}: it has no area")
    out = ops.to_shapely(g)
    assert out is not None  # every kind with an area has a shapely form
    return out
