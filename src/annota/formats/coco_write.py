"""Records to COCO JSON, streamed: one ``annotations/instances_<subset>.json`` per subset.

Image and annotation records go to two temporary files as items arrive, and each subset's JSON document is
assembled from them once the subset ends, so memory stays flat whatever the dataset's size. Boxes and
polygons become COCO dicts straight from their stored fields; other kinds go through their domain geometry.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterable
from operator import mul
from typing import IO, Any

import numpy as np
import orjson

from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import ellipse, mask, polygon, rectangle, skeleton, vertices
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.registry import get_kind
from annota.formats.base import Output, WriteOptions
from annota.formats.images import image_name
from annota.formats.records import RecordDataset, RecordItem, ShapeRecord

DEFAULT_SUBSET = "default"
_V = {Visibility.OUTSIDE: 0, Visibility.OCCLUDED: 1, Visibility.VISIBLE: 2}
_BATCH = 20_000


def annotation_file(subset: str) -> str:
    return f"annotations/instances_{subset or DEFAULT_SUBSET}.json"


def categories(labels: Iterable[Label]) -> list[dict[str, Any]]:
    out = []
    for label in labels:
        category: dict[str, Any] = {"id": label.id, "name": label.name, "supercategory": ""}
        if label.kind is LabelKind.SKELETON and label.skeleton is not None:
            category["keypoints"] = [p.name for p in label.skeleton.points]
            category["skeleton"] = [[i + 1, j + 1] for i, j in label.skeleton.edges]
        out.append(category)
    return out


def write_coco(dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
    header = orjson.dumps({"licenses": [], "info": {}, "categories": categories(dataset.labels)})[:-1]
    wrote_any = False
    for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset):
        _write_subset(subset, items, header, output, options)
        wrote_any = True
    if not wrote_any:
        _write_subset("", iter(()), header, output, options)


def _write_subset(
    subset: str, items: Iterable[RecordItem], header: bytes, output: Output, options: WriteOptions
) -> None:
    with tempfile.TemporaryFile() as images, tempfile.TemporaryFile() as annotations:
        image_writer, annotation_writer = _ArrayWriter(images), _ArrayWriter(annotations)
        image_batch, annotation_batch = image_writer.batch, annotation_writer.batch
        next_id = 1
        for image_id, item in enumerate(items, start=1):
            image_batch.append(
                {"id": image_id, "file_name": item.name, "width": item.width, "height": item.height}
            )
            for record in item.shapes:
                annotation: dict[str, Any] | None
                fields = record["geometry"]
                if record["kind"] == "rectangle" and fields["rotation"] == 0.0 and not record["attributes"]:
                    x1, y1, x2, y2 = fields["points"]  # the usual box, inline: a million of them
                    w, h = x2 - x1, y2 - y1
                    annotation = {
                        "id": next_id, "image_id": image_id, "category_id": record["label_id"],
                        "segmentation": [], "area": w * h, "bbox": [x1, y1, w, h], "iscrowd": 0,
                        "attributes": _FLAG_ONLY[record["occluded"]],
                    }  # fmt: skip
                    if record["score"] is not None:
                        annotation["score"] = record["score"]
                else:
                    annotation = _annotation(record, item, image_id, next_id)
                if annotation is not None:
                    annotation_batch.append(annotation)
                    next_id += 1
            if len(annotation_batch) >= _BATCH:
                annotation_writer.flush()
            if len(image_batch) >= _BATCH:
                image_writer.flush()
            if options.with_images and item.image is not None:
                output.copy(image_name(subset, item.name), item.image)
        image_writer.flush()
        annotation_writer.flush()
        with output.open(annotation_file(subset)) as out:
            out.write(header + b',"images":[')
            _copy(images, out)
            out.write(b'],"annotations":[')
            _copy(annotations, out)
            out.write(b"]}")


class _ArrayWriter:
    """Comma-separated JSON records, dumped in batches (one orjson call per batch, not per record)."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.batch: list[dict[str, Any]] = []  # filled by the caller, emptied by `flush`
        self.first = True

    def flush(self) -> None:
        if not self.batch:
            return
        if not self.first:
            self.file.write(b",")
        self.file.write(orjson.dumps(self.batch)[1:-1])
        self.first = False
        self.batch.clear()


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    source.seek(0)
    shutil.copyfileobj(source, target, 1024 * 1024)


# Shared by every annotation that has no other attribute: orjson only reads them.
_FLAG_ONLY = {False: {"occluded": False}, True: {"occluded": True}}


