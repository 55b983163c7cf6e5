"""The records fast path agrees with the domain: same geometry accepted, same problems, same wire dicts."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import DomainValidationError
from annota.domain.shapes.codec import read_shape, shape_to_dict
from annota.domain.shapes.registry import get_kind
from annota.formats.records import geometry, record_of_shape
from annota.formats.records_wire import read_shape_record, wire_shape
from tests.domain.strategies import GEOMETRY_FIELDS, shape_dicts

FAST_KINDS = ("rectangle", "polygon", "polyline", "points")
odd_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
    st.just(1e308),
)
number_lists = st.lists(st.one_of(st.floats(-1e6, 1e6), st.integers(-1000, 1000), odd_number), max_size=12)


@st.composite
def untrusted_fields(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """Fields as a file may hold them: valid, nearly valid (ints, closed rings, swapped corners), or junk."""
    fields: dict[str, Any] = dict(draw(GEOMETRY_FIELDS[kind]))
    points = fields["points"]
    choice = draw(st.integers(0, 7))
    if choice == 1:
        fields["points"] = draw(number_lists)
    elif choice == 2:
        fields["points"] = [int(v) for v in points]
    elif choice == 3:
        fields["points"] = [*points, points[0], points[1]]
    elif choice == 4 and kind == "rectangle":  # corners swapped, or an empty box
        x1, y1, x2, y2 = points
        fields["points"] = draw(st.sampled_from([[x2, y1, x1, y2], [x1, y1, x1, y2], [x1, y2, x2, y2]]))
    elif choice == 5 and kind == "rectangle":
        fields["rotation"] = draw(st.one_of(odd_number, st.floats(-720, 720)))
    elif choice == 6:
        fields[draw(st.sampled_from(["extra", "rotation", "visibility"]))] = draw(odd_number)
    elif choice == 7:
        fields.pop("points")
    return fields


def _parsed(kind: str, fields: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Any]]:
    ops = get_kind(kind)
    parsed, problems = ops.parse(fields, ())
    return (None if parsed is None else ops.dump(parsed)), problems


@settings(max_examples=400, deadline=None)
@given(data=st.data(), kind=st.sampled_from(FAST_KINDS))
def test_checked_geometry_accepts_exactly_what_the_kind_parses(data: st.DataObject, kind: str) -> None:
    fields = data.draw(untrusted_fields(kind))
    expected, problems = _parsed(kind, fields)
    if expected is None:
        with pytest.raises(DomainValidationError) as caught:
            geometry(kind, fields)
        assert caught.value.problems == problems
    else:
        assert geometry(kind, fields) == expected


EDGE_CASES = [
    ("rectangle", {"points": [1.0, 2.0, 1.0, 5.0], "rotation": 0.0}),  # no width
    ("rectangle", {"points": [1.0, 2.0, 3.0, 2.0], "rotation": 0.0}),  # no height
    ("rectangle", {"points": [1.0, 2.0, 3.0, 4.0], "rotation": 360.0}),
    ("rectangle", {"points": [1.0, 2.0, 3.0, 4.0], "rotation": -0.5}),
    ("rectangle", {"points": [1.0, 2.0, 3.0, math.inf], "rotation": 0.0}),
    ("rectangle", {"points": [True, 2.0, 3.0, 4.0], "rotation": 0.0}),
    ("rectangle", {"points": [1.0, 2.0, 3.0, 4.0]}),
    ("polygon", {"points": [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0]}),  # closed
    ("polygon", {"points": [0.0, 0.0, 1.0, 0.0, 1.0]}),
    ("polygon", {"points": [0.0, 0.0, 1.0, 0.0, 1.0, math.nan]}),
    ("polygon", {"points": [1e308, 0.0, 1e308, 0.0, 1.0, 1.0]}),  # finite values, an infinite sum
    ("polyline", {"points": [0.0, 0.0]}),
    ("points", {"points": [0.0, "1"]}),
]


@pytest.mark.parametrize(("kind", "fields"), EDGE_CASES)
def test_checked_geometry_agrees_with_the_kind_on_edge_cases(kind: str, fields: dict[str, Any]) -> None:
    expected, problems = _parsed(kind, fields)
    if expected is None:
        with pytest.raises(DomainValidationError) as caught:
            geometry(kind, fields)
        assert caught.value.problems == problems
    else:
        assert geometry(kind, fields) == expected


def test_checked_geometry_of_a_swapped_box_reports_the_domain_problem() -> None:
    with pytest.raises(DomainValidationError) as caught:
        geometry("rectangle", {"points": [5.0, 0.0, 1.0, 4.0], "rotation": 0.0})
    assert [(p.loc, p.type) for p in caught.value.problems] == [(("points",), "bounds_order")]


def test_checked_geometry_turns_integers_into_floats_and_normalises_rotation() -> None:
    assert geometry("rectangle", {"points": [1, 2, 3, 4], "rotation": 370}) == {
        "points": [1.0, 2.0, 3.0, 4.0],
        "rotation": 10.0,
    }
    assert geometry("polygon", {"points": [0, 0, 4, 0, 4, 3]}) == {"points": [0.0, 0.0, 4.0, 0.0, 4.0, 3.0]}


def test_checked_geometry_refuses_a_tag_as_a_shape() -> None:
    with pytest.raises(DomainValidationError) as caught:
        geometry("tag", {})
    assert caught.value.problems[0].loc == ("kind",)


LABELS = {
    1: Label("car", "#ff0000", LabelKind.ANY, (), None, 1),
    2: Label("box only", "#00ff00", LabelKind.RECTANGLE, (), None, 2),
    3: Label(
        "pose", "#0000ff", LabelKind.SKELETON, (),
        SkeletonTemplate(tuple(SkeletonPoint(str(i), 0.5, 0.5) for i in range(3))), 3,
    ),
    4: Label("tree", "#00ffff", LabelKind.ANY, (AttributeSpec("height", AttributeKind.NUMBER, required=True,
                                                              min=0.0, max=50.0),), None, 4),
}  # fmt: skip


@st.composite
def wire_shapes(draw: st.DrawFn) -> Any:
    """Wire shapes that are valid, or broken in one field, or not shapes at all."""
    d = draw(shape_dicts())
    d["label_id"] = draw(st.sampled_from([1, 2, 3, 4, 9]))
    choice = draw(st.integers(0, 6))
    if choice == 0:
        d["attributes"] = {}
    elif choice == 1:
        key = draw(
            st.sampled_from(["z_order", "occluded", "source", "score", "group", "id", "frame", "kind"])
        )
        d[key] = draw(st.one_of(odd_number, st.just(-1), st.just("tag"), st.just(1)))
    elif choice == 2:
        d.update(draw(untrusted_fields(draw(st.sampled_from(FAST_KINDS)))))
    elif choice == 3:
        return draw(st.one_of(odd_number, st.lists(st.integers(), max_size=2)))
    elif choice == 4:
        d["attributes"] = draw(st.one_of(st.just([]), st.just(""), st.just(0), st.just({})))
    return d


@settings(max_examples=400, deadline=None)
@given(d=wire_shapes())
def test_wire_shape_reads_as_the_codecs_shape_or_with_its_problems(d: Any) -> None:
    record, problems = read_shape_record(d, ("shapes", 0), LABELS)
    shape, expected = read_shape(d, ("shapes", 0), LABELS)
    assert problems == expected
    assert record == (None if shape is None else record_of_shape(shape))


@settings(max_examples=100, deadline=None)
@given(d=shape_dicts())
def test_record_writes_the_wire_dict_the_codec_writes(d: dict[str, Any]) -> None:
    d["label_id"] = 3 if d["kind"] == "skeleton" else 1
    if d["kind"] == "skeleton":
        d["points"], d["visibility"] = d["points"][:6] + [0.0] * (6 - len(d["points"][:6])), ["visible"] * 3
    shape, problems = read_shape(d, (), LABELS)
    if shape is None:  # attribute values the label does not declare: not what this test is about
        assert problems
        return
    assert wire_shape(record_of_shape(shape), shape.frame) == shape_to_dict(shape)


def test_wire_shape_with_a_closed_polygon_is_refused_where_the_codec_refuses_it() -> None:
    d = {"id": "s", "kind": "polygon", "label_id": 1, "frame": 0, "points": [0, 0, 1, 0, 1, 1, 0, 0]}
    record, problems = read_shape_record(d, ("item", "shapes", 4), LABELS)
    assert record is None
    assert [(p.loc, p.type) for p in problems] == [(("item", "shapes", 4, "points"), "closed_polygon")]
