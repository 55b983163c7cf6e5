"""Ultralytics YOLO pose (``ultralytics_pose``): ``class cx cy w h x1 y1 v1 ...`` rows and ``kpt_shape``.

Each class becomes a skeleton label of K points named ``1``..``K``; a row's box becomes a rectangle on the
companion label ``<class>:region``, grouped with the skeleton (COCO keypoints do the same). On export, a
skeleton's box is that grouped rectangle when there is one, else the bounds of its points.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.shapes import skeleton as skeleton_kind
from annota.domain.shapes.base import Visibility
from annota.formats.base import LIKELY, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.colors import color_for
from annota.formats.records import Fields, RecordDataset, RecordItem, dataset_of, records_of
from annota.formats.ultralytics_common import detect_variant, read_layout, write_layout
from annota.formats.yolo_rows import RowError, box, box_row, keypoints, keypoints_row

REGION_SUFFIX = ":region"


def _shape(doc: dict[str, Any]) -> tuple[int, int]:
    raw = doc.get("kpt_shape")
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int) for v in raw) and raw[1] in (2, 3):
        return raw[0], raw[1]
    return 0, 3


def pose_labels(names: list[str], doc: dict[str, Any]) -> dict[tuple[int, int], Label]:
    count, _ = _shape(doc)
    points = tuple(
        SkeletonPoint(str(k + 1), round((k + 0.5) / max(count, 1), 6), 0.5) for k in range(max(count, 1))
    )
    out = {}
    for i, name in enumerate(names):
        out[(i, 0)] = Label(name, color_for(i), LabelKind.SKELETON, (), SkeletonTemplate(points), 2 * i)
        out[(i, 1)] = Label(name + REGION_SUFFIX, color_for(i), LabelKind.ANY, (), None, 2 * i + 1)
    return out


class _PoseReader:
    def __init__(self, count: int, dims: int) -> None:
        self.count, self.dims = count, dims

    def __call__(self, values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
        expected = 4 + self.count * self.dims
        if self.count == 0 or len(values) != expected:
            raise RowError(
                f"expected class, box and {self.count} x {self.dims} keypoint values "
                f"({expected + 1} values), got {len(values) + 1}"
            )
        return [
            (1, "rectangle", box(values[:4], width, height)),
            (0, "skeleton", keypoints(values[4:], self.dims, width, height)),
        ]


def pose_rows(item: RecordItem, index: dict[int, int]) -> list[str]:
    boxes: dict[int, Fields] = {}  # a group's first rectangle
    for s in item.shapes:
        if s["kind"] == "rectangle" and s["group"] is not None:
            boxes.setdefault(s["group"], s["geometry"])
    rows: list[str] = []
    width, height = item.width, item.height
    if not (width and height):
        return rows
    for shape in item.shapes:
        if shape["kind"] != "skeleton" or shape["label_id"] not in index:
            continue
        fields = shape["geometry"]
        region = boxes.get(shape["group"]) if shape["group"] is not None else None
        if region is None:
            x1, y1, x2, y2 = skeleton_kind.bbox(skeleton_kind.SkeletonGeometry(
                tuple(fields["points"]), tuple(Visibility(v) for v in fields["visibility"])
            ))  # fmt: skip
            region = {"points": [x1, y1, max(x2, x1 + 1e-6), max(y2, y1 + 1e-6)], "rotation": 0.0}
        points = keypoints_row(fields, width, height)
        rows.append(f"{index[shape['label_id']]} {box_row(region, width, height)} {points}")
    return rows


def _accepts(rows: list[list[str]], doc: dict[str, Any]) -> float:
    return LIKELY if "kpt_shape" in doc else NO


class UltralyticsPose:
    name = "ultralytics_pose"
    title = "Ultralytics YOLO pose"
    description = "Ultralytics YOLO keypoints (skeletons) with their boxes, kpt_shape in data.yaml"
    carries = Carries(kinds=frozenset({"skeleton", "rectangle"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_variant(path, _accepts)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        def row(values: list[float], width: int, height: int) -> list[tuple[int, str, Fields]]:
            return reader(values, width, height)

        reader = _PoseReader(0, 3)

        def labels(names: list[str], doc: dict[str, Any]) -> dict[tuple[int, int], Label]:
            reader.count, reader.dims = _shape(doc)
            return pose_labels(names, doc)

        return read_layout(path, options, labels, row)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        skeletons = [label for label in dataset.labels if label.kind is LabelKind.SKELETON and label.skeleton]
        count = max((len(label.skeleton.points) for label in skeletons if label.skeleton), default=0)
        write_layout(
            dataset,
            output,
            options,
            pose_rows,
            {"kpt_shape": [count, 3]},
            label_filter=lambda label: label.kind is LabelKind.SKELETON,
        )


FORMAT = UltralyticsPose()
