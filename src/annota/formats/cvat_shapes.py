"""CVAT 1.1 shape elements (box, polygon, polyline, points, ellipse, mask, skeleton) to geometry and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from annota.domain.attributes import AttributeSpec, AttrValue
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError
from annota.domain.shapes.base import Geometry, Source, Visibility
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import kind_of
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.formats import records
from annota.formats.records import Fields

ELEMENTS = {
    "box": "rectangle",
    "polygon": "polygon",
    "polyline": "polyline",
    "points": "points",
    "ellipse": "ellipse",
    "mask": "mask",
    "skeleton": "skeleton",
}
TAG_OF = {kind: tag for tag, kind in ELEMENTS.items()}
SOURCES = {
    "manual": Source.MANUAL,
    "auto": Source.MODEL,
    "semi-auto": Source.MODEL,
    "file": Source.IMPORTED,
    "consensus": Source.IMPORTED,
}
SOURCE_OUT = {
    Source.MANUAL: "manual",
    Source.MODEL: "auto",
    Source.TRACKER: "semi-auto",
    Source.IMPORTED: "file",
}


class ShapeError(ValueError):
    """An element that does not describe its shape; the message says why."""


SOURCE_VALUES = {name: source.value for name, source in SOURCES.items()}  # `Source.value` is slow


def flag(element: Element, name: str) -> bool:
    return element.get(name, "0").strip().lower() in ("1", "true")


def source(element: Element) -> Source:
    return SOURCES.get(element.get("source", ""), Source.IMPORTED)


def _floats(element: Element, *names: str) -> list[float]:
    try:
        return [float(element.get(name, "")) for name in names]
    except ValueError:
        raise ShapeError(f"expected numbers in {', '.join(names)}") from None


def _points(element: Element) -> tuple[float, ...]:
    text = element.get("points", "")
    try:
        return tuple(float(v) for pair in text.split(";") if pair.strip() for v in pair.split(","))
    except ValueError:
        raise ShapeError(f"points must be 'x,y;x,y;...', got {text[:40]!r}") from None


def geometry(element: Element, label: Label) -> Geometry:
    """The geometry of a shape element (not a tag); raises ShapeError."""
    try:
        return _geometry(element, label)
    except DomainValidationError as error:
        raise ShapeError("; ".join(p.msg for p in error.problems)) from None


def _geometry(element: Element, label: Label) -> Geometry:
    tag = element.tag
    rotation = float(element.get("rotation", "0") or 0) % 360.0
    if tag == "box":
        x1, y1, x2, y2 = _floats(element, "xtl", "ytl", "xbr", "ybr")
        return RectangleGeometry(x1, y1, x2, y2, rotation)
    if tag == "ellipse":
        cx, cy, rx, ry = _floats(element, "cx", "cy", "rx", "ry")
        return EllipseGeometry(cx, cy, rx, ry, rotation)
    if tag == "polygon":
        points = _points(element)
        return PolygonGeometry(points[:-2] if len(points) >= 8 and points[:2] == points[-2:] else points)
    if tag == "polyline":
        return PolylineGeometry(_points(element))
    if tag == "points":
        return PointsGeometry(_points(element))
    if tag == "mask":
        left, top, width, height = (int(v) for v in _floats(element, "left", "top", "width", "height"))
        try:
            rle = tuple(int(v) for v in element.get("rle", "").split(","))
        except ValueError:
            raise ShapeError("rle must be comma-separated integers") from None
        return MaskGeometry(left, top, left + width, top + height, rle)
    if tag == "skeleton":
        return skeleton(element, label)
    raise ShapeError(f"unknown shape element <{tag}>")


def fields(element: Element, label: Label) -> Fields:
    """The wire fields (a record's geometry) of a shape element; raises ShapeError. Boxes and vertex lists
    are read straight into fields, checked by `records.geometry`; other kinds through their geometry."""
    tag = element.tag
    try:
        if tag == "box":
            x1, y1, x2, y2 = _floats(element, "xtl", "ytl", "xbr", "ybr")
            rotation = float(element.get("rotation", "0") or 0) % 360.0
            return records.geometry("rectangle", {"points": [x1, y1, x2, y2], "rotation": rotation})
        if tag == "polygon":
            points = list(_points(element))
            if len(points) >= 8 and points[:2] == points[-2:]:
                points = points[:-2]
            return records.geometry("polygon", {"points": points})
        if tag in ("polyline", "points"):
            return records.geometry(ELEMENTS[tag], {"points": list(_points(element))})
        g = _geometry(element, label)
    except DomainValidationError as error:
        raise ShapeError("; ".join(p.msg for p in error.problems)) from None
    return kind_of(g).dump(g)


def skeleton(element: Element, label: Label) -> SkeletonGeometry:
    """Child ``<points label="<point name>">`` in template order; a missing point is outside."""
    names = [p.name for p in label.skeleton.points] if label.skeleton else []
    points = [0.0] * (2 * len(names))
    visibility = [Visibility.OUTSIDE] * len(names)
    for child in element.findall("points"):
        name = child.get("label", "")
        if name not in names:
            raise ShapeError(f"skeleton {label.name!r} has no point {name!r}")
        k = names.index(name)
        xy = _points(child)[:2]
        if len(xy) != 2:
            raise ShapeError(f"point {name!r} needs one x,y pair")
        points[2 * k : 2 * k + 2] = xy
        visibility[k] = (
            Visibility.OUTSIDE
            if flag(child, "outside")
            else Visibility.OCCLUDED
            if flag(child, "occluded")
            else Visibility.VISIBLE
        )
    return SkeletonGeometry(tuple(points), tuple(visibility))


def attributes(element: Element, label: Label) -> dict[str, AttrValue]:
    """Child ``<attribute name="...">text</attribute>`` values coerced to the label's specs (text if none)."""
    out: dict[str, AttrValue] = {}
    for child in element.findall("attribute"):
        name = child.get("name", "")
        text = child.text or ""
        spec = label.attribute(name)
        out[name] = spec.coerce(text, ("attributes", name)) if spec is not None else text
    return out


# -- writing ----------------------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    return repr(float(v))


def _pairs(points: tuple[float, ...]) -> str:
    return ";".join(f"{_fmt(points[i])},{_fmt(points[i + 1])}" for i in range(0, len(points), 2))


def geometry_attrs(g: Any, kind: str) -> dict[str, str]:
    if kind == "rectangle":
        return {
            "xtl": _fmt(g.x1),
            "ytl": _fmt(g.y1),
            "xbr": _fmt(g.x2),
            "ybr": _fmt(g.y2),
            "rotation": _fmt(g.rotation),
        }
    if kind == "ellipse":
        return {
            "cx": _fmt(g.cx),
            "cy": _fmt(g.cy),
            "rx": _fmt(g.cx + g.rx),
            "ry": _fmt(g.cy + g.ry),
            "rotation": _fmt(g.rotation),
        }
    if kind in ("polygon", "polyline", "points"):
        return {"points": _pairs(g.points)}
    if kind == "mask":
        return {
            "rle": ",".join(map(str, g.rle)),
            "left": str(g.x1),
            "top": str(g.y1),
            "width": str(g.width),
            "height": str(g.height),
        }
    return {"points": ""}


def element(tag: str, attrs: Mapping[str, str], body: str = "") -> str:
    text = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
    return f"<{tag} {text}>{body}</{tag}>"


def attributes_xml(values: Mapping[str, AttrValue]) -> str:
    out = []
    for name, value in values.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        out.append(f"<attribute name={quoteattr(name)}>{escape(text)}</attribute>")
    return "".join(out)


def skeleton_points_xml(g: SkeletonGeometry, label: Label) -> str:
    names = [p.name for p in label.skeleton.points] if label.skeleton else []
    out = []
    for k, (name, v) in enumerate(zip(names, g.visibility, strict=False)):
        attrs = {
            "label": name,
            "outside": "1" if v is Visibility.OUTSIDE else "0",
            "occluded": "1" if v is Visibility.OCCLUDED else "0",
            "points": f"{_fmt(g.points[2 * k])},{_fmt(g.points[2 * k + 1])}",
        }
        out.append(element("points", attrs))
    return "".join(out)


def spec_names(specs: tuple[AttributeSpec, ...], mutable: bool) -> set[str]:
    return {s.name for s in specs if s.mutable == mutable}
