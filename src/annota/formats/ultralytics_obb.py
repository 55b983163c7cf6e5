"""Ultralytics YOLO oriented boxes (``ultralytics_obb``): ``class x1 y1 x2 y2 x3 y3 x4 y4`` corner rows.

Corners are read as a rotated rectangle: the first edge is its top (its angle is the rotation), the second
its right side. Axis-aligned rectangles are written as four corners too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annota.formats.base import LIKELY, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.records import Fields, RecordDataset, RecordItem, dataset_of, records_of
from annota.formats.ultralytics_common import detect_variant, plain_labels, read_layout, write_layout
from annota.formats.yolo_rows import RowError, oriented, oriented_row


def corner_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    if len(values) != 8:
        raise RowError(f"expected class and 4 corners (9 values), got {len(values) + 1} values")
    return [(0, "rectangle", oriented(values, width, height))]


def corner_rows(item: RecordItem, index: dict[int, int]) -> list[str]:
    rows: list[str] = []
    width, height = item.width, item.height
    if not (width and height):
        return rows
    for shape in item.shapes:
        if shape["kind"] == "rectangle" and shape["label_id"] in index:
            rows.append(f"{index[shape['label_id']]} {oriented_row(shape['geometry'], width, height)}")
    return rows


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc:
        return NO
    return LIKELY - 0.1 if rows and all(len(r) == 9 for r in rows) else NO


class UltralyticsObb:
    name = "ultralytics_obb"
    title = "Ultralytics YOLO oriented boxes"
    description = "Ultralytics YOLO OBB: rotated rectangles as four normalised corners"
    carries = Carries(kinds=frozenset({"rectangle"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_variant(path, _accepts)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        return read_layout(path, options, plain_labels, corner_reader)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        write_layout(dataset, output, options, corner_rows)


FORMAT = UltralyticsObb()
