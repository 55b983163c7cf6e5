"""IoU matrices of objects with an area: boxes (rotated or not), polygons, ellipses and masks.

Every frame of a comparison is measured in one go. The bounding boxes of all the pairs of all the frames
go through one vectorised IoU; that is the answer for axis-aligned boxes (the common case, and the one the
10,000-frame benchmark rests on). Other pairs whose bounding boxes overlap are measured exactly: masks
pixel by pixel, rotated boxes as polygons, anything else through shapely with each object's shapely form
built once (ellipses as 128-gons, docs/geometry.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from numpy.typing import NDArray

from annota.domain.iou import mask_iou, rectangle_iou
from annota.domain.quality.objects import FrameObject, SideBySide
from annota.domain.quality.settings import QualitySettings
from annota.domain.shapes.base import Geometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import kind_of

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def iou_matrices(lists: Sequence[SideBySide], settings: QualitySettings) -> list[FloatArray]:
    """For each (annotated, reference) pair of object lists, the (n, m) IoU of every pair of objects."""
    a_geometries = [_geometry(o) for annotated, _ in lists for o in annotated]
    r_geometries = [_geometry(o) for _, reference in lists for o in reference]
    n = np.array([len(annotated) for annotated, _ in lists], dtype=np.intp)
    m = np.array([len(reference) for _, reference in lists], dtype=np.intp)
    a_index, r_index = cross_pairs(n, m)
    a_boxes, a_upright = _boxes(a_geometries)
    r_boxes, r_upright = _boxes(r_geometries)
    iou = pairwise_box_iou(a_boxes[a_index], r_boxes[r_index])
    inexact = np.flatnonzero((iou > 0.0) & ~(a_upright[a_index] & r_upright[r_index]))
    if len(inexact):
        iou[inexact] = _exact(
            [a_geometries[i] for i in a_index[inexact]], [r_geometries[j] for j in r_index[inexact]]
        )
    ends = np.cumsum(n * m)
    return [
        iou[end - size : end].reshape(rows, columns)
        for end, size, rows, columns in zip(ends, n * m, n, m, strict=True)
    ]


def cross_pairs(n: IntArray, m: IntArray) -> tuple[IntArray, IntArray]:
    """Global indices (annotated, reference) of every pair within each problem, problem after problem and
    row-major inside one: problem k has n[k] annotated and m[k] reference objects, numbered consecutively."""
    sizes = n * m
    total = int(sizes.sum())
    problem = np.repeat(np.arange(len(n)), sizes)
    local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    columns = m[problem]
    a_start = (np.cumsum(n) - n)[problem]
    r_start = (np.cumsum(m) - m)[problem]
    return a_start + local // np.maximum(columns, 1), r_start + local % np.maximum(columns, 1)


def pairwise_box_iou(a: FloatArray, b: FloatArray) -> FloatArray:
    """IoU of a[k] and b[k] for each row k of two (p, 4) arrays of x1, y1, x2, y2."""
    iw = np.clip(np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]), 0.0, None)
    ih = np.clip(np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]), 0.0, None)
    inter = iw * ih
    union = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    out = np.zeros(len(inter))
    np.divide(inter, union, out=out, where=union > 0)
    return out


def _geometry(o: FrameObject) -> Geometry:
    if o.geometry is None:
        raise TypeError(f"{o.kind} {o.id!r} has no geometry to measure an area on")
    return o.geometry


def _boxes(geometries: list[Geometry]) -> tuple[FloatArray, NDArray[np.bool_]]:
    """(k, 4) bounding boxes and whether each geometry is exactly its box (an unrotated rectangle)."""
    upright = np.array([type(g) is RectangleGeometry and g.rotation == 0.0 for g in geometries], dtype=bool)
    boxes = [
        (g.x1, g.y1, g.x2, g.y2) if isinstance(g, RectangleGeometry) and exact else kind_of(g).bbox(g)
        for g, exact in zip(geometries, upright.tolist(), strict=True)
    ]
    return np.array(boxes, dtype=np.float64).reshape(-1, 4), upright


def _exact(a: list[Geometry], b: list[Geometry]) -> FloatArray:
    """IoU of a[k] and b[k], pairs whose bounding boxes overlap and that are not two upright boxes."""
    out = np.zeros(len(a))
    shapely_pairs = []
    for k, (ga, gb) in enumerate(zip(a, b, strict=True)):
        if isinstance(ga, MaskGeometry) and isinstance(gb, MaskGeometry):
            out[k] = mask_iou(ga, gb)
        elif isinstance(ga, RectangleGeometry) and isinstance(gb, RectangleGeometry):
            out[k] = rectangle_iou(ga, gb)
        else:
            shapely_pairs.append(k)
    if shapely_pairs:
        forms: dict[int, shapely.Geometry] = {}
        sa = np.array([_shapely(forms, a[k]) for k in shapely_pairs], dtype=object)
        sb = np.array([_shapely(forms, b[k]) for k in shapely_pairs], dtype=object)
        inter = shapely.area(shapely.intersection(sa, sb))
        union = shapely.area(sa) + shapely.area(sb) - inter
        iou = np.zeros(len(inter))
        np.divide(inter, union, out=iou, where=union > 0)
        out[shapely_pairs] = iou
    return out


def _shapely(forms: dict[int, shapely.Geometry], g: Geometry) -> shapely.Geometry:
    """The valid shapely form of `g`, built once per geometry object (self-intersecting rings repaired)."""
    form = forms.get(id(g))
    if form is None:
        form = kind_of(g).to_shapely(g)
        if form is None:
            raise TypeError(f"{type(g).__name__} has no shapely form")
        if not form.is_valid:
            form = shapely.make_valid(form)
        forms[id(g)] = form
    return form
