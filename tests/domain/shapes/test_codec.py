import math
from typing import Any

import pytest
from hypothesis import given

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.codec import shape_from_dict, shape_to_dict
from annota.domain.shapes.rectangle import RectangleGeometry

from ..strategies import shape_dicts

LABELS = {
    1: Label(
        "car",
        "#ff0000",
        LabelKind.RECTANGLE,
        (AttributeSpec("color", AttributeKind.SELECT, ("red", "blue")),),
    ),
    2: Label(
        "anything",
        "#00ff00",
        LabelKind.ANY,
        (AttributeSpec("parked", AttributeKind.CHECKBOX, required=True),),
    ),
    3: Label(
        "person",
        "#0000ff",
        LabelKind.SKELETON,
        skeleton=SkeletonTemplate((SkeletonPoint("head", 0.5, 0), SkeletonPoint("foot", 0.5, 1))),
    ),
}


def rect(**overrides: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"id": "s1", "kind": "rectangle", "label_id": 1, "frame": 0, "points": [0, 0, 10, 10]}
    d.update(overrides)
    return d


def problems(d: Any, labels: Any = None) -> list[tuple[Any, str]]:
    with pytest.raises(DomainValidationError) as info:
        shape_from_dict(d, ("shapes", 3), labels)
    return [(p.loc, p.type) for p in info.value.problems]


@given(shape_dicts())
def test_shape_to_dict_inverts_shape_from_dict(d: dict[str, Any]) -> None:
    assert shape_to_dict(shape_from_dict(d)) == d


def test_optional_fields_get_their_defaults() -> None:
    shape = shape_from_dict(rect())
    assert shape == Shape("s1", "rectangle", 1, 0, RectangleGeometry(0, 0, 10, 10))
    assert (shape.z_order, shape.occluded, shape.outside, shape.attributes) == (0, False, False, {})
    assert (shape.group, shape.source, shape.score) == (None, Source.MANUAL, None)


def test_every_problem_is_reported_at_once_and_located() -> None:
    bad = {
        "kind": "polygon",
        "label_id": "1",
        "frame": -2,
        "points": [0, 0, 1, math.inf],
        "occluded": "no",
        "source": "robot",
        "score": 1.5,
        "colour": "red",
    }
    assert problems(bad) == [
        (("shapes", 3, "colour"), ProblemType.EXTRA_FORBIDDEN),
        (("shapes", 3, "id"), ProblemType.MISSING),
        (("shapes", 3, "label_id"), ProblemType.INT_TYPE),
        (("shapes", 3, "frame"), ProblemType.OUT_OF_RANGE),
        (("shapes", 3, "occluded"), ProblemType.BOOL_TYPE),
        (("shapes", 3, "source"), ProblemType.ENUM),
        (("shapes", 3, "score"), ProblemType.OUT_OF_RANGE),
        (("shapes", 3, "points", 3), ProblemType.NOT_FINITE),
    ]


def test_polygon_with_two_points_is_reported_in_words() -> None:
    with pytest.raises(DomainValidationError) as info:
        shape_from_dict(rect(kind="polygon", points=[0, 0, 1, 1]), ("shapes", 3))
    assert str(info.value) == "shapes[3].points: polygon needs at least 3 points, got 2"


def test_unknown_and_missing_kinds_are_located_at_kind() -> None:
    assert problems(rect(kind="triangle")) == [(("shapes", 3, "kind"), ProblemType.UNKNOWN_KIND)]
    without_kind = rect()
    del without_kind["kind"]
    assert problems(without_kind) == [(("shapes", 3, "kind"), ProblemType.MISSING)]


def test_a_tag_is_not_a_shape() -> None:
    assert problems(rect(kind="tag")) == [(("shapes", 3, "kind"), ProblemType.NOT_SPATIAL)]


def test_a_non_object_is_reported() -> None:
    assert problems([1, 2]) == [(("shapes", 3), ProblemType.DICT_TYPE)]


def test_attribute_values_must_be_scalars() -> None:
    assert problems(rect(attributes={"color": ["red"]})) == [
        (("shapes", 3, "attributes", "color"), ProblemType.ATTRIBUTE_VALUE)
    ]


def test_labels_check_the_label_exists_and_allows_the_kind() -> None:
    assert problems(rect(label_id=9), LABELS) == [(("shapes", 3, "label_id"), ProblemType.UNKNOWN_LABEL)]
    assert problems(rect(kind="polygon", points=[0, 0, 1, 0, 1, 1]), LABELS) == [
        (("shapes", 3, "kind"), ProblemType.KIND_NOT_ALLOWED)
    ]


def test_labels_check_attribute_values_and_required_attributes() -> None:
    assert problems(rect(attributes={"color": "green"}), LABELS) == [
        (("shapes", 3, "attributes", "color"), ProblemType.ATTRIBUTE_VALUE)
    ]
    assert problems(rect(label_id=2), LABELS) == [
        (("shapes", 3, "attributes", "parked"), ProblemType.MISSING)
    ]
    assert shape_from_dict(rect(label_id=2, attributes={"parked": True}), (), LABELS).label_id == 2


def test_labels_check_the_skeleton_point_count() -> None:
    skeleton = rect(kind="skeleton", label_id=3, points=[0, 0, 1, 1, 2, 2], visibility=["visible"] * 3)
    assert problems(skeleton, LABELS) == [(("shapes", 3, "points"), ProblemType.SKELETON)]
    skeleton.update(points=[0, 0, 1, 1], visibility=["visible", "outside"])
    assert shape_from_dict(skeleton, (), LABELS).kind == "skeleton"


def test_rotation_is_a_rectangle_field_only() -> None:
    assert problems(rect(kind="polyline", rotation=10)) == [
        (("shapes", 3, "rotation"), ProblemType.EXTRA_FORBIDDEN)
    ]
