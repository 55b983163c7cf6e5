"""Similarity of polylines: their symmetric mean distance D, against a tolerance in pixels.

Each line is resampled at `SAMPLES` points evenly spaced along its length. D is the mean of two means: the
distance from each sample of one line to the other line (its segments, not its samples), both ways. The
similarity is max(0, 1 - D / line_tolerance): 1 for the same line, 0.5 for lines 5 px apart on average with
the default tolerance of 10 px, 0 from 10 px on. D does not depend on the direction of drawing; the
direction is checked separately on paired lines (`is_reversed`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from annota.domain.quality.objects import FrameObject, SideBySide
from annota.domain.quality.settings import QualitySettings
from annota.domain.shapes.polyline import PolylineGeometry

FloatArray = NDArray[np.float64]
SAMPLES = 64


def line_similarity_matrices(lists: Sequence[SideBySide], settings: QualitySettings) -> list[FloatArray]:
    """For each (annotated, reference) pair of polyline lists, the (n, m) similarity of every pair."""
    return [_matrix(annotated, reference, settings) for annotated, reference in lists]


def _matrix(
    annotated: Sequence[FrameObject], reference: Sequence[FrameObject], settings: QualitySettings
) -> FloatArray:
    out = np.zeros((len(annotated), len(reference)))
    a_lines = [_vertices(o) for o in annotated]
    r_lines = [_vertices(o) for o in reference]
    tolerance = settings.line_tolerance
    for i, a in enumerate(a_lines):
        for j, r in enumerate(r_lines):
            # D is at least the gap between the two bounding boxes: past the tolerance, skip the sampling.
            if _box_gap(a, r) < tolerance:
                out[i, j] = max(0.0, 1.0 - symmetric_mean_distance(a, r) / tolerance)
    return out


def symmetric_mean_distance(a: FloatArray, b: FloatArray) -> float:
    """D of two polylines given as (k, 2) vertex arrays."""
    return 0.5 * (
        float(np.mean(distances_to_polyline(resample(a), b)))
        + float(np.mean(distances_to_polyline(resample(b), a)))
    )


def is_reversed(a: FrameObject, b: FrameObject) -> bool:
    """Whether `a` runs the other way from `b`: its samples are closer to `b`'s taken backwards."""
    sa, sb = resample(_vertices(a)), resample(_vertices(b))
    forward = float(np.mean(np.hypot(*(sa - sb).T)))
    backward = float(np.mean(np.hypot(*(sa - sb[::-1]).T)))
    return backward < forward


def resample(vertices: FloatArray, count: int = SAMPLES) -> FloatArray:
    """`count` points evenly spaced along the polyline, from its first vertex to its last."""
    steps = np.hypot(*np.diff(vertices, axis=0).T)
    along = np.concatenate(([0.0], np.cumsum(steps)))
    if along[-1] == 0.0:
        return np.repeat(vertices[:1], count, axis=0)
    at = np.linspace(0.0, along[-1], count)
    return np.column_stack([np.interp(at, along, vertices[:, 0]), np.interp(at, along, vertices[:, 1])])


def distances_to_polyline(points: FloatArray, vertices: FloatArray) -> FloatArray:
    """Distance from each of the (n, 2) `points` to the nearest segment of the polyline."""
    start, end = vertices[:-1], vertices[1:]
    v = end - start
    length2 = np.sum(v * v, axis=1)
    offset = points[:, None, :] - start[None, :, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length2 > 0, np.sum(offset * v[None], axis=2) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    nearest = start[None] + t[..., None] * v[None]
    return np.asarray(np.min(np.hypot(*(points[:, None, :] - nearest).transpose(2, 0, 1)), axis=1))


def _vertices(o: FrameObject) -> FloatArray:
    assert isinstance(o.geometry, PolylineGeometry)  # guaranteed by the family table
    return np.reshape(np.asarray(o.geometry.points, dtype=np.float64), (-1, 2))


def _box_gap(a: FloatArray, b: FloatArray) -> float:
    lo_a, hi_a = a.min(axis=0), a.max(axis=0)
    lo_b, hi_b = b.min(axis=0), b.max(axis=0)
    gap = np.maximum(np.maximum(lo_a - hi_b, lo_b - hi_a), 0.0)
    return float(np.hypot(gap[0], gap[1]))
