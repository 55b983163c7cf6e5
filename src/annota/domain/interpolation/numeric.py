"""The numeric rules of docs/interpolation.md ("Numbers"), so that TypeScript computes the same floats.

Every operation is an IEEE double operation in a fixed order: `lerp` is ``a + (b - a) * t`` and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def lerp_all(a: Sequence[float], b: Sequence[float], t: float) -> tuple[float, ...]:
    """`lerp` of equally long flat coordinate lists, element by element."""
    return tuple(x + (y - x) * t for x, y in zip(a, b, strict=True))


class LinearPath:
    """`lerp_all(a, b, t)` for many t: the differences ``b - a`` are computed once (numpy rounds the same)."""

    __slots__ = ("_a", "_d")

    def __init__(self, a: Sequence[float], b: Sequence[float]) -> None:
        if len(a) != len(b):
            raise ValueError(f"cannot pair {len(a)} coordinates with {len(b)}")
        self._a = np.asarray(a, dtype=np.float64)
        self._d = np.asarray(b, dtype=np.float64) - self._a

    def at(self, t: float) -> tuple[float, ...]:
        return tuple((self._a + self._d * t).tolist())


def shortest_turn(r0: float, r1: float) -> float:
    """The turn from `r0` to `r1` degrees in (-180, 180]: an exact half turn is +180 (clockwise)."""
    d = r1 - r0
    if d > 180.0:
        d -= 360.0
    elif d <= -180.0:
        d += 360.0
    return d


def lerp_angle(r0: float, r1: float, t: float) -> float:
    """Rotation `t` of the way from `r0` to `r1` along the shortest turn, in [0, 360)."""
    r = r0 + shortest_turn(r0, r1) * t
    if r < 0.0:
        r += 360.0
    if r >= 360.0:  # not elif: a tiny negative angle plus 360 rounds to 360
        r -= 360.0
    return r
