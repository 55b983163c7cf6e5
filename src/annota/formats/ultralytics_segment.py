"""Ultralytics YOLO instance segmentation (``ultralytics_segment``): ``class x1 y1 x2 y2 ...`` rows."""

from __future__ import annotations

from typing import Any

from annota.formats.base import LIKELY, NO, POSSIBLE, Carries
from annota.formats.records import Fields
from annota.formats.ultralytics_common import RowFormat, rows_of
from annota.formats.yolo_rows import polygon, polygon_row


def polygon_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    return [(0, "polygon", polygon(values, width, height))]


polygon_rows = rows_of("polygon", lambda fields, width, height: polygon_row(fields["points"], width, height))


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc or not rows or any(len(r) < 7 or len(r) % 2 == 0 for r in rows):
        return NO
    # 9 values is also an oriented box: only rows of other lengths prove polygons
    return LIKELY if any(len(r) != 9 for r in rows) else POSSIBLE


FORMAT = RowFormat(
    name="ultralytics_segment",
    title="Ultralytics YOLO segmentation",
    description="Ultralytics YOLO polygons (normalised), data.yaml with subsets",
    carries=Carries(kinds=frozenset({"polygon"}), subsets=True),
    accepts=_accepts,
    read_row=polygon_reader,
    item_rows=polygon_rows,
)
