"""Reading LabelMe JSON: one JSON per image, ``shapes`` drawn on the image named by ``imagePath``.

Shape types read: rectangle, circle, polygon, line, linestrip, point, points and mask (a base64 PNG of the
mask's box placed at its first point). ``imagePath`` is relative to the JSON and must stay inside the dataset
folder. ``flags`` of the image become tags, ``flags`` of a shape checkbox attributes, ``description`` a text
attribute, and an ``attributes`` object (annota's extension, kept by LabelMe) any other attribute values.
"""

from __future__ import annotations

import base64
import binascii
import math
import posixpath
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from annota.domain import wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Geometry, Shape, Source, build
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tags import Tag
from annota.formats import png_masks, sources
from annota.formats.base import (
    Dataset,
    Item,
    LocalIds,
    ProblemLog,
    ReadOptions,
)
from annota.formats.label_book import LabelBook, attribute_value, read_label_name
from annota.media.names import InvalidMediaName, natural_key, relative_name

# shape_type -> (annota kind, minimum points, exact count or None)
SHAPE_TYPES: dict[str, tuple[str, int, int | None]] = {
    "rectangle": ("rectangle", 2, 2),
    "circle": ("ellipse", 2, 2),
    "polygon": ("polygon", 3, None),
    "line": ("polyline", 2, 2),
    "linestrip": ("polyline", 2, None),
    "point": ("points", 1, 1),
    "points": ("points", 1, None),
    "mask": ("mask", 2, 2),
}


def is_labelme(path: Path) -> bool:
    """A JSON object whose first KiBs name ``shapes`` and either ``imagePath`` or ``flags``/``version``."""
    text = sources.head(path, 4096)
    return (
        path.suffix.lower() == ".json"
        and text.lstrip().startswith(b"{")
        and b'"shapes"' in text
        and (b'"imagePath"' in text or (b'"flags"' in text and b'"version"' in text))
    )


def annotation_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if is_labelme(path) else []
    files = [f for f in sources.walk_files(path) if f.suffix.lower() == ".json" and is_labelme(f)]
    return sorted(files, key=lambda f: natural_key(sources.relative(path, f)))


def read_labelme(path: Path, options: ReadOptions) -> Dataset:
    root = path.parent if path.is_file() else path
    log = ProblemLog()
    files = annotation_files(path)
    if not files:
        log.add(path.name, "no LabelMe JSON (with shapes and imagePath) found", "format.missing_file")
    book = LabelBook()
    ids = LocalIds()
    items: list[Item] = []
    names: dict[str, str] = {}
    for file in files:
        rel = sources.relative(root, file)
        doc = sources.read_json(root, file, log, options.max_file_bytes)
        if doc is None:
            continue
        problems: list[Problem] = []
        item = _read_item(doc, rel, root, len(items), ids, book, problems)
        log.add_domain(rel, problems)
        if item is None:
            continue
        if item.name in names:
            msg = f"image {item.name!r} is already annotated by {names[item.name]}"
            log.add(rel, msg, "duplicate", ("imagePath",))
            continue
        names[item.name] = rel
        items.append(item)
    log.raise_if_any()
    labels = book.labels()
    fitted = [replace(i, shapes=book.fit_shapes(i.shapes), tags=book.fit_tags(i.tags)) for i in items]
    return Dataset(labels, fitted)


def _read_item(
    doc: Any, rel: str, root: Path, frame: int, ids: LocalIds, book: LabelBook, problems: list[Problem]
) -> Item | None:
    m = wire.require_mapping(doc, (), problems)
    if m is None:
        return None
    name = _image_name(m.get("imagePath"), rel, problems)
    width = _size(m, "imageWidth", problems)
    height = _size(m, "imageHeight", problems)
    shapes = []
    raw_shapes = m.get("shapes")
    if not isinstance(raw_shapes, list):
        problems.append(
            Problem(("shapes",), f"expected a list, got {wire.type_name(raw_shapes)}", "list_type")
        )
        raw_shapes = []
    for i, raw in enumerate(raw_shapes):
        shape = _read_shape(raw, ("shapes", i), frame, ids, book, problems)
        if shape is not None:
            shapes.append(shape)
    tags = []
    flags = m.get("flags") or {}
    if not isinstance(flags, dict):
        problems.append(Problem(("flags",), "expected an object of booleans", "dict_type"))
        flags = {}
    for flag, on in flags.items():
        if not isinstance(on, bool):
            problems.append(
                Problem(("flags", flag), f"expected a boolean, got {wire.type_name(on)}", "bool_type")
            )
        elif on:
            tags.append(Tag(ids(), book.id_for(flag), frame, frame, source=Source.IMPORTED))
    if name is None:
        return None
    image: Path | None = root / name
    if image is not None and not image.is_file():
        image = None
    if (width is None or height is None) and image is not None:
        size = sources.image_size(image)
        width, height = size if size is not None else (width, height)
    return Item(name, "", frame, width, height, image, tuple(shapes), tuple(tags))


def _image_name(raw: object, rel: str, problems: list[Problem]) -> str | None:
    """``imagePath`` (relative to the JSON) as a name relative to the dataset folder."""
    if raw is None or raw == "":
        return str(PurePosixPath(rel).with_suffix(".jpg"))
    if not isinstance(raw, str):
        problems.append(
            Problem(("imagePath",), f"expected a string, got {wire.type_name(raw)}", "string_type")
        )
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), raw.replace("\\", "/")))
    try:
        return relative_name(joined)
    except InvalidMediaName:
        msg = f"{raw!r} leads outside the dataset folder"
        problems.append(Problem(("imagePath",), msg, "format.unsafe_path"))
        return None


