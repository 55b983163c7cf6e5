"""Writing LabelMe JSON: ``<image stem>.json`` next to where the image goes, one per item.

What LabelMe cannot hold is turned into the nearest thing it can: a rotated rectangle into a 4-point polygon,
an ellipse that is not a circle into a polygon of `ELLIPSE_VERTICES` points. Occluded, z-order and score are
not written; tags become the image's ``flags`` (their attributes are not written).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

import numpy as np
import orjson

from annota.domain.attributes import AttrValue
from annota.domain.shapes import ellipse, mask
from annota.domain.shapes.base import Shape
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats import png_masks
from annota.formats.base import Dataset, Item, Output, WriteOptions

VERSION = "5.7.0"
ELLIPSE_VERTICES = 64


def write_labelme(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    names = {label.id: label.name for label in dataset.labels}
    for item in dataset.items:
        document = _document(item, names)
        with output.open(str(PurePosixPath(item.name).with_suffix(".json"))) as file:
            file.write(orjson.dumps(document, option=orjson.OPT_INDENT_2))
        if options.with_images and item.image is not None:
            output.copy(item.name, item.image)


def _document(item: Item, names: Mapping[int | None, str]) -> dict[str, Any]:
    shapes = [s for shape in item.shapes if (s := _shape(shape, names[shape.label_id])) is not None]
    return {
        "version": VERSION,
        "flags": {names[tag.label_id]: True for tag in item.tags},
        "shapes": shapes,
        "imagePath": PurePosixPath(item.name).name,
        "imageData": None,
        "imageHeight": item.height,
        "imageWidth": item.width,
    }


def _shape(shape: Shape, label: str) -> dict[str, Any] | None:
    found = _geometry(shape)
    if found is None:
        return None
    shape_type, points, bitmap = found
    flags = {k: v for k, v in shape.attributes.items() if isinstance(v, bool)}
    description = shape.attributes.get("description")
    others: dict[str, AttrValue] = {
        k: v for k, v in shape.attributes.items() if not isinstance(v, bool) and k != "description"
    }
    if description is not None and not isinstance(description, str):
        others["description"] = description
    out: dict[str, Any] = {
        "label": label,
        "points": points,
        "group_id": shape.group,
        "description": description if isinstance(description, str) else "",
        "shape_type": shape_type,
        "flags": flags,
        "mask": bitmap,
    }
    if others:
        out["attributes"] = others
    return out


def _geometry(shape: Shape) -> tuple[str, list[list[float]], str | None] | None:
    g = shape.geometry
    if isinstance(g, RectangleGeometry):
        if g.rotation == 0.0:
            return "rectangle", [[g.x1, g.y1], [g.x2, g.y2]], None
        xs, ys = g.corners()
        return "polygon", _pairs(np.column_stack([xs, ys]).ravel().tolist()), None
    if isinstance(g, EllipseGeometry):
        if g.rx == g.ry:
            return "circle", [[g.cx, g.cy], [g.cx + g.rx, g.cy]], None
        ring = np.asarray(ellipse.to_shapely(g).exterior.coords)[:-1]
        step = max(1, len(ring) // ELLIPSE_VERTICES)
        return "polygon", _pairs(ring[::step].ravel().tolist()), None
    if isinstance(g, PolygonGeometry):
        return "polygon", _pairs(g.points), None
    if isinstance(g, PolylineGeometry):
        return ("line" if len(g.points) == 4 else "linestrip"), _pairs(g.points), None
    if isinstance(g, PointsGeometry):
        return ("point" if len(g.points) == 2 else "points"), _pairs(g.points), None
    if isinstance(g, MaskGeometry):
        bits = mask.decode(g).astype(np.uint8)
        encoded = base64.b64encode(png_masks.encode_indexed(bits)).decode("ascii")
        corners = [[float(g.x1), float(g.y1)], [float(g.x2 - 1), float(g.y2 - 1)]]
        return "mask", corners, encoded
    return None


def _pairs(flat: Any) -> list[list[float]]:
    values = [float(v) for v in flat]
    return [[values[i], values[i + 1]] for i in range(0, len(values), 2)]
