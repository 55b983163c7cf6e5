"""Labels: name, colour, the kind of annotation they allow, attribute specs and (for skeletons) a template.

Labels are few and small, so their constructors validate: an invalid Label cannot be built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from annota.domain import wire
from annota.domain.attributes import AttributeSpec, attribute_spec_from_dict, attribute_spec_to_dict
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType, raise_if_any

_COLOR = re.compile(r"#[0-9a-f]{6}")
_LABEL_KEYS = ("id", "name", "color", "kind", "attributes", "skeleton")


class LabelKind(StrEnum):
    ANY = "any"
    RECTANGLE = "rectangle"
    POLYGON = "polygon"
    POLYLINE = "polyline"
    POINTS = "points"
    ELLIPSE = "ellipse"
    MASK = "mask"
    SKELETON = "skeleton"
    TAG = "tag"


def is_kind_allowed(label_kind: LabelKind | str, shape_kind: str) -> bool:
    """Whether a label of `label_kind` may be used by an annotation of `shape_kind` (e.g. "polygon", "tag").

    A label of kind ``any`` allows every kind except ``skeleton``, which needs the label's template.
    """
    try:
        kind = LabelKind(label_kind)
        wanted = LabelKind(shape_kind)
    except ValueError:
        return False
    if wanted is LabelKind.ANY:
        return False
    if kind is LabelKind.ANY:
        return wanted is not LabelKind.SKELETON
    return kind is wanted


@dataclass(frozen=True, slots=True)
class SkeletonPoint:
    """A named point of a skeleton template, in template coordinates normalised to [0, 1]."""

    name: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class SkeletonTemplate:
    points: tuple[SkeletonPoint, ...]
    edges: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        raise_if_any(_template_problems(self))


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    color: str
    kind: LabelKind
    attributes: tuple[AttributeSpec, ...] = ()
    skeleton: SkeletonTemplate | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        raise_if_any(_label_problems(self))

    def attribute(self, name: str) -> AttributeSpec | None:
        return next((a for a in self.attributes if a.name == name), None)


def label_from_dict(d: object, loc: Loc = ()) -> Label:
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    raise_if_any(problems)
    assert m is not None
    wire.reject_extra_keys(m, _LABEL_KEYS, loc, problems)
    label_id = wire.optional_integer(m.get("id"), (*loc, "id"), problems)
    name = wire.string(m.get("name"), (*loc, "name"), problems)
    color = wire.string(m.get("color"), (*loc, "color"), problems)
    kind = wire.enum_value(LabelKind, m.get("kind"), (*loc, "kind"), problems)
    specs: list[AttributeSpec] = []
    raw_specs = m.get("attributes", [])
    if isinstance(raw_specs, list | tuple):
        for i, raw in enumerate(raw_specs):
            try:
                specs.append(attribute_spec_from_dict(raw, (*loc, "attributes", i)))
            except DomainValidationError as e:
                problems.extend(e.problems)
    else:
        problems.append(Problem((*loc, "attributes"), "expected a list", ProblemType.LIST_TYPE))
    skeleton = None
    if m.get("skeleton") is not None:
        try:
            skeleton = skeleton_from_dict(m["skeleton"], (*loc, "skeleton"))
        except DomainValidationError as e:
            problems.extend(e.problems)
    raise_if_any(problems)
    assert name is not None and color is not None and kind is not None
    try:
        return Label(name, color.lower(), kind, tuple(specs), skeleton, label_id)
    except DomainValidationError as e:
        raise e.prefixed(*loc) from None


def label_to_dict(label: Label) -> dict[str, Any]:
    out: dict[str, Any] = {} if label.id is None else {"id": label.id}
    out.update(
        name=label.name,
        color=label.color,
        kind=label.kind.value,
        attributes=[attribute_spec_to_dict(a) for a in label.attributes],
        skeleton=None if label.skeleton is None else skeleton_to_dict(label.skeleton),
    )
    return out


def skeleton_from_dict(d: object, loc: Loc = ()) -> SkeletonTemplate:
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    raise_if_any(problems)
    assert m is not None
    wire.reject_extra_keys(m, ("points", "edges"), loc, problems)
    points: list[SkeletonPoint] = []
    raw_points = m.get("points")
    if not isinstance(raw_points, list | tuple):
        problems.append(Problem((*loc, "points"), "expected a list of points", ProblemType.LIST_TYPE))
        raw_points = []
    for i, raw in enumerate(raw_points):
        where = (*loc, "points", i)
        p = wire.require_mapping(raw, where, problems)
        if p is None:
            continue
        wire.reject_extra_keys(p, ("name", "x", "y"), where, problems)
        name = wire.string(p.get("name"), (*where, "name"), problems)
        x = wire.number(p.get("x"), (*where, "x"), problems)
        y = wire.number(p.get("y"), (*where, "y"), problems)
        if name is not None and x is not None and y is not None:
            points.append(SkeletonPoint(name, x, y))
    edges: list[tuple[int, int]] = []
    raw_edges = m.get("edges", [])
    if not isinstance(raw_edges, list | tuple):
        problems.append(Problem((*loc, "edges"), "expected a list of [i, j] pairs", ProblemType.LIST_TYPE))
        raw_edges = []
    for i, raw in enumerate(raw_edges):
        pair = wire.integer_list(raw, (*loc, "edges", i), problems)
        if pair is not None and len(pair) != 2:
            problems.append(Problem((*loc, "edges", i), "an edge is [i, j]", ProblemType.WRONG_LENGTH))
        elif pair is not None:
            edges.append((pair[0], pair[1]))
    raise_if_any(problems)
    try:
        return SkeletonTemplate(tuple(points), tuple(edges))
    except DomainValidationError as e:
        raise e.prefixed(*loc) from None


def skeleton_to_dict(template: SkeletonTemplate) -> dict[str, Any]:
    return {
        "points": [{"name": p.name, "x": p.x, "y": p.y} for p in template.points],
        "edges": [[i, j] for i, j in template.edges],
    }


def _template_problems(t: SkeletonTemplate) -> list[Problem]:
    problems: list[Problem] = []
    if not t.points:
        problems.append(Problem(("points",), "a skeleton needs at least one point", ProblemType.TOO_SHORT))
    names: set[str] = set()
    for i, p in enumerate(t.points):
        if not p.name:
            problems.append(Problem(("points", i, "name"), "must not be empty", ProblemType.EMPTY))
        elif p.name in names:
            problems.append(
                Problem(("points", i, "name"), f"duplicate point name {p.name!r}", ProblemType.DUPLICATE)
            )
        names.add(p.name)
        for axis, v in (("x", p.x), ("y", p.y)):
            if not (wire.is_number(v) and 0.0 <= v <= 1.0):
                problems.append(
                    Problem(
                        ("points", i, axis),
                        f"template coordinates are in [0, 1], got {v!r}",
                        ProblemType.OUT_OF_RANGE,
                    )
                )
    n = len(t.points)
    seen: set[frozenset[int]] = set()
    for k, (i, j) in enumerate(t.edges):
        if not (0 <= i < n and 0 <= j < n):
            problems.append(
                Problem(
                    ("edges", k),
                    f"edge [{i}, {j}] refers to a point outside 0..{n - 1}",
                    ProblemType.OUT_OF_RANGE,
                )
            )
        elif i == j:
            problems.append(
                Problem(("edges", k), f"edge [{i}, {j}] joins a point to itself", ProblemType.SKELETON)
            )
        elif frozenset((i, j)) in seen:
            problems.append(Problem(("edges", k), f"duplicate edge [{i}, {j}]", ProblemType.DUPLICATE))
        seen.add(frozenset((i, j)))
    return problems


def _label_problems(label: Label) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(label.name, str) or not label.name.strip():
        problems.append(Problem(("name",), "must not be empty", ProblemType.EMPTY))
    if not isinstance(label.color, str) or not _COLOR.fullmatch(label.color):
        problems.append(
            Problem(("color",), f"expected '#rrggbb' (lower case), got {label.color!r}", ProblemType.COLOR)
        )
    if not isinstance(label.kind, LabelKind):
        problems.append(Problem(("kind",), f"expected a LabelKind, got {label.kind!r}", ProblemType.ENUM))
    elif label.kind is LabelKind.SKELETON and label.skeleton is None:
        problems.append(Problem(("skeleton",), "a skeleton label needs a template", ProblemType.SKELETON))
    elif label.kind is not LabelKind.SKELETON and label.skeleton is not None:
        problems.append(Problem(("skeleton",), f"a {label.kind} label has no template", ProblemType.SKELETON))
    names: set[str] = set()
    for i, spec in enumerate(label.attributes):
        if spec.name in names:
            problems.append(
                Problem(
                    ("attributes", i, "name"), f"duplicate attribute {spec.name!r}", ProblemType.DUPLICATE
                )
            )
        names.add(spec.name)
    if label.id is not None and (not isinstance(label.id, int) or isinstance(label.id, bool)):
        problems.append(Problem(("id",), f"expected an integer, got {label.id!r}", ProblemType.INT_TYPE))
    return problems


def check_label_use(
    labels: Mapping[int, Label], label_id: int, kind: str, loc: Loc, problems: list[Problem]
) -> Label | None:
    """The label an annotation refers to, if it exists and allows `kind`; else a problem is appended."""
    label = labels.get(label_id)
    if label is None:
        problems.append(
            Problem((*loc, "label_id"), f"no label with id {label_id}", ProblemType.UNKNOWN_LABEL)
        )
        return None
    if not is_kind_allowed(label.kind, kind):
        problems.append(
            Problem(
                (*loc, "kind"),
                f"label {label.name!r} is for {label.kind} annotations, not {kind}",
                ProblemType.KIND_NOT_ALLOWED,
            )
        )
        return None
    return label
