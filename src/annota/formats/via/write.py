"""Writing VIA 2.x: the project JSON (default) or the CSV export (``variant=csv``).

A region carries its label in the ``label`` region attribute (omitted for the ``default_label``), an image's
tags their labels in the ``label`` file attribute (text for one tag, a checkbox object for several; omitted
for the ``file_label``) and the tags' attributes merged. A rotated rectangle is written as its corner polygon
(VIA's rect has no rotation), a circle-shaped ellipse as a circle, a points shape as one point region per
point. Masks and skeletons have no VIA shape.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import orjson

from annota.domain.attributes import AttributeKind, AttrValue
from annota.domain.shapes.base import Shape
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats.base import Dataset, Item, Output, WriteOptions
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.formats.spool import Spool
from annota.formats.via.read import CSV_HEADER, WRITE_NAME_OPTIONS, Names

JSON_FILE = "via_project.json"
CSV_FILE = "via_region_data.csv"
VARIANT = FormatOption(
    "variant",
    OptionKind.CHOICE,
    "a VIA 2 project (json) or region CSV",
    Direction.WRITE,
    "json",
    ("json", "csv"),
)
WRITE_OPTIONS = (VARIANT, *WRITE_NAME_OPTIONS)
SETTINGS = {
    "ui": {"annotation_editor_height": 25, "annotation_editor_fontsize": 0.8, "leftsidebar_width": 18},
    "core": {"buffer_size": 18, "filepath": {}, "default_filepath": ""},
    "project": {"name": "annota"},
}


def write_via(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    names = Names.of(options.extra, Direction.WRITE)
    label_names = {label.id: label.name for label in dataset.labels}
    if VARIANT.value(options.extra) == "csv":
        _write_csv(dataset, output, options, names, label_names)
    else:
        _write_json(dataset, output, options, names, label_names)


def _write_json(
    dataset: Dataset, output: Output, options: WriteOptions, names: Names, label_names: dict[int | None, str]
) -> None:
    keys: list[str] = []
    with Spool() as spool:
        header = {"_via_settings": SETTINGS, "_via_attributes": _attribute_specs(dataset, names)}
        spool.write(orjson.dumps(header)[:-1] + b',"_via_img_metadata":{')
        for item in dataset.items:
            key, entry = _entry(item, names, label_names)
            spool.write((b"," if keys else b"") + orjson.dumps(key) + b":" + orjson.dumps(entry))
            keys.append(key)
            _copy_image(item, output, options)
        spool.write(
            b'},"_via_data_format_version":"2.0.10","_via_image_id_list":' + orjson.dumps(keys) + b"}"
        )
        spool.copy_to(output, JSON_FILE)


def _write_csv(
    dataset: Dataset, output: Output, options: WriteOptions, names: Names, label_names: dict[int | None, str]
) -> None:
    with Spool() as spool:
        spool.write((",".join(CSV_HEADER) + "\n").encode())
        for item in dataset.items:
            _, entry = _entry(item, names, label_names)
            regions = entry["regions"] or [{"shape_attributes": {}, "region_attributes": {}}]
            count = len(entry["regions"])
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for i, region in enumerate(regions):
                writer.writerow([
                    entry["filename"], entry["size"], _json(entry["file_attributes"]), count, i,
                    _json(region["shape_attributes"]), _json(region["region_attributes"]),
                ])  # fmt: skip
            spool.write(buffer.getvalue().encode())
            _copy_image(item, output, options)
        spool.copy_to(output, CSV_FILE)


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _copy_image(item: Item, output: Output, options: WriteOptions) -> None:
    if options.with_images and item.image is not None:
        output.copy(item.name, item.image)


def _entry(item: Item, names: Names, label_names: dict[int | None, str]) -> tuple[str, dict[str, Any]]:
    size = item.image.stat().st_size if item.image is not None and item.image.is_file() else -1
    regions = []
    for shape in item.shapes:
        attributes: dict[str, AttrValue] = dict(shape.attributes)
        if label_names[shape.label_id] != names.region:
            attributes[names.attribute] = label_names[shape.label_id]
        regions += [{"shape_attributes": s, "region_attributes": attributes} for s in _shapes(shape)]
    file_attributes: dict[str, Any] = {}
    tag_names = [label_names[t.label_id] for t in item.tags if label_names[t.label_id] != names.file]
    for tag in item.tags:
        file_attributes.update(tag.attributes)
    if len(tag_names) == 1:
        file_attributes[names.attribute] = tag_names[0]
    elif tag_names:
        file_attributes[names.attribute] = dict.fromkeys(tag_names, True)
    entry = {"filename": item.name, "size": size, "regions": regions, "file_attributes": file_attributes}
    return f"{item.name}{size}", entry


def _shapes(shape: Shape) -> Iterator[dict[str, Any]]:
    g = shape.geometry
    if isinstance(g, RectangleGeometry) and g.rotation == 0.0:
        yield {"name": "rect", "x": g.x1, "y": g.y1, "width": g.width, "height": g.height}
    elif isinstance(g, RectangleGeometry):
        xs, ys = g.corners()
        yield {"name": "polygon", "all_points_x": _floats(xs), "all_points_y": _floats(ys)}
    elif isinstance(g, EllipseGeometry) and g.rx == g.ry and g.rotation == 0.0:
        yield {"name": "circle", "cx": g.cx, "cy": g.cy, "r": g.rx}
    elif isinstance(g, EllipseGeometry):
        yield {
            "name": "ellipse",
            "cx": g.cx,
            "cy": g.cy,
            "rx": g.rx,
            "ry": g.ry,
            "theta": math.radians(g.rotation),
        }
    elif isinstance(g, PolygonGeometry | PolylineGeometry):
        name = "polygon" if isinstance(g, PolygonGeometry) else "polyline"
        yield {"name": name, "all_points_x": list(g.points[0::2]), "all_points_y": list(g.points[1::2])}
    elif isinstance(g, PointsGeometry):
        for i in range(0, len(g.points), 2):
            yield {"name": "point", "cx": g.points[i], "cy": g.points[i + 1]}


def _floats(values: np.ndarray) -> list[float]:
    return [float(v) for v in values]


def _attribute_specs(dataset: Dataset, names: Names) -> dict[str, dict[str, Any]]:
    """VIA's attribute panel: every region attribute of the labels as text, and the label attribute."""
    region: dict[str, Any] = {names.attribute: {"type": "text", "description": "label", "default_value": ""}}
    for label in dataset.labels:
        for spec in label.attributes:
            kind = "checkbox" if spec.kind is AttributeKind.CHECKBOX else "text"
            region.setdefault(spec.name, {"type": kind, "description": "", "default_value": ""})
    return {"region": region, "file": {}}
