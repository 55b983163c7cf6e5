"""Plane geometry primitives in image coordinates (y grows downwards), shared by the shape kinds.

A rotation by `degrees` is clockwise on screen: (dx, dy) -> (dx·cos − dy·sin, dx·sin + dy·cos).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

_EXACT_COS_SIN = {0.0: (1.0, 0.0), 90.0: (0.0, 1.0), 180.0: (-1.0, 0.0), 270.0: (0.0, -1.0)}


def normalize_degrees(degrees: float) -> float:
    """`degrees` in [0, 360)."""
    r = degrees % 360.0
    # a tiny negative angle rounds up to exactly 360.0
    return 0.0 if r >= 360.0 else r + 0.0


def cos_sin(degrees: float) -> tuple[float, float]:
    """cos and sin of `degrees`, exact at multiples of 90° so that right-angle rotations stay axis-aligned."""
    exact = _EXACT_COS_SIN.get(normalize_degrees(degrees))
    if exact is not None:
        return exact
    rad = math.radians(degrees)
    return math.cos(rad), math.sin(rad)


def rotate_about(
    xs: FloatArray, ys: FloatArray, cx: float, cy: float, degrees: float
) -> tuple[FloatArray, FloatArray]:
    """Points rotated clockwise on screen by `degrees` about (cx, cy)."""
    c, s = cos_sin(degrees)
    dx, dy = xs - cx, ys - cy
    return cx + dx * c - dy * s, cy + dx * s + dy * c


def to_local(x: float, y: float, cx: float, cy: float, degrees: float) -> tuple[float, float]:
    """(x, y) seen from a frame centred on (cx, cy) and rotated by `degrees`: the offset before rotation."""
    c, s = cos_sin(degrees)
    dx, dy = x - cx, y - cy
    return dx * c + dy * s, -dx * s + dy * c


def distance_to_polyline(x: float, y: float, xs: FloatArray, ys: FloatArray, *, closed: bool) -> float:
    """Shortest distance from (x, y) to the segments between vertices (last to first too if closed)."""
    if len(xs) == 1:
        return math.hypot(x - xs[0], y - ys[0])
    if closed:
        x0, y0, x1, y1 = xs, ys, np.roll(xs, -1), np.roll(ys, -1)
    else:
        x0, y0, x1, y1 = xs[:-1], ys[:-1], xs[1:], ys[1:]
    vx, vy = x1 - x0, y1 - y0
    length2 = vx * vx + vy * vy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length2 > 0, ((x - x0) * vx + (y - y0) * vy) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return float(np.min(np.hypot(x0 + t * vx - x, y0 + t * vy - y)))


def inside_polygon(x: float, y: float, xs: FloatArray, ys: FloatArray) -> bool:
    """Even-odd rule: whether (x, y) is inside the polygon (points on the boundary may go either way)."""
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    crosses = (ys > y) != (yj > y)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_at_y = (xj - xs) * (y - ys) / (yj - ys) + xs
    return bool(np.count_nonzero(crosses & (x < x_at_y)) % 2)


def shoelace_area(xs: FloatArray, ys: FloatArray) -> float:
    """Absolute area enclosed by the vertex ring (self-intersections count by signed winding)."""
    return abs(float(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))) / 2.0


def split_xy(points: tuple[float, ...]) -> tuple[FloatArray, FloatArray]:
    """A flat [x0, y0, x1, y1, ...] tuple as two arrays of x and y."""
    a = np.asarray(points, dtype=np.float64)
    return a[0::2], a[1::2]
