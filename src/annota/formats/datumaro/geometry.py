"""Datumaro annotation geometry: bbox, ellipse, polygon, polyline, points, mask (COCO RLE) and skeleton."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from annota.domain import wire
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Geometry, Visibility, build
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.formats import png_masks
from annota.formats.label_book import attribute_value

VISIBILITY = {0: Visibility.OUTSIDE, 1: Visibility.OCCLUDED, 2: Visibility.VISIBLE}


class EmptyMask(ValueError):
    """A mask without a foreground pixel."""


KINDS = {
    "bbox": "rectangle",
    "polygon": "polygon",
    "polyline": "polyline",
    "points": "points",
    "ellipse": "ellipse",
    "mask": "mask",
    "skeleton": "skeleton",
}


def geometry(
    kind: str,
    m: Mapping[str, Any],
    loc: Loc,
    rotation: float,
    names: list[str],
    attributes: dict[str, Any],
    problems: list[Problem],
) -> Geometry | None:
    """The geometry of annotation `m` of type `kind`; `names` are the skeleton points (for point attributes).

    Raises EmptyMask for a mask without a pixel (skipped, not refused)."""
    if kind == "mask":
        return mask(m.get("rle"), (*loc, "rle"), problems)
    key = "bbox" if kind == "bbox" else "points"
    values = wire.number_list(m.get(key), (*loc, key), problems)
    if values is None:
        return None
    found: list[Problem] = []
    geometry: Geometry | None = None
    if kind == "bbox":
        if len(values) != 4:
            found = [
                Problem(
                    (*loc, key),
                    f"expected [x, y, width, height], got {len(values)} numbers",
                    ProblemType.WRONG_LENGTH,
                )
            ]
        else:
            x, y, w, h = values
            geometry, found = build(RectangleGeometry, (*loc, key), x, y, x + w, y + h, rotation)
    elif kind == "ellipse":
        if len(values) != 4:
            found = [
                Problem(
                    (*loc, key),
                    f"expected [x1, y1, x2, y2], got {len(values)} numbers",
                    ProblemType.WRONG_LENGTH,
                )
            ]
        else:
            x1, y1, x2, y2 = values
            geometry, found = build(
                EllipseGeometry,
                (*loc, key),
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                (x2 - x1) / 2,
                (y2 - y1) / 2,
                rotation,
            )
    elif kind == "polygon":
        points = values[:-2] if len(values) > 6 and values[:2] == values[-2:] else values
        geometry, found = build(PolygonGeometry, loc, points)
    elif kind == "polyline":
        geometry, found = build(PolylineGeometry, loc, values)
    elif kind == "points":
        geometry, found = build(PointsGeometry, loc, values)
    else:
        geometry, found = skeleton(m, values, loc, names, attributes)
    problems.extend(found)
    return geometry


def skeleton(
    m: Mapping[str, Any],
    values: tuple[float, ...],
    loc: Loc,
    names: list[str],
    attributes: dict[str, Any],
) -> tuple[Geometry | None, list[Problem]]:
    if len(values) % 3:
        return None, [
            Problem(
                (*loc, "points"),
                "skeleton points are [x, y, visibility] triples",
                ProblemType.WRONG_LENGTH,
            )
        ]
    flags = values[2::3]
    if any(v not in VISIBILITY for v in flags):
        return None, [Problem((*loc, "points"), "a visibility is 0, 1 or 2", ProblemType.ENUM)]
    raw_point_attributes = m.get("points_attributes") or []
    for i, point_attributes in enumerate(
        raw_point_attributes if isinstance(raw_point_attributes, list) else []
    ):
        for key, value in (point_attributes or {}).items() if isinstance(point_attributes, dict) else ():
            if i < len(names) and (checked := attribute_value(value)) is not None:
                attributes[f"{names[i]}.{key}"] = checked
    xy = [v for i, v in enumerate(values) if i % 3 != 2]
    visibility = tuple(VISIBILITY[int(v)] for v in flags)
    return build(SkeletonGeometry, loc, tuple(xy), visibility)


def mask(raw: object, loc: Loc, problems: list[Problem]) -> Geometry | None:
    m = wire.require_mapping(raw, loc, problems)
    if m is None:
        return None
    hw = wire.integer_list(m.get("size"), (*loc, "size"), problems)
    counts = m.get("counts")
    if hw is None or len(hw) != 2 or min(hw) <= 0:
        if hw is not None:
            problems.append(Problem((*loc, "size"), "expected [height, width]", ProblemType.WRONG_LENGTH))
        return None
    height, width = hw
    try:
        if isinstance(counts, str):
            return png_masks.tight_mask(decode_compressed(counts, height, width))
        if isinstance(counts, list):
            return mask_kind.from_coco_counts(counts, width, height)
    except DomainValidationError as error:
        problems.extend(Problem((*loc, "counts"), p.msg, p.type) for p in error.problems)
        return None
    except ValueError as error:
        raise EmptyMask(str(error)) from None
    problems.append(
        Problem((*loc, "counts"), "expected a compressed string or a list of run lengths", ProblemType.RLE)
    )
    return None


def decode_compressed(counts: str, height: int, width: int) -> np.ndarray:
    """COCO's compressed RLE string over a (height, width) image, as a boolean array."""
    from pycocotools import mask as coco_mask

    with warnings.catch_warnings():  # pycocotools 2.0 on numpy 2 warns about __array__(copy=...)
        warnings.simplefilter("ignore", DeprecationWarning)
        return coco_mask.decode({"size": [height, width], "counts": counts.encode()}).astype(bool)
