"""Ultralytics YOLO detection (``ultralytics_detect``): ``class cx cy w h`` rows, normalised to the image."""

from __future__ import annotations

from typing import Any

from annota.formats.base import LIKELY, NO, Carries
from annota.formats.records import Fields
from annota.formats.ultralytics_common import RowFormat, rows_of
from annota.formats.yolo_rows import RowError, box, box_row


def box_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    if len(values) != 4:
        raise RowError(f"expected class cx cy w h, got {len(values) + 1} values")
    return [(0, "rectangle", box(values, width, height))]


box_rows = rows_of("rectangle", box_row)


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc:
        return NO
    return LIKELY if rows and all(len(r) == 5 for r in rows) else NO


FORMAT = RowFormat(
    name="ultralytics_detect",
    title="Ultralytics YOLO detection",
    description="Ultralytics YOLO boxes: data.yaml, images/<subset>/, labels/<subset>/*.txt",
    carries=Carries(kinds=frozenset({"rectangle"}), subsets=True),
    accepts=_accepts,
    read_row=box_reader,
    item_rows=box_rows,
)
