"""Ultralytics YOLO detection (``ultralytics_detect``): ``class cx cy w h`` rows, normalised to the image."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annota.domain.shapes.base import Geometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats.base import LIKELY, NO, Carries, Dataset, Item, Output, ReadOptions, WriteOptions
from annota.formats.ultralytics_common import detect_variant, plain_labels, read_layout, write_layout
from annota.formats.yolo_rows import RowError, box, box_row


def box_reader(values: list[float], width: int, height: int) -> list[tuple[int, Geometry]]:
    if len(values) != 4:
        raise RowError(f"expected class cx cy w h, got {len(values) + 1} values")
    return [(0, box(values, width, height))]


def box_rows(item: Item, index: dict[int, int]) -> list[str]:
    rows = []
    for shape in item.shapes:
        if shape.kind == "rectangle" and shape.label_id in index and item.width and item.height:
            assert isinstance(shape.geometry, RectangleGeometry)
            rows.append(f"{index[shape.label_id]} {box_row(shape.geometry, item.width, item.height)}")
    return rows


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    if "kpt_shape" in doc:
        return NO
    return LIKELY if rows and all(len(r) == 5 for r in rows) else NO


class UltralyticsDetect:
    name = "ultralytics_detect"
    title = "Ultralytics YOLO detection"
    description = "Ultralytics YOLO boxes: data.yaml, images/<subset>/, labels/<subset>/*.txt"
    carries = Carries(kinds=frozenset({"rectangle"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_variant(path, _accepts)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return read_layout(path, options, plain_labels, box_reader)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_layout(dataset, output, options, box_rows)


FORMAT = UltralyticsDetect()