def _size(m: Any, key: str, problems: list[Problem]) -> int | None:
    raw = m.get(key)
    if raw is None:
        return None
    value = wire.integer(raw, (key,), problems, minimum=1)
    return value


def _read_shape(
    raw: object, loc: Loc, frame: int, ids: LocalIds, book: LabelBook, problems: list[Problem]
) -> Shape | None:
    m = wire.require_mapping(raw, loc, problems)
    if m is None:
        return None
    before = len(problems)
    label = read_label_name(m.get("label"), (*loc, "label"), problems)
    shape_type = m.get("shape_type") or "polygon"
    spec = SHAPE_TYPES.get(shape_type) if isinstance(shape_type, str) else None
    if spec is None:
        problems.append(
            Problem((*loc, "shape_type"), f"shape_type is unsupported: {shape_type!r}", ProblemType.ENUM)
        )
    points = _points(m.get("points"), (*loc, "points"), problems)
    group = m.get("group_id")
    if group is not None:
        group = wire.integer(group, (*loc, "group_id"), problems)
    attributes = _attributes(m, loc, problems)
    if spec is None or points is None or len(problems) > before:
        return None
    kind, minimum, exact = spec
    n = len(points) // 2
    if n < minimum or (exact is not None and n != exact):
        wanted = f"{exact}" if exact is not None else f"at least {minimum}"
        problems.append(
            Problem(
                (*loc, "points"), f"a {shape_type} has {wanted} points, got {n}", ProblemType.WRONG_LENGTH
            )
        )
        return None
    geometry = _geometry(shape_type, points, m.get("mask"), loc, problems)  # type: ignore[arg-type]
    if geometry is None or label is None:
        return None
    label_id = book.id_for(label)
    book.note(label_id, attributes)
    return Shape(
        ids(), kind, label_id, frame, geometry, attributes=attributes, group=group, source=Source.IMPORTED
    )


def _points(raw: object, loc: Loc, problems: list[Problem]) -> list[float] | None:
    if not isinstance(raw, list):
        problems.append(
            Problem(loc, f"expected a list of [x, y] points, got {wire.type_name(raw)}", "list_type")
        )
        return None
    flat: list[float] = []
    for i, point in enumerate(raw):
        xy = wire.number_list(point, (*loc, i), problems)
        if xy is not None and len(xy) != 2:
            problems.append(
                Problem((*loc, i), f"a point is [x, y], got {len(xy)} numbers", ProblemType.WRONG_LENGTH)
            )
        elif xy is not None:
            flat.extend(xy)
    return flat if len(flat) == 2 * len(raw) else None


def _attributes(m: Any, loc: Loc, problems: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    extra = m.get("attributes") or {}
    if not isinstance(extra, dict):
        problems.append(Problem((*loc, "attributes"), "expected an object", "dict_type"))
        extra = {}
    for key, raw in extra.items():
        value = attribute_value(raw)
        if value is None:
            msg = f"expected a string, number or boolean, got {wire.type_name(raw)}"
            problems.append(Problem((*loc, "attributes", key), msg, ProblemType.ATTRIBUTE_VALUE))
        else:
            out[key] = value
    flags = m.get("flags") or {}
    if not isinstance(flags, dict):
        problems.append(Problem((*loc, "flags"), "expected an object of booleans", "dict_type"))
        flags = {}
    for key, on in flags.items():
        if isinstance(on, bool):
            out[key] = on
        else:
            problems.append(
                Problem((*loc, "flags", key), f"expected a boolean, got {wire.type_name(on)}", "bool_type")
            )
    description = m.get("description")
    if isinstance(description, str) and description:
        out["description"] = description
    elif description is not None and not isinstance(description, str):
        problems.append(Problem((*loc, "description"), "expected a string", "string_type"))
    return out


def _geometry(
    shape_type: str, p: list[float], raw_mask: object, loc: Loc, problems: list[Problem]
) -> Geometry | None:
    where = loc
    geometry: Geometry | None
    found: list[Problem]
    if shape_type == "rectangle":
        x1, x2 = sorted((p[0], p[2]))
        y1, y2 = sorted((p[1], p[3]))
        geometry, found = build(RectangleGeometry, where, x1, y1, x2, y2)
    elif shape_type == "circle":
        r = math.hypot(p[2] - p[0], p[3] - p[1])
        geometry, found = build(EllipseGeometry, where, p[0], p[1], r, r)
    elif shape_type == "polygon":
        if len(p) > 6 and p[:2] == p[-2:]:
            p = p[:-2]
        geometry, found = build(PolygonGeometry, where, tuple(p))
    elif shape_type in ("line", "linestrip"):
        geometry, found = build(PolylineGeometry, where, tuple(p))
    elif shape_type in ("point", "points"):
        geometry, found = build(PointsGeometry, where, tuple(p))
    else:
        geometry, found = _mask(raw_mask, p, (*loc, "mask"))
    problems.extend(found)
    return geometry


def _mask(raw: object, p: list[float], loc: Loc) -> tuple[MaskGeometry | None, list[Problem]]:
    if not isinstance(raw, str) or not raw:
        return None, [Problem(loc, "a mask shape needs its bitmap as a base64 PNG", ProblemType.MISSING)]
    try:
        pixels, _ = png_masks.decode(base64.b64decode(raw, validate=True))
    except (binascii.Error, ValueError) as error:
        return None, [Problem(loc, f"not a base64 PNG: {error}", "format.image")]
    bits = (pixels if pixels.ndim == 2 else pixels.any(axis=2)) > 0
    return mask_kind.encode(np.asarray(bits), math.floor(p[0]), math.floor(p[1])), []
