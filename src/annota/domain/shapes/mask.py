"""Mask: ``bbox: [x1, y1, x2, y2]`` in integer pixels (x2, y2 exclusive) and ``rle``, run lengths over it.

The RLE is row-major (how the canvas paints) and alternates runs of 0s and 1s, starting with a run of 0s that
may be empty; every later run is non-empty and the runs add up to the bbox's pixel count. COCO's column-major
RLE over the whole image is only produced at the boundary (`to_coco_counts` / `from_coco_counts`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

from annota.domain import wire
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType, raise_if_any
from annota.domain.shapes.base import BBox, Geometry, build

NAME = "mask"
FIELDS = ("bbox", "rle")
HAS_GEOMETRY = True
HAS_AREA = True

BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class MaskGeometry(Geometry):
    x1: int
    y1: int
    x2: int
    y2: int
    rle: tuple[int, ...]

    def __post_init__(self) -> None:
        raise_if_any(_invariant_problems(self))

    @property
    def width(self) -> int:
        return self.x2 - self.x1

    @property
    def height(self) -> int:
        return self.y2 - self.y1


GEOMETRY = MaskGeometry


def _invariant_problems(g: MaskGeometry) -> list[Problem]:
    box = (g.x1, g.y1, g.x2, g.y2)
    if not all(type(v) is int for v in box):
        return [Problem(("bbox",), f"mask bbox is in integer pixels, got {list(box)}", ProblemType.INT_TYPE)]
    if not (g.x1 < g.x2 and g.y1 < g.y2):
        msg = f"mask bbox needs x1 < x2 and y1 < y2, got {list(box)}"
        return [Problem(("bbox",), msg, ProblemType.BOUNDS_ORDER)]
    rle = g.rle
    if not rle:
        return [Problem(("rle",), "rle must not be empty", ProblemType.RLE)]
    if not all(type(v) is int for v in rle):
        return [Problem(("rle",), "run lengths are integers", ProblemType.INT_TYPE)]
    if min(rle) < 0:
        i = next(i for i, v in enumerate(rle) if v < 0)
        return [Problem(("rle", i), f"run lengths are >= 0, got {rle[i]}", ProblemType.RLE)]
    if 0 in rle[1:]:
        i = rle.index(0, 1)
        msg = "only the first run (of 0s) may be empty; merge the runs around this one"
        return [Problem(("rle", i), msg, ProblemType.RLE)]
    total, expected = sum(rle), g.width * g.height
    if total != expected:
        msg = f"rle covers {total} pixels but the bbox has {g.width}x{g.height} = {expected}"
        return [Problem(("rle",), msg, ProblemType.RLE)]
    return []


def parse(fields: Mapping[str, Any], loc: Loc) -> tuple[MaskGeometry | None, list[Problem]]:
    problems: list[Problem] = []
    box = rle = None
    if wire.present(fields, "bbox", loc, problems):
        box = wire.integer_list(fields["bbox"], (*loc, "bbox"), problems)
        if box is not None and len(box) != 4:
            msg = f"mask bbox is [x1, y1, x2, y2], got {len(box)} numbers"
            problems.append(Problem((*loc, "bbox"), msg, ProblemType.WRONG_LENGTH))
    if wire.present(fields, "rle", loc, problems):
        rle = wire.integer_list(fields["rle"], (*loc, "rle"), problems)
    if problems or box is None or rle is None:
        return None, problems
    return build(MaskGeometry, loc, *box, rle)


def dump(g: MaskGeometry) -> dict[str, Any]:
    return {"bbox": [g.x1, g.y1, g.x2, g.y2], "rle": list(g.rle)}


def encode(mask: NDArray[Any], x0: int = 0, y0: int = 0) -> MaskGeometry:
    """The mask whose bbox is `mask`'s extent placed at (x0, y0): decode(encode(a, x, y)) equals a."""
    a = np.asarray(mask, dtype=bool)
    if a.ndim != 2 or a.size == 0:
        raise ValueError(f"expected a non-empty 2-D array, got shape {a.shape}")
    flat = a.ravel()
    changes = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    counts = np.diff(np.concatenate(([0], changes, [flat.size])))
    if flat[0]:
        counts = np.concatenate(([0], counts))
    h, w = a.shape
    return MaskGeometry(int(x0), int(y0), int(x0) + w, int(y0) + h, tuple(counts.tolist()))


def decode(g: MaskGeometry) -> BoolArray:
    """The (height, width) boolean array over the bbox."""
    values = np.zeros(len(g.rle), dtype=bool)
    values[1::2] = True
    return np.repeat(values, g.rle).reshape(g.height, g.width)


def bbox(g: MaskGeometry) -> BBox:
    """The stored bbox (it need not be tight around the foreground)."""
    return float(g.x1), float(g.y1), float(g.x2), float(g.y2)


def area(g: MaskGeometry) -> float:
    return float(sum(g.rle[1::2]))


