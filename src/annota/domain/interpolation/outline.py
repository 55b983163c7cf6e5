"""Point-by-point correspondence of two outlines (polygon or polyline) with any point counts.

docs/interpolation.md, "Outline correspondence": equal counts pair by index; otherwise a polygon's second
outline is aligned to the first (start vertex, direction), both are placed by arc length, and the two position
lists are merged so that every vertex of each outline is kept, unmoved, on its own side.
Outlines are flat coordinate lists ``[x0, y0, x1, y1, ...]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Flat = Sequence[float]


def correspond(a: Flat, b: Flat, *, closed: bool) -> tuple[list[float], list[float]]:
    """Two equally long flat lists: point i of the first is matched with point i of the second."""
    if len(a) == len(b):
        return list(a), list(b)
    if closed:
        b = aligned(a, b)
    return _merge(a, positions(a, closed=closed), b, positions(b, closed=closed), closed=closed)


def aligned(a: Flat, b: Flat) -> list[float]:
    """Polygon `b` read from the vertex placed like `a`'s first one, in `a`'s direction (clockwise or not)."""
    m = len(b) // 2
    max_, may = _mean(a)
    mbx, mby = _mean(b)
    ox, oy = a[0] - max_, a[1] - may
    start, best = 0, math.inf
    for k in range(m):
        dx = (b[2 * k] - mbx) - ox
        dy = (b[2 * k + 1] - mby) - oy
        d2 = dx * dx + dy * dy
        if d2 < best:
            start, best = k, d2
    sa, sb = signed_area_sum(a), signed_area_sum(b)
    backwards = (sa < 0.0 < sb) or (sb < 0.0 < sa)
    order = range(start, start - m, -1) if backwards else range(start, start + m)
    out: list[float] = []
    for k in order:
        i = k % m
        out += (b[2 * i], b[2 * i + 1])
    return out


def positions(p: Flat, *, closed: bool) -> list[float]:
    """Each point's arc-length position along the outline: 0 at the first point, 1 at a polyline's last."""
    k = len(p) // 2
    cumulative = [0.0] * k
    total = 0.0
    for i in range(k - 1):
        total += _length(p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1])
        cumulative[i + 1] = total
    if closed:
        total += _length(p[0] - p[2 * k - 2], p[1] - p[2 * k - 1])
    if total == 0.0:
        spans = k if closed else k - 1
        return [i / spans for i in range(k)]
    return [c / total for c in cumulative]


def signed_area_sum(p: Flat) -> float:
    """Σ (x_i·y_(i+1) − x_(i+1)·y_i) over every edge of the ring: twice the signed area."""
    k = len(p) // 2
    total = 0.0
    for i in range(k):
        j = (i + 1) % k
        total += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1]
    return total


def _merge(
    a: Flat, u: list[float], b: Flat, v: list[float], *, closed: bool
) -> tuple[list[float], list[float]]:
    n, m = len(u), len(v)
    out_a: list[float] = []
    out_b: list[float] = []
    i = j = 0
    while i < n or j < m:
        if j == m or (i < n and u[i] < v[j]):
            out_a += (a[2 * i], a[2 * i + 1])
            out_b += _point_at(b, v, j, u[i], closed=closed)
            i += 1
        elif i == n or v[j] < u[i]:
            out_a += _point_at(a, u, i, v[j], closed=closed)
            out_b += (b[2 * j], b[2 * j + 1])
            j += 1
        else:
            out_a += (a[2 * i], a[2 * i + 1])
            out_b += (b[2 * j], b[2 * j + 1])
            i += 1
            j += 1
    return out_a, out_b


def _point_at(p: Flat, pos: list[float], k: int, w: float, *, closed: bool) -> tuple[float, float]:
    """The point of outline `p` at position `w`, on the edge ending at its next unused point `k` (k >= 1)."""
    x0, y0, s0 = p[2 * k - 2], p[2 * k - 1], pos[k - 1]
    if k < len(pos):
        x1, y1, s1 = p[2 * k], p[2 * k + 1], pos[k]
    elif closed:
        x1, y1, s1 = p[0], p[1], 1.0
    else:
        return x0, y0
    if not s1 > s0:
        return x0, y0
    s = (w - s0) / (s1 - s0)
    return x0 + (x1 - x0) * s, y0 + (y1 - y0) * s


def _mean(p: Flat) -> tuple[float, float]:
    k = len(p) // 2
    sx = sy = 0.0
    for i in range(k):
        sx += p[2 * i]
        sy += p[2 * i + 1]
    return sx / k, sy / k


def _length(dx: float, dy: float) -> float:
    return math.sqrt(dx * dx + dy * dy)
