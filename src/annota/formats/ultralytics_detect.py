"""Ultralytics YOLO detection (``ultralytics_detect``): ``class cx cy w h`` rows, normalised to the image."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annota.formats.base import LIKELY, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.records import Fields, RecordDataset, RecordItem, dataset_of, records_of
from annota.formats.ultralytics_common import detect_variant, plain_labels, read_layout, write_layout
from annota.formats.yolo_rows import RowError, box, box_row


def box_reader(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
    if len(values) != 4:
        raise RowError(f"expected class cx cy w h, got {len(values) + 1} values")
    return [(0, "rectangle", box(values, width, height))]


def box_rows(item: RecordItem, index: dict[int, int]) -> list[str]:
    rows: list[str] = []
    width, height = item.width, item.height
    if not (width and height):
        return rows
    for shape in item.shapes:
        if shape["kind"] == "rectangle" and shape["label_id"] in index:
            rows.append(f"{index[shape['label_id']]} {box_row(shape['geometry'], width, height)}")
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
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        return read_layout(path, options, plain_labels, box_reader)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        write_layout(dataset, output, options, box_rows)


FORMAT = UltralyticsDetect()