def contains(g: MaskGeometry, x: float, y: float, tolerance: float = 0.0) -> bool:
    """Whether the pixel under (x, y) is set, or a set pixel's square is within `tolerance` px of (x, y)."""
    if tolerance <= 0.0:
        px, py = math.floor(x), math.floor(y)
        if not (g.x1 <= px < g.x2 and g.y1 <= py < g.y2):
            return False
        position = (py - g.y1) * g.width + (px - g.x1)
        run = int(np.searchsorted(np.cumsum(g.rle), position, side="right"))
        return run % 2 == 1
    c0, c1 = max(math.floor(x - tolerance), g.x1), min(math.floor(x + tolerance) + 1, g.x2)
    r0, r1 = max(math.floor(y - tolerance), g.y1), min(math.floor(y + tolerance) + 1, g.y2)
    if c0 >= c1 or r0 >= r1:
        return False
    window = decode(g)[r0 - g.y1 : r1 - g.y1, c0 - g.x1 : c1 - g.x1]
    rows, cols = np.nonzero(window)
    left, top = cols + c0, rows + r0
    dx = np.maximum(np.maximum(left - x, x - (left + 1)), 0.0)
    dy = np.maximum(np.maximum(top - y, y - (top + 1)), 0.0)
    return bool(np.any(np.hypot(dx, dy) <= tolerance))


def to_shapely(g: MaskGeometry) -> shapely.Geometry:
    """The union of the set pixels' unit squares (exact)."""
    rows, starts, ends = _row_runs(decode(g))
    boxes = shapely.box(g.x1 + starts, g.y1 + rows, g.x1 + ends, g.y1 + rows + 1)
    return shapely.union_all(boxes)


def translate(g: MaskGeometry, dx: float, dy: float) -> MaskGeometry:
    """The mask moved by whole pixels; a fractional move raises ValueError (masks live on the pixel grid)."""
    if not (float(dx).is_integer() and float(dy).is_integer()):
        raise ValueError(f"masks move by whole pixels, got dx={dx}, dy={dy}")
    ix, iy = int(dx), int(dy)
    return MaskGeometry(g.x1 + ix, g.y1 + iy, g.x2 + ix, g.y2 + iy, g.rle)


def check_label(g: MaskGeometry, label: Label, loc: Loc) -> list[Problem]:
    return []


def to_coco_counts(g: MaskGeometry, width: int, height: int) -> list[int]:
    """COCO's uncompressed RLE counts: column-major over the whole (height, width) image, 0s first."""
    if not (g.x1 >= 0 and g.y1 >= 0 and g.x2 <= width and g.y2 <= height):
        msg = f"mask bbox {[g.x1, g.y1, g.x2, g.y2]} is not inside the {width}x{height} image"
        raise DomainValidationError([Problem(("bbox",), msg, ProblemType.OUT_OF_RANGE)])
    cols, starts, ends = _row_runs(decode(g).T)
    first = (g.x1 + cols) * height + g.y1
    bounds = np.empty(2 * len(cols), dtype=np.int64)
    bounds[0::2], bounds[1::2] = first + starts, first + ends
    # a run reaching the bottom of one column and going on at the top of the next one is a single COCO run
    joined = np.zeros(len(bounds), dtype=bool)
    touching = np.flatnonzero(bounds[2::2] == bounds[1:-1:2])
    joined[2 * touching + 1] = joined[2 * touching + 2] = True
    bounds = bounds[~joined]
    counts = np.diff(np.concatenate(([0], bounds, [width * height])))
    return [int(c) for c in (counts[:-1] if counts[-1] == 0 else counts)]


def from_coco_counts(counts: Sequence[int], width: int, height: int) -> MaskGeometry:
    """The mask of COCO uncompressed counts over a (height, width) image, its bbox tight around the 1s."""
    problems: list[Problem] = []
    values = wire.integer_list(list(counts), ("counts",), problems)
    raise_if_any(problems)
    assert values is not None
    if any(v < 0 for v in values) or sum(values) != width * height:
        msg = f"counts must be >= 0 and add up to {width}x{height} = {width * height}, got {sum(values)}"
        raise DomainValidationError([Problem(("counts",), msg, ProblemType.RLE)])
    bounds = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
    n_ones = len(values) // 2
    starts, ends = bounds[1::2][:n_ones], bounds[2::2][:n_ones]
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if len(starts) == 0:
        raise DomainValidationError(
            [Problem(("counts",), "the mask has no foreground pixel", ProblemType.RLE)]
        )
    c0, c1 = int(starts[0]) // height, (int(ends[-1]) - 1) // height + 1
    delta = np.zeros((c1 - c0) * height + 1, dtype=np.int32)
    np.add.at(delta, starts - c0 * height, 1)
    np.add.at(delta, ends - c0 * height, -1)
    columns = np.cumsum(delta[:-1]).astype(bool).reshape(c1 - c0, height).T
    rows = np.flatnonzero(columns.any(axis=1))
    r0, r1 = int(rows[0]), int(rows[-1]) + 1
    return encode(columns[r0:r1], c0, r0)


def _row_runs(a: BoolArray) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """(row, start column, end column exclusive) of every run of True in each row, in row-major order."""
    padded = np.zeros((a.shape[0], a.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = a
    d = np.diff(padded, axis=1)
    rows, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)
    return rows, starts, ends
