"""Object keypoint similarity (OKS) of points and skeletons, COCO's measure with CVAT's default sigma.

For a reference with points r_k and an annotation with points a_k, present (not `outside`) in the sets
R and A:

    OKS = sum over k in R ∩ A of exp(-d_k² / (2 · s² · (2·σ_k)²))  /  |R ∪ A|

d_k = |a_k - r_k| in pixels, s² the area of the box around the reference's present points (at least
`min_point_area`), σ_k the point's sigma. A point present on one side only counts as a miss. With every
annotated point present where the reference's is, this is COCOeval's `computeOks` (the tests compare both).
The points of a `points` shape have no order: they are first paired to maximise the sum above.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from annota.domain.quality.assignment import linear_sum_assignment
from annota.domain.quality.measures.areal import cross_pairs
from annota.domain.quality.objects import FrameObject, SideBySide
from annota.domain.quality.settings import QualitySettings
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def skeleton_oks_matrices(lists: Sequence[SideBySide], settings: QualitySettings) -> list[FloatArray]:
    """For each (annotated, reference) pair of skeleton lists, the (n, m) OKS of every pair; skeletons of
    different point counts (other templates) score 0."""
    return [_skeleton_matrix(annotated, reference, settings) for annotated, reference in lists]


def points_oks_matrices(lists: Sequence[SideBySide], settings: QualitySettings) -> list[FloatArray]:
    """For each (annotated, reference) pair of point-set lists, the (n, m) OKS of every pair, each pair's
    points put in correspondence first. Lone points (the usual case) are measured in one vectorised go."""
    a_sets = [_points(o) for annotated, _ in lists for o in annotated]
    r_sets = [_points(o) for _, reference in lists for o in reference]
    n = np.array([len(annotated) for annotated, _ in lists], dtype=np.intp)
    m = np.array([len(reference) for _, reference in lists], dtype=np.intp)
    a_index, r_index = cross_pairs(n, m)
    areas = np.array([_area(r, settings) for r in r_sets])
    a_lone = np.array([len(p) == 1 for p in a_sets], dtype=bool)
    r_lone = np.array([len(p) == 1 for p in r_sets], dtype=bool)
    a_first = np.array([p[0] for p in a_sets]).reshape(-1, 2)
    r_first = np.array([p[0] for p in r_sets]).reshape(-1, 2)
    d2 = np.sum((a_first[a_index] - r_first[r_index]) ** 2, axis=1)
    similarity = np.exp(-d2 / (2.0 * areas[r_index] * (2.0 * settings.oks_sigma) ** 2))
    for k in np.flatnonzero(~(a_lone[a_index] & r_lone[r_index])).tolist():
        i, j = a_index[k], r_index[k]
        similarity[k] = unordered_oks(a_sets[i], r_sets[j], settings.oks_sigma, float(areas[j]))
    ends = np.cumsum(n * m)
    return [
        similarity[end - size : end].reshape(rows, columns)
        for end, size, rows, columns in zip(ends, n * m, n, m, strict=True)
    ]


def _skeleton_matrix(
    annotated: Sequence[FrameObject], reference: Sequence[FrameObject], settings: QualitySettings
) -> FloatArray:
    out = np.zeros((len(annotated), len(reference)))
    a_arrays = [_skeleton_arrays(o) for o in annotated]
    for j, r in enumerate(reference):
        r_xy, r_present = _skeleton_arrays(r)
        sigmas = np.asarray(settings.sigmas_for(r.label_id, len(r_xy)))
        area = _area(r_xy[r_present], settings)
        for i, (a_xy, a_present) in enumerate(a_arrays):
            if len(a_xy) == len(r_xy):
                out[i, j] = oks(a_xy, a_present, r_xy, r_present, sigmas, area)
    return out


def oks(
    a_xy: FloatArray,
    a_present: BoolArray,
    r_xy: FloatArray,
    r_present: BoolArray,
    sigmas: FloatArray,
    area: float,
) -> float:
    """OKS of two lists of corresponding points (see the module docstring); 1 when neither has any point."""
    union = np.count_nonzero(a_present | r_present)
    if union == 0:
        return 1.0
    both = a_present & r_present
    d2 = np.sum((a_xy[both] - r_xy[both]) ** 2, axis=1)
    return float(np.sum(np.exp(-d2 / (2.0 * area * (2.0 * sigmas[both]) ** 2))) / union)


def unordered_oks(a_xy: FloatArray, r_xy: FloatArray, sigma: float, area: float) -> float:
    """OKS of two point sets without order: the pairing of points with the largest sum of terms."""
    d2 = np.sum((a_xy[:, None, :] - r_xy[None, :, :]) ** 2, axis=2)
    terms = np.exp(-d2 / (2.0 * area * (2.0 * sigma) ** 2))
    rows, columns = linear_sum_assignment(terms, maximize=True)
    return float(terms[rows, columns].sum()) / max(len(a_xy), len(r_xy))


def _points(o: FrameObject) -> FloatArray:
    assert isinstance(o.geometry, PointsGeometry)  # guaranteed by the family table
    return np.reshape(np.asarray(o.geometry.points, dtype=np.float64), (-1, 2))


def _skeleton_arrays(o: FrameObject) -> tuple[FloatArray, BoolArray]:
    g = o.geometry
    assert isinstance(g, SkeletonGeometry)  # guaranteed by the family table
    xy = np.reshape(np.asarray(g.points, dtype=np.float64), (-1, 2))
    present = np.array([v is not Visibility.OUTSIDE for v in g.visibility], dtype=bool)
    return xy, present


def _area(xy: FloatArray, settings: QualitySettings) -> float:
    """The area of the box around the points, at least `min_point_area`."""
    if len(xy) == 0:
        return settings.min_point_area
    width, height = np.ptp(xy, axis=0)
    return max(float(width * height), settings.min_point_area)
