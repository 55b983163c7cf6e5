"""Ultralytics YOLO oriented boxes (``ultralytics_obb``): ``class x1 y1 x2 y2 x3 y3 x4 y4`` corner rows.

Corners are read as a rotated rectangle: the first edge is its top (its angle is the rotation), the second
its right side. Axis-aligned rectangles are written as four corners too.
"""

from __future__ import annotations

from typing import Any

from annota.formats.base import LIKELY, NO, Carries
from annota.formats.records import Fields
from annota.formats.ultralytics_common import RowFormat, rows_of
from annota.formats.yolo_rows import RowError, oriented, oriented_row


def corner_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    if len(values) != 8:
        raise RowError(f"expected class and 4 corners (9 values), got {len(values) + 1} values")
    return [(0, "rectangle", oriented(values, width, height))]


corner_rows = rows_of("rectangle", oriented_row)


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc:
        return NO
    return LIKELY - 0.1 if rows and all(len(r) == 9 for r in rows) else NO


FORMAT = RowFormat(
    name="ultralytics_obb",
    title="Ultralytics YOLO oriented boxes",
    description="Ultralytics YOLO OBB: rotated rectangles as four normalised corners",
    carries=Carries(kinds=frozenset({"rectangle"}), subsets=True),
    accepts=_accepts,
    read_row=corner_reader,
    item_rows=corner_rows,
)
