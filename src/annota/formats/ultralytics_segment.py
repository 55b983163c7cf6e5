"""Ultralytics YOLO instance segmentation (``ultralytics_segment``): ``class x1 y1 x2 y2 ...`` rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annota.formats.base import LIKELY, NO, POSSIBLE, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.records import Fields, RecordDataset, RecordItem, dataset_of, records_of
from annota.formats.ultralytics_common import detect_variant, plain_labels, read_layout, write_layout
from annota.formats.yolo_rows import polygon, polygon_row


def polygon_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    return [(0, "polygon", polygon(values, width, height))]


def polygon_rows(item: RecordItem, index: dict[int, int]) -> list[str]:
    rows: list[str] = []
    width, height = item.width, item.height
    if not (width and height):
        return rows
    for shape in item.shapes:
        if shape["kind"] == "polygon" and shape["label_id"] in index:
            points = shape["geometry"]["points"]
            rows.append(f"{index[shape['label_id']]} {polygon_row(points, width, height)}")
    return rows


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc or not rows or any(len(r) < 7 or len(r) % 2 == 0 for r in rows):
        return NO
    # 9 values is also an oriented box: only rows of other lengths prove polygons
    return LIKELY if any(len(r) != 9 for r in rows) else POSSIBLE


class UltralyticsSegment:
    name = "ultralytics_segment"
    title = "Ultralytics YOLO segmentation"
    description = "Ultralytics YOLO polygons (normalised), data.yaml with subsets"
    carries = Carries(kinds=frozenset({"polygon"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_variant(path, _accepts)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        return read_layout(path, options, plain_labels, polygon_reader)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        write_layout(dataset, output, options, polygon_rows)


FORMAT = UltralyticsSegment()
