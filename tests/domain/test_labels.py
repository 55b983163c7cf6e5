from typing import Any

import pytest

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import (
    Label,
    LabelKind,
    SkeletonPoint,
    SkeletonTemplate,
    check_label_use,
    is_kind_allowed,
    label_from_dict,
    label_to_dict,
)
from annota.domain.problems import DomainValidationError, Problem, ProblemType

PERSON = {
    "name": "person",
    "color": "#ff8800",
    "kind": "skeleton",
    "attributes": [
        {
            "name": "pose",
            "kind": "select",
            "values": ["standing", "sitting"],
            "default": None,
            "mutable": True,
            "required": False,
            "min": None,
            "max": None,
            "step": None,
        },
    ],
    "skeleton": {
        "points": [
            {"name": "head", "x": 0.5, "y": 0.0},
            {"name": "hip", "x": 0.5, "y": 0.6},
            {"name": "foot", "x": 0.5, "y": 1.0},
        ],
        "edges": [[0, 1], [1, 2]],
    },
}


def problem_locs(d: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with pytest.raises(DomainValidationError) as info:
        label_from_dict(d, loc)
    return [p.loc for p in info.value.problems]


def test_label_dict_round_trips() -> None:
    label = label_from_dict(PERSON)
    assert label.skeleton is not None
    assert label.skeleton.points[1] == SkeletonPoint("hip", 0.5, 0.6)
    assert label_to_dict(label) == PERSON


def test_label_id_is_written_only_when_set() -> None:
    label = label_from_dict({"id": 7, "name": "car", "color": "#00FF00", "kind": "rectangle"})
    assert label == Label("car", "#00ff00", LabelKind.RECTANGLE, id=7)
    assert label_to_dict(label) == {
        "id": 7,
        "name": "car",
        "color": "#00ff00",
        "kind": "rectangle",
        "attributes": [],
        "skeleton": None,
    }


def test_bad_colour_is_located() -> None:
    assert problem_locs({"name": "car", "color": "green", "kind": "any"}, ("labels", 1)) == [
        ("labels", 1, "color")
    ]


def test_skeleton_label_needs_a_template_and_others_refuse_one() -> None:
    assert problem_locs({"name": "p", "color": "#000000", "kind": "skeleton"}) == [("skeleton",)]
    with_template = {"name": "p", "color": "#000000", "kind": "polygon", "skeleton": PERSON["skeleton"]}
    assert problem_locs(with_template) == [("skeleton",)]


def test_duplicate_attribute_names_are_located_at_the_second() -> None:
    spec = {"name": "a", "kind": "text"}
    d = {"name": "car", "color": "#000000", "kind": "any", "attributes": [spec, spec]}
    assert problem_locs(d) == [("attributes", 1, "name")]


def test_every_bad_attribute_spec_is_reported_at_once() -> None:
    d = {
        "name": "car",
        "color": "#000000",
        "kind": "any",
        "attributes": [{"name": "a", "kind": "select"}, {"name": "b", "kind": "nope"}],
    }
    assert problem_locs(d, ("labels", 0)) == [
        ("labels", 0, "attributes", 0, "values"),
        ("labels", 0, "attributes", 1, "kind"),
    ]


def test_template_edges_must_be_in_range_distinct_and_not_loops() -> None:
    points = (SkeletonPoint("a", 0, 0), SkeletonPoint("b", 1, 1))
    with pytest.raises(DomainValidationError) as info:
        SkeletonTemplate(points, ((0, 2), (1, 1), (0, 1), (1, 0)))
    assert [(p.loc, p.type) for p in info.value.problems] == [
        (("edges", 0), ProblemType.OUT_OF_RANGE),
        (("edges", 1), ProblemType.SKELETON),
        (("edges", 3), ProblemType.DUPLICATE),
    ]


def test_template_point_names_are_unique_and_coordinates_normalised() -> None:
    with pytest.raises(DomainValidationError) as info:
        SkeletonTemplate((SkeletonPoint("a", 0, 0), SkeletonPoint("a", 1.5, 0)))
    assert [p.loc for p in info.value.problems] == [("points", 1, "name"), ("points", 1, "x")]


def test_template_without_points_cannot_be_built() -> None:
    with pytest.raises(DomainValidationError):
        SkeletonTemplate(())


def test_template_dict_problems_are_located_under_skeleton() -> None:
    d = dict(PERSON, skeleton={"points": [{"name": "a", "x": "0", "y": 0}], "edges": [[0, 1, 2]]})
    assert problem_locs(d) == [("skeleton", "points", 0, "x"), ("skeleton", "edges", 0)]


@pytest.mark.parametrize(
    ("label_kind", "shape_kind", "allowed"),
    [
        ("any", "rectangle", True),
        ("any", "mask", True),
        ("any", "tag", True),
        ("any", "skeleton", False),
        ("polygon", "polygon", True),
        ("polygon", "polyline", False),
        ("skeleton", "skeleton", True),
        ("tag", "tag", True),
        ("tag", "rectangle", False),
        ("rectangle", "any", False),
        ("rectangle", "triangle", False),
    ],
)
def test_is_kind_allowed(label_kind: str, shape_kind: str, allowed: bool) -> None:
    assert is_kind_allowed(label_kind, shape_kind) is allowed


def test_check_label_use_reports_unknown_label_and_disallowed_kind() -> None:
    labels = {1: Label("car", "#000000", LabelKind.RECTANGLE)}
    problems: list[Problem] = []
    assert check_label_use(labels, 2, "rectangle", ("s",), problems) is None
    assert check_label_use(labels, 1, "polygon", ("s",), problems) is None
    assert check_label_use(labels, 1, "rectangle", ("s",), problems) is labels[1]
    assert [(p.loc, p.type) for p in problems] == [
        (("s", "label_id"), ProblemType.UNKNOWN_LABEL),
        (("s", "kind"), ProblemType.KIND_NOT_ALLOWED),
    ]


def test_label_attribute_finds_a_spec_by_name() -> None:
    spec = AttributeSpec("a", AttributeKind.TEXT)
    label = Label("car", "#000000", LabelKind.ANY, (spec,))
    assert label.attribute("a") is spec
    assert label.attribute("b") is None
