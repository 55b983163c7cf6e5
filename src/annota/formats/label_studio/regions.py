"""Label Studio result values: percent coordinates to pixel geometries, region attributes, scores, sizes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annota.domain import planar, wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Geometry, build
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats import png_masks
from annota.formats.label_book import parse_text_value
from annota.formats.label_studio import brush

REGION_TYPES = {
    "rectanglelabels": "rectangle",
    "polygonlabels": "polygon",
    "ellipselabels": "ellipse",
    "keypointlabels": "points",
    "brushlabels": "mask",
}
ATTRIBUTE_TYPES = ("choices", "textarea", "number", "rating")


def score(raw: object, default: float | None) -> float | None:
    """A score in [0, 1] (annota's range), else `default`."""
    return (
        float(raw)
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 <= raw <= 1
        else default
    )


def frame_of(raw: object) -> float:
    frame = raw.get("frame") if isinstance(raw, dict) else None
    return float(frame) if isinstance(frame, int | float) else 0.0


def original_size(r: Mapping[str, Any]) -> tuple[int, int] | None:
    w, h = r.get("original_width"), r.get("original_height")
    if isinstance(w, int | float) and isinstance(h, int | float) and w > 0 and h > 0:
        return int(w), int(h)
    return None


def result_size(results: list[Any]) -> tuple[int, int] | None:
    for _, r, _, _ in results:
        if isinstance(r, dict) and (found := original_size(r)) is not None:
            return found
    return None


def attribute(value: Mapping[str, Any], kind: str) -> Any:
    if kind == "choices":
        choices = [str(c) for c in value.get("choices") or []]
        return (
            parse_text_value(choices[0])
            if len(choices) == 1 and choices[0] in ("true", "false")
            else ",".join(choices)
        )
    if kind == "textarea":
        text = value.get("text") or []
        return "\n".join(str(t) for t in text) if isinstance(text, list) else str(text)
    raw = value.get(kind)
    return raw if wire.is_number(raw) else str(raw)


def percent(
    value: Mapping[str, Any], keys: tuple[str, ...], loc: Loc, problems: list[Problem]
) -> list[float] | None:
    out = [wire.number(value.get(k), (*loc, k), problems) for k in keys]
    return None if any(v is None for v in out) else out  # type: ignore[return-value]


def rectangle(
    value: Mapping[str, Any], size: tuple[int, int], loc: Loc, problems: list[Problem]
) -> RectangleGeometry | None:
    found = percent(value, ("x", "y", "width", "height"), loc, problems)
    rotation = value.get("rotation", 0) or 0
    if found is None or not wire.is_number(rotation):
        return None
    w_px, h_px = size
    x, y, w, h = found[0] * w_px / 100, found[1] * h_px / 100, found[2] * w_px / 100, found[3] * h_px / 100
    # Label Studio turns the box about its top-left corner (x, y); annota about its centre.
    c, s = planar.cos_sin(float(rotation))
    cx, cy = x + (w * c - h * s) / 2, y + (w * s + h * c) / 2
    geometry, found_problems = build(
        RectangleGeometry,
        loc,
        cx - w / 2,
        cy - h / 2,
        cx + w / 2,
        cy + h / 2,
        planar.normalize_degrees(float(rotation)),
    )
    problems.extend(found_problems)
    return geometry


def geometry(
    kind: str, value: Mapping[str, Any], size: tuple[int, int], loc: Loc, problems: list[Problem]
) -> Geometry | None:
    w_px, h_px = size
    found: list[Problem] = []
    geometry: Geometry | None = None
    if kind == "rectanglelabels":
        return rectangle(value, size, loc, problems)
    if kind == "ellipselabels":
        p = percent(value, ("x", "y", "radiusX", "radiusY"), loc, problems)
        rotation = value.get("rotation", 0) or 0
        if p is None or not wire.is_number(rotation):
            return None
        geometry, found = build(EllipseGeometry, loc, p[0] * w_px / 100, p[1] * h_px / 100, p[2] * w_px / 100,
                                p[3] * h_px / 100, planar.normalize_degrees(float(rotation)))  # fmt: skip
    elif kind == "keypointlabels":
        p = percent(value, ("x", "y"), loc, problems)
        if p is None:
            return None
        geometry, found = build(PointsGeometry, loc, (p[0] * w_px / 100, p[1] * h_px / 100))
    elif kind == "polygonlabels":
        raw = value.get("points")
        pairs = (
            [wire.number_list(xy, (*loc, "points", i), problems) for i, xy in enumerate(raw)]
            if isinstance(raw, list)
            else None
        )
        if pairs is None or any(p is None or len(p) != 2 for p in pairs):
            problems.append(
                Problem((*loc, "points"), "expected a list of [x, y] percent points", ProblemType.LIST_TYPE)
            )
            return None
        flat = tuple(v for p in pairs for v in (p[0] * w_px / 100, p[1] * h_px / 100))  # type: ignore[index]
        if len(flat) > 6 and flat[:2] == flat[-2:]:
            flat = flat[:-2]
        geometry, found = build(PolygonGeometry, loc, flat)
    else:
        rle = value.get("rle")
        if value.get("format", "rle") != "rle" or not isinstance(rle, list):
            problems.append(Problem((*loc, "rle"), "expected an RLE brush mask", ProblemType.RLE))
            return None
        try:
            bits = brush.decode(rle, w_px, h_px)
        except brush.BrushError as error:
            problems.append(Problem((*loc, "rle"), str(error), ProblemType.RLE))
            return None
        return png_masks.tight_mask(bits) if bits.any() else None
    problems.extend(found)
    return geometry
