"""Writing Datumaro 1.0 JSON: ``annotations/<subset>.json`` per subset (``default`` without one), streamed.

Every kind has a Datumaro type: rectangle → bbox (a rotation goes in the ``rotation`` attribute, as CVAT's
fork does), ellipse → ellipse, polygon, polyline, points (all visible), mask → COCO compressed RLE over the
image, skeleton → the fork's skeleton with its points as child labels, tag → label, and a tag of the
``caption`` label → caption. Occluded and score are written as the ``occluded`` and ``score`` attributes.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import numpy as np
import orjson

from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Shape, Visibility
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.domain.tags import Tag
from annota.formats import png_masks
from annota.formats.base import Dataset, Item, Output, WriteOptions
from annota.formats.datumaro.read import CAPTION, DEFAULT_SUBSET
from annota.formats.images import image_name
from annota.formats.spool import Spool

_V = {Visibility.OUTSIDE: 0, Visibility.OCCLUDED: 1, Visibility.VISIBLE: 2}


@dataclass(frozen=True)
class _Categories:
    document: dict[str, Any]
    index: dict[int | None, int]  # annota label id -> Datumaro label index
    labels: dict[int | None, Label]


def categories(labels: Iterable[Label]) -> _Categories:
    entries: list[dict[str, Any]] = []
    colormap, points = [], []
    index: dict[int | None, int] = {}
    by_id: dict[int | None, Label] = {}
    for label in labels:
        by_id[label.id] = label
        index[label.id] = len(entries)
        entries.append({"name": label.name, "parent": "", "attributes": [a.name for a in label.attributes]})
        r, g, b = png_masks.rgb_of(label.color)
        colormap.append({"label_id": index[label.id], "r": r, "g": g, "b": b})
        if label.kind is LabelKind.SKELETON and label.skeleton is not None:
            names = [p.name for p in label.skeleton.points]
            entries.extend({"name": n, "parent": label.name, "attributes": []} for n in names)
            joints = [[i + 1, j + 1] for i, j in label.skeleton.edges]
            points.append({"label_id": index[label.id], "labels": names, "joints": joints})
    document = {
        "label": {"labels": entries, "attributes": ["occluded"]},
        "mask": {"colormap": colormap},
        "points": {"items": points},
    }
    return _Categories(document, index, by_id)


def write_datumaro(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    cats = categories(dataset.labels)
    wrote_any = False
    for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset):
        _write_subset(subset, items, cats, output, options)
        wrote_any = True
    if not wrote_any:
        _write_subset("", (), cats, output, options)


def _write_subset(
    subset: str, items: Iterable[Item], cats: _Categories, output: Output, options: WriteOptions
) -> None:
    name = subset or DEFAULT_SUBSET
    with Spool() as spool:
        spool.write(b'{"info":{},"categories":' + orjson.dumps(cats.document))
        spool.open_array(b',"items":')
        for item in items:
            spool.element(_item(item, cats))
            if options.with_images and item.image is not None:
                output.copy(image_name(name, item.name), item.image)
        spool.close_array(b"}")
        spool.copy_to(output, f"annotations/{name}.json")


def _item(item: Item, cats: _Categories) -> dict[str, Any]:
    annotations: list[dict[str, Any]] = []
    for shape in item.shapes:
        record = _shape(shape, item, cats)
        if record is not None:
            record["id"] = len(annotations)
            annotations.append(record)
    for tag in item.tags:
        record = _tag(tag, cats)
        record["id"] = len(annotations)
        annotations.append(record)
    out: dict[str, Any] = {"id": str(PurePosixPath(item.name).with_suffix("")), "annotations": annotations}
    image: dict[str, Any] = {"path": item.name}
    if item.width is not None and item.height is not None:
        image["size"] = [item.height, item.width]
    out["image"] = image
    return out


def _tag(tag: Tag, cats: _Categories) -> dict[str, Any]:
    label = cats.labels[tag.label_id]
    text = tag.attributes.get(CAPTION)
    if label.name == CAPTION and isinstance(text, str) and len(tag.attributes) == 1:
        return {"type": CAPTION, "attributes": {}, "group": 0, "caption": text}
    attributes = dict(tag.attributes)
    if tag.score is not None:
        attributes["score"] = tag.score
    return {"type": "label", "attributes": attributes, "group": 0, "label_id": cats.index[tag.label_id]}


def _shape(shape: Shape, item: Item, cats: _Categories) -> dict[str, Any] | None:
    attributes: dict[str, Any] = dict(shape.attributes)
    if shape.occluded:
        attributes["occluded"] = True
    if shape.score is not None:
        attributes["score"] = shape.score
    record: dict[str, Any] = {
        "attributes": attributes,
        "group": shape.group or 0,
        "label_id": cats.index[shape.label_id],
        "z_order": shape.z_order,
    }
    g = shape.geometry
    if isinstance(g, RectangleGeometry):
        record.update(type="bbox", bbox=[g.x1, g.y1, g.width, g.height])
        if g.rotation:
            attributes["rotation"] = g.rotation
    elif isinstance(g, EllipseGeometry):
        record.update(type="ellipse", points=[g.cx - g.rx, g.cy - g.ry, g.cx + g.rx, g.cy + g.ry])
        if g.rotation:
            attributes["rotation"] = g.rotation
    elif isinstance(g, PolygonGeometry):
        record.update(type="polygon", points=list(g.points))
    elif isinstance(g, PolylineGeometry):
        record.update(type="polyline", points=list(g.points))
    elif isinstance(g, PointsGeometry):
        record.update(type="points", points=list(g.points), visibility=[2] * (len(g.points) // 2))
    elif isinstance(g, MaskGeometry):
        record.update(type="mask", rle=_rle(g, item))
    elif isinstance(g, SkeletonGeometry):
        record.update(_skeleton(g, attributes, cats.labels[shape.label_id]))
    else:
        return None
    return record


def _skeleton(g: SkeletonGeometry, attributes: dict[str, Any], label: Label) -> dict[str, Any]:
    names = [p.name for p in label.skeleton.points] if label.skeleton is not None else []
    per_point: list[dict[str, Any]] = [{} for _ in range(len(g.visibility))]
    for key in list(attributes):
        for i, name in enumerate(names):
            if key.startswith(f"{name}.") and i < len(per_point):
                per_point[i][key[len(name) + 1 :]] = attributes.pop(key)
                break
    points: list[float] = []
    for i, v in enumerate(g.visibility):
        points += [g.points[2 * i], g.points[2 * i + 1], _V[v]]
    return {"type": "skeleton", "points": points, "points_attributes": per_point}


def _rle(g: MaskGeometry, item: Item) -> dict[str, Any]:
    from pycocotools import mask as coco_mask

    width = max(item.width or 0, g.x2)
    height = max(item.height or 0, g.y2)
    full = np.zeros((height, width), dtype=np.uint8)
    x1, y1 = max(g.x1, 0), max(g.y1, 0)
    full[y1 : g.y2, x1 : g.x2] = mask_kind.decode(g)[y1 - g.y1 :, x1 - g.x1 :]
    with warnings.catch_warnings():  # pycocotools 2.0 on numpy 2 warns about __array__(copy=...)
        warnings.simplefilter("ignore", DeprecationWarning)
        encoded = coco_mask.encode(np.asfortranarray(full))
    return {"counts": encoded["counts"].decode("ascii"), "size": [height, width]}
