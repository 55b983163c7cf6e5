"""Reading VIA (VGG Image Annotator) 1.x and 2.x: the JSON project or annotation export, or the CSV export.

VIA has no labels: a region's label is the value of its ``label`` region attribute (option
``label_attribute``), ``region`` when it has none (option ``default_label``); the other region attributes
are the shape's attributes (a checkbox attribute ``{"a": true}`` becomes the boolean attribute ``<name>.a``).
File attributes become an image tag labelled by their ``label`` attribute (one tag per checked option of a
checkbox), ``image`` when there is none (option ``file_label``), carrying the other file attributes.
Shapes: rect, circle, ellipse (``theta`` in radians), polygon (a repeated first point is dropped), polyline,
point. Image sizes come from the image files: VIA does not store them.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from annota.domain import wire
from annota.domain.attributes import AttrValue
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Geometry, Shape, Source, build
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tags import Tag
from annota.formats import sources
from annota.formats.base import Dataset, Item, LocalIds, ProblemLog, ReadOptions
from annota.formats.label_book import LabelBook, attribute_value
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.media.names import InvalidMediaName, relative_name

CSV_HEADER = ("filename", "file_size", "file_attributes", "region_count", "region_id",
              "region_shape_attributes", "region_attributes")  # fmt: skip
KINDS = {"rect": "rectangle", "circle": "ellipse", "ellipse": "ellipse", "polygon": "polygon",
         "polyline": "polyline", "point": "points"}  # fmt: skip


def _name_options(direction: Direction) -> tuple[FormatOption, FormatOption, FormatOption]:
    return (
        FormatOption("label_attribute", OptionKind.TEXT, "the region/file attribute holding the label name",
                     direction, "label"),
        FormatOption("default_label", OptionKind.TEXT, "the label of a region without one",
                     direction, "region"),
        FormatOption("file_label", OptionKind.TEXT, "the label of a tag made of file attributes without one",
                     direction, "image"),
    )  # fmt: skip


READ_OPTIONS = _name_options(Direction.READ)
WRITE_NAME_OPTIONS = _name_options(Direction.WRITE)


@dataclass(frozen=True, slots=True)
class Names:
    """Where labels come from (the ``label_attribute``/``default_label``/``file_label`` options)."""

    attribute: str = "label"
    region: str = "region"
    file: str = "image"

    @classmethod
    def of(cls, extra: Mapping[str, str], direction: Direction = Direction.READ) -> Names:
        attribute, region, file = (
            o.value(extra) or ""
            for o in (READ_OPTIONS if direction is Direction.READ else WRITE_NAME_OPTIONS)
        )
        return cls(attribute, region, file)


def is_via_csv(path: Path) -> bool:
    head = sources.head(path, 256).lstrip(b"\xef\xbb\xbf")
    return path.suffix.lower() == ".csv" and head.lstrip(b"#").startswith(
        b"filename,file_size,file_attributes"
    )


def is_via_json(path: Path) -> bool:
    head = sources.head(path, 4096)
    return path.suffix.lower() == ".json" and (
        b'"_via_' in head or (b'"regions"' in head and b'"filename"' in head and b'"file_attributes"' in head)
    )


class ViaReader:
    def __init__(self, root: Path, file: Path, options: ReadOptions) -> None:
        self.root, self.file, self.options = root, file, options
        self.name = sources.relative(root, file)
        self.names = Names.of(options.extra)
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()
        self.items: list[Item] = []
        self.seen: dict[str, int] = {}

    def read(self) -> Dataset:
        if is_via_csv(self.file):
            self._csv()
        else:
            self._json()
        self.log.raise_if_any()
        labels = self.book.labels()
        items = [
            replace(i, shapes=self.book.fit_shapes(i.shapes), tags=self.book.fit_tags(i.tags))
            for i in self.items
        ]
        return Dataset(labels, items)

    # -- JSON ------------------------------------------------------------------------------------------

    def _json(self) -> None:
        doc = sources.read_json(self.root, self.file, self.log, self.options.max_file_bytes)
        if doc is None:
            return
        problems: list[Problem] = []
        metadata, loc = (
            (doc.get("_via_img_metadata"), ("_via_img_metadata",))
            if isinstance(doc, dict) and "_via_img_metadata" in doc
            else (doc, ())
        )
        m = wire.require_mapping(metadata, loc, problems) or {}
        for key, entry in m.items():
            where = (*loc, key)
            e = wire.require_mapping(entry, where, problems)
            if e is None:
                continue
            raw_regions = e.get("regions") or []
            regions = (
                list(raw_regions.items())
                if isinstance(raw_regions, dict)
                else list(enumerate(raw_regions))
                if isinstance(raw_regions, list)
                else None
            )
            if regions is None:
                problems.append(
                    Problem((*where, "regions"), "expected a list of regions", ProblemType.LIST_TYPE)
                )
                continue
            frame = len(self.items)
            shapes = [self._region(r, (*where, "regions", k), frame, problems) for k, r in regions]
            self._image(e.get("filename"), e.get("file_attributes") or {}, shapes, where, problems)
        self.log.add_domain(self.name, problems)

    # -- CSV -------------------------------------------------------------------------------------------

    def _csv(self) -> None:
        lines = sources.read_lines(self.root, self.file, self.log, self.options.max_file_bytes)
        if lines is None:
            return
        reader = csv.reader(io.StringIO("\n".join(lines)))
        grouped: dict[str, tuple[int, Any, list[tuple[int, Any]]]] = {}
        order: list[str] = []
        for row in reader:
            line = reader.line_num
            if not row or row[0].lstrip("#") == CSV_HEADER[0]:
                continue
            if len(row) != len(CSV_HEADER):
                self.log.add(
                    self.name, f"expected {len(CSV_HEADER)} columns, got {len(row)}", "format.via", line=line
                )
                continue
            parsed = [
                self._cell(text, column, line) for column, text in ((2, row[2]), (5, row[5]), (6, row[6]))
            ]
            if any(p is _BAD for p in parsed):
                continue
            file_attributes, shape, region = parsed
            if row[0] not in grouped:
                grouped[row[0]] = (line, file_attributes, [])
                order.append(row[0])
            if shape:
                grouped[row[0]][2].append(
                    (line, {"shape_attributes": shape, "region_attributes": region or {}})
                )
        for filename in order:  # located by line: the CSV has no JSON path
            first, file_attributes, rows = grouped[filename]
            frame = len(self.items)
            shapes = [self._located(region, frame, line) for line, region in rows]
            problems: list[Problem] = []
            self._image(filename, file_attributes or {}, shapes, (), problems)
            for p in problems:
                self.log.add(self.name, p.msg, str(p.type), p.loc, line=first)

    def _located(self, region: Any, frame: int, line: int) -> Shape | None:
        problems: list[Problem] = []
        shape = self._region(region, (), frame, problems)
        for p in problems:  # located by the CSV column's name
            loc = ("region_shape_attributes", *p.loc[1:]) if p.loc[:1] == ("shape_attributes",) else p.loc
            self.log.add(self.name, p.msg, str(p.type), loc, line=line)
        return shape

    def _cell(self, text: str, column: int, line: int) -> Any:
        try:
            return orjson.loads(text) if text.strip() else {}
        except orjson.JSONDecodeError as error:
            msg = f"column {column + 1} ({CSV_HEADER[column]}): invalid JSON: {error.msg}"
            self.log.add(self.name, msg, "format.json", line=line)
            return _BAD

    # -- images and regions ----------------------------------------------------------------------------

    def _image(
        self,
        raw_name: object,
        file_attributes: object,
        shapes: list[Shape | None],
        loc: Loc,
        problems: list[Problem],
    ) -> None:
        name = None
        if not isinstance(raw_name, str):
            problems.append(
                Problem(
                    (*loc, "filename"),
                    f"expected a file name, got {wire.type_name(raw_name)}",
                    ProblemType.STRING_TYPE,
                )
            )
        else:
            try:
                name = relative_name(raw_name)
            except InvalidMediaName as error:
                problems.append(Problem((*loc, "filename"), error.reason, "format.unsafe_path"))
        frame = len(self.items)
        tags = self._tags(file_attributes, (*loc, "file_attributes"), frame, problems)
        if name is None:
            return
        if name in self.seen:
            problems.append(
                Problem((*loc, "filename"), f"image {name!r} is listed twice", ProblemType.DUPLICATE)
            )
            return
        self.seen[name] = frame
        image = sources.find_image(self.file.parent, name)
        size = sources.image_size(image) if image is not None else None
        width, height = size if size is not None else (None, None)
        kept = tuple(s for s in shapes if s is not None)
        self.items.append(Item(name, "", frame, width, height, image, kept, tuple(tags)))

    def _tags(self, raw: object, loc: Loc, frame: int, problems: list[Problem]) -> list[Tag]:
        values = self._attributes(raw, loc, problems)
        if not values:
            return []
        label = values.pop(self.names.attribute, None)
        names = [label] if isinstance(label, str) and label.strip() else []
        prefix = f"{self.names.attribute}."
        for key in [k for k in values if k.startswith(prefix)]:  # a checkbox of labels: one tag each
            if values.pop(key) is True:
                names.append(key[len(prefix) :])
        if not names and not values:
            return []
        out = []
        for name in names or [self.names.file]:
            label_id = self.book.id_for(name)
            self.book.note(label_id, values)
            out.append(Tag(self.ids(), label_id, frame, frame, dict(values), Source.IMPORTED))
        return out

    def _region(self, raw: object, loc: Loc, frame: int, problems: list[Problem]) -> Shape | None:
        m = wire.require_mapping(raw, loc, problems)
        if m is None:
            return None
        before = len(problems)
        shape = wire.require_mapping(m.get("shape_attributes"), (*loc, "shape_attributes"), problems)
        values = self._attributes(m.get("region_attributes") or {}, (*loc, "region_attributes"), problems)
        if shape is None or values is None:
            return None
        label = values.pop(self.names.attribute, None)
        if label is not None and not isinstance(label, str):
            msg = f"the label attribute {self.names.attribute!r} must be text, got {wire.type_name(label)}"
            problems.append(
                Problem((*loc, "region_attributes", self.names.attribute), msg, ProblemType.STRING_TYPE)
            )
        geometry = _geometry(shape, (*loc, "shape_attributes"), problems)
        if geometry is None or len(problems) > before:
            return None
        label_id = self.book.id_for(label if isinstance(label, str) and label.strip() else self.names.region)
        self.book.note(label_id, values)
        return Shape(
            self.ids(),
            KINDS[str(shape["name"])],
            label_id,
            frame,
            geometry,
            attributes=values,
            source=Source.IMPORTED,
        )

    def _attributes(self, raw: object, loc: Loc, problems: list[Problem]) -> dict[str, Any] | None:
        m = wire.require_mapping(raw, loc, problems)
        if m is None:
            return None
        out: dict[str, AttrValue] = {}
        for key, value in m.items():
            if isinstance(value, dict):  # a checkbox attribute: {"option": true, ...}
                for option, on in value.items():
                    if isinstance(on, bool):
                        out[f"{key}.{option}"] = on
                    else:
                        problems.append(
                            Problem((*loc, key, option), "expected a boolean", ProblemType.BOOL_TYPE)
                        )
            elif (checked := attribute_value(value)) is not None:
                out[key] = checked
            else:
                msg = f"expected a string, number, boolean or checkbox object, got {wire.type_name(value)}"
                problems.append(Problem((*loc, key), msg, ProblemType.ATTRIBUTE_VALUE))
        return out


_BAD = object()


def _geometry(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> Geometry | None:
    kind = m.get("name")
    if kind not in KINDS:
        choices = ", ".join(KINDS)
        problems.append(
            Problem(
                (*loc, "name"), f"shape {kind!r} is unsupported; expected one of {choices}", ProblemType.ENUM
            )
        )
        return None

    def number(key: str, default: float | None = None) -> float | None:
        if key not in m and default is not None:
            return default
        return wire.number(m.get(key), (*loc, key), problems)

    found: list[Problem] = []
    geometry: Geometry | None = None
    if kind == "rect":
        x, y, w, h = (number(k) for k in ("x", "y", "width", "height"))
        if x is None or y is None or w is None or h is None:
            return None
        geometry, found = build(RectangleGeometry, loc, x, y, x + w, y + h)
    elif kind == "circle":
        cx, cy, r = (number(k) for k in ("cx", "cy", "r"))
        if cx is None or cy is None or r is None:
            return None
        geometry, found = build(EllipseGeometry, loc, cx, cy, r, r)
    elif kind == "ellipse":
        cx, cy, rx, ry = (number(k) for k in ("cx", "cy", "rx", "ry"))
        theta = number("theta", 0.0)
        if cx is None or cy is None or rx is None or ry is None or theta is None:
            return None
        geometry, found = build(EllipseGeometry, loc, cx, cy, rx, ry, math.degrees(theta) % 360.0)
    elif kind == "point":
        cx, cy = number("cx"), number("cy")
        if cx is None or cy is None:
            return None
        geometry, found = build(PointsGeometry, loc, (cx, cy))
    else:
        xs = wire.number_list(m.get("all_points_x"), (*loc, "all_points_x"), problems)
        ys = wire.number_list(m.get("all_points_y"), (*loc, "all_points_y"), problems)
        if xs is None or ys is None:
            return None
        if len(xs) != len(ys):
            problems.append(
                Problem(loc, f"{len(xs)} x values but {len(ys)} y values", ProblemType.WRONG_LENGTH)
            )
            return None
        flat = tuple(v for xy in zip(xs, ys, strict=True) for v in xy)
        if kind == "polygon":
            if len(flat) > 6 and flat[:2] == flat[-2:]:
                flat = flat[:-2]
            geometry, found = build(PolygonGeometry, loc, flat)
        else:
            geometry, found = build(PolylineGeometry, loc, flat)
    problems.extend(found)
    return geometry