def _annotation(
    record: ShapeRecord, item: RecordItem, image_id: int, annotation_id: int
) -> dict[str, Any] | None:
    kind, fields = record["kind"], record["geometry"]
    if kind == "rectangle" and fields["rotation"] == 0.0:
        x1, y1, x2, y2 = fields["points"]
        w, h = x2 - x1, y2 - y1
        out: dict[str, Any] = {
            "id": annotation_id, "image_id": image_id, "category_id": record["label_id"],
            "segmentation": [], "area": w * h, "bbox": [x1, y1, w, h], "iscrowd": 0,
        }  # fmt: skip
    elif kind == "polygon":
        points = fields["points"]
        out = _polygon_record(points, _ring_area(points), vertices.bbox_of(points))
        out = {"id": annotation_id, "image_id": image_id, "category_id": record["label_id"], **out}
    else:
        parsed, _ = get_kind(kind).parse(fields, ())  # stored geometry: valid
        other = None if parsed is None else _geometry(kind, parsed, item)
        if other is None:
            return None
        out = {"id": annotation_id, "image_id": image_id, "category_id": record["label_id"], **other}
    attributes = record["attributes"]
    if attributes:
        out["attributes"] = {**attributes, "occluded": record["occluded"]}
    else:
        out["attributes"] = _FLAG_ONLY[record["occluded"]]
    if record["score"] is not None:
        out["score"] = record["score"]
    return out


def _geometry(kind: str, g: Any, item: RecordItem) -> dict[str, Any] | None:
    if kind == "rectangle":
        if g.rotation == 0.0:
            w, h = g.x2 - g.x1, g.y2 - g.y1
            return {"segmentation": [], "area": w * h, "bbox": [g.x1, g.y1, w, h], "iscrowd": 0}
        xs, ys = g.corners()
        points = np.column_stack([xs, ys]).ravel().tolist()
        return _polygon_record(points, rectangle.area(g), rectangle.bbox(g))
    if kind == "polygon":
        return _polygon_record(list(g.points), abs(polygon.area(g)), polygon.bbox(g))
    if kind == "ellipse":
        ring = np.asarray(ellipse.to_shapely(g).exterior.coords)[:-1]
        return _polygon_record(ring.ravel().tolist(), ellipse.area(g), ellipse.bbox(g))
    if kind == "mask":
        return _mask_record(g, item)
    if kind == "skeleton":
        keypoints: list[float] = []
        for k, v in enumerate(g.visibility):
            keypoints += [g.points[2 * k], g.points[2 * k + 1], _V[v]]
        x1, y1, x2, y2 = skeleton.bbox(g)
        return {
            "segmentation": [],
            "area": (x2 - x1) * (y2 - y1),
            "bbox": [x1, y1, x2 - x1, y2 - y1],
            "iscrowd": 0,
            "keypoints": keypoints,
            "num_keypoints": sum(1 for v in g.visibility if v is not Visibility.OUTSIDE),
        }
    return None


def _ring_area(points: list[float]) -> float:
    """The shoelace area of a flat vertex ring, as `planar.shoelace_area` computes it, without numpy's cost
    per small array (a third of a polygon export)."""
    xs, ys = points[0::2], points[1::2]
    return abs(sum(map(mul, xs, ys[1:] + ys[:1])) - sum(map(mul, ys, xs[1:] + xs[:1]))) / 2.0


def _polygon_record(
    points: list[float], area: float, box: tuple[float, float, float, float]
) -> dict[str, Any]:
    x1, y1, x2, y2 = box
    return {"segmentation": [points], "area": area, "bbox": [x1, y1, x2 - x1, y2 - y1], "iscrowd": 0}


def _mask_record(g: mask.MaskGeometry, item: RecordItem) -> dict[str, Any] | None:
    width = item.width or g.x2
    height = item.height or g.y2
    if g.x1 < 0 or g.y1 < 0 or g.x2 > width or g.y2 > height:
        pixels = mask.decode(g)
        x0, y0 = max(g.x1, 0), max(g.y1, 0)
        cropped = pixels[y0 - g.y1 : min(g.y2, height) - g.y1, x0 - g.x1 : min(g.x2, width) - g.x1]
        if cropped.size == 0 or not cropped.any():
            return None
        g = mask.encode(cropped, x0, y0)
    counts = mask.to_coco_counts(g, width, height)
    area = mask.area(g)
    return {
        "segmentation": {"counts": counts, "size": [height, width]},
        "area": area,
        "bbox": [g.x1, g.y1, g.x2 - g.x1, g.y2 - g.y1],
        "iscrowd": 1,
    }
