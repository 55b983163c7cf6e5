"""The shape kinds, one line each. A new kind is a module implementing `ShapeKindOps` plus one line here."""

from __future__ import annotations

from typing import Any

from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType
from annota.domain.shapes import ellipse, mask, points, polygon, polyline, rectangle, skeleton, tag
from annota.domain.shapes.base import Geometry, ShapeKindOps

KINDS: dict[str, ShapeKindOps[Any]] = {
    rectangle.NAME: rectangle,
    polygon.NAME: polygon,
    polyline.NAME: polyline,
    points.NAME: points,
    ellipse.NAME: ellipse,
    mask.NAME: mask,
    skeleton.NAME: skeleton,
    tag.NAME: tag,
}

_BY_GEOMETRY: dict[type[Geometry], ShapeKindOps[Any]] = {ops.GEOMETRY: ops for ops in KINDS.values()}


def get_kind(name: object, loc: Loc = ()) -> ShapeKindOps[Any]:
    """The kind called `name`; an unknown name raises DomainValidationError located at `loc`."""
    ops = KINDS.get(name) if isinstance(name, str) else None
    if ops is None:
        raise DomainValidationError([unknown_kind_problem(name, loc)])
    return ops


def unknown_kind_problem(name: object, loc: Loc) -> Problem:
    choices = ", ".join(repr(k) for k in KINDS)
    return Problem(loc, f"unknown shape kind {name!r}; expected one of {choices}", ProblemType.UNKNOWN_KIND)


def kind_of(geometry: Geometry) -> ShapeKindOps[Any]:
    """The kind whose geometry class `geometry` is an instance of."""
    ops = _BY_GEOMETRY.get(type(geometry))
    if ops is None:
        raise TypeError(f"{type(geometry).__name__} is not the geometry of a registered kind")
    return ops
