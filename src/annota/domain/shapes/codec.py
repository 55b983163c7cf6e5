"""Whole shape dicts (ADR 0001 wire format) to `Shape` and back.

Wire format: {"id", "kind", "label_id", "frame", <the kind's geometry fields>, "z_order", "occluded",
"outside", "attributes", "group", "source", "score"}. The last seven are optional on input and always written.
Parsing is on the hot path (every job load and save), so it does plain type checks and no shapely.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annota.domain import annotation_fields as common
from annota.domain import wire
from annota.domain.attributes import validate_attributes
from annota.domain.labels import Label, check_label_use
from annota.domain.problems import Loc, Problem, ProblemType, raise_if_any
from annota.domain.shapes.base import Shape, ShapeKindOps
from annota.domain.shapes.registry import KINDS, get_kind, unknown_kind_problem

COMMON_KEYS = (
    "id",
    "kind",
    "label_id",
    "frame",
    "z_order",
    "occluded",
    "outside",
    "attributes",
    "group",
    "source",
    "score",
)
_ALLOWED_KEYS = {name: frozenset(COMMON_KEYS + ops.FIELDS) for name, ops in KINDS.items()}


def shape_from_dict(d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None) -> Shape:
    """The shape described by `d`; raises DomainValidationError listing every problem, located under `loc`.

    With `labels`, also checks that the label exists and allows the kind, that a skeleton has as many points
    as the label's template, and that attribute values fit the label's attribute specs.
    """
    shape, problems = read_shape(d, loc, labels)
    raise_if_any(problems)
    assert shape is not None
    return shape


def read_shape(
    d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None
) -> tuple[Shape | None, list[Problem]]:
    """Like `shape_from_dict`, but returns (shape or None, problems) so that callers can gather problems."""
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    if m is None:
        return None, problems
    ops = read_spatial_kind(m, loc, problems)
    if ops is not None:
        wire.reject_extra_keys(m, _ALLOWED_KEYS[ops.NAME], loc, problems)
    shape_id = common.read_id(m, loc, problems)
    label_id = common.read_label_id(m, loc, problems)
    frame = common.read_frame(m, loc, problems)
    z_order = common.read_z_order(m, loc, problems)
    occluded = common.read_flag(m, "occluded", loc, problems)
    outside = common.read_flag(m, "outside", loc, problems)
    attributes = common.read_attributes(m, loc, problems)
    group = common.read_group(m, loc, problems)
    source = common.read_source(m, loc, problems)
    score = common.read_score(m, loc, problems)
    geometry = None
    if ops is not None:
        geometry, geometry_problems = ops.parse(m, loc)
        problems.extend(geometry_problems)
    if labels is not None and ops is not None and label_id is not None:
        label = check_label_use(labels, label_id, ops.NAME, loc, problems)
        if label is not None and attributes is not None:
            problems.extend(validate_attributes(attributes, label.attributes, (*loc, "attributes")))
        if label is not None and geometry is not None:
            problems.extend(ops.check_label(geometry, label, loc))
    if problems:
        return None, problems
    assert shape_id is not None and label_id is not None and frame is not None and geometry is not None
    assert ops is not None and z_order is not None and occluded is not None and outside is not None
    assert attributes is not None and source is not None
    shape = Shape(
        shape_id,
        ops.NAME,
        label_id,
        frame,
        geometry,
        z_order,
        occluded,
        outside,
        attributes,
        group,
        source,
        score,
    )
    return shape, problems


def shape_to_dict(shape: Shape) -> dict[str, Any]:
    """The wire dict of `shape`, with every common field written: shape_from_dict(shape_to_dict(s)) == s."""
    out: dict[str, Any] = {
        "id": shape.id,
        "kind": shape.kind,
        "label_id": shape.label_id,
        "frame": shape.frame,
    }
    out.update(get_kind(shape.kind).dump(shape.geometry))
    out["z_order"] = shape.z_order
    out["occluded"] = shape.occluded
    out["outside"] = shape.outside
    out["attributes"] = dict(shape.attributes)
    out["group"] = shape.group
    out["source"] = shape.source.value
    out["score"] = shape.score
    return out


def read_spatial_kind(m: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> ShapeKindOps[Any] | None:
    """The kind named by ``m["kind"]``, if it exists and has geometry (tags live in their own collection)."""
    if not wire.present(m, "kind", loc, problems):
        return None
    name = m["kind"]
    ops = KINDS.get(name) if isinstance(name, str) else None
    if ops is None:
        problems.append(unknown_kind_problem(name, (*loc, "kind")))
        return None
    if not ops.HAS_GEOMETRY:
        msg = f"a {ops.NAME} has no geometry: send it in the tags collection"
        problems.append(Problem((*loc, "kind"), msg, ProblemType.NOT_SPATIAL))
        return None
    return ops
