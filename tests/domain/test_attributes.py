from typing import Any

import pytest

from annota.domain.attributes import (
    AttributeKind,
    AttributeScope,
    AttributeSpec,
    attribute_spec_from_dict,
    attribute_spec_to_dict,
    read_attribute_values,
    validate_attributes,
)
from annota.domain.problems import DomainValidationError, Problem, ProblemType

COLOR = AttributeSpec("color", AttributeKind.SELECT, ("red", "green"))
SIZE = AttributeSpec("size", AttributeKind.NUMBER, min=0.0, max=10.0, step=0.5, mutable=True)
PARKED = AttributeSpec("parked", AttributeKind.CHECKBOX, required=True)
NOTE = AttributeSpec("note", AttributeKind.TEXT, mutable=True, required=True)


def locs(error: DomainValidationError) -> list[tuple[Any, ...]]:
    return [p.loc for p in error.problems]


def test_select_spec_without_values_cannot_be_built() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("color", AttributeKind.SELECT)
    assert locs(info.value) == [("values",)]


def test_select_spec_with_duplicate_values_names_the_duplicate() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("color", AttributeKind.RADIO, ("red", "blue", "red"))
    assert info.value.problems == [Problem(("values", 2), "duplicate value 'red'", ProblemType.DUPLICATE)]


def test_number_spec_needs_min_below_max_and_a_positive_step() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("size", AttributeKind.NUMBER, min=5.0, max=1.0, step=0.0)
    assert locs(info.value) == [("max",), ("step",)]


def test_number_spec_needs_min_and_max() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("size", AttributeKind.NUMBER)
    assert locs(info.value) == [("min",), ("max",)]


def test_non_number_spec_refuses_bounds_and_values() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("note", AttributeKind.TEXT, ("a",), min=1.0)
    assert locs(info.value) == [("values",), ("min",)]


def test_default_must_be_a_valid_value() -> None:
    with pytest.raises(DomainValidationError) as info:
        AttributeSpec("color", AttributeKind.SELECT, ("red",), default="blue")
    assert locs(info.value) == [("default",)]


@pytest.mark.parametrize(("spec", "default"), [(COLOR, "red"), (SIZE, 0.0), (PARKED, False), (NOTE, "")])
def test_effective_default_falls_back_per_kind(spec: AttributeSpec, default: object) -> None:
    assert spec.effective_default == default


@pytest.mark.parametrize(
    ("spec", "value", "valid"),
    [
        (COLOR, "red", True),
        (COLOR, "blue", False),
        (COLOR, 1, False),
        (SIZE, 2.5, True),
        (SIZE, 3, True),
        (SIZE, 2.25, False),
        (SIZE, 10.5, False),
        (SIZE, True, False),
        (SIZE, float("nan"), False),
        (PARKED, True, True),
        (PARKED, 1, False),
        (NOTE, "anything", True),
        (NOTE, 3, False),
    ],
)
def test_validate_value_checks_the_value_against_the_kind(
    spec: AttributeSpec, value: object, valid: bool
) -> None:
    problems = spec.validate_value(value, ("attributes", spec.name))
    assert (problems == []) is valid
    assert all(p.loc == ("attributes", spec.name) for p in problems)


@pytest.mark.parametrize(
    ("spec", "raw", "coerced"),
    [
        (PARKED, "true", True),
        (PARKED, "False", False),
        (PARKED, 0, False),
        (SIZE, "2.5", 2.5),
        (SIZE, "3", 3),
        (COLOR, "green", "green"),
    ],
)
def test_coerce_turns_format_text_into_typed_values(
    spec: AttributeSpec, raw: object, coerced: object
) -> None:
    value = spec.coerce(raw)
    assert value == coerced
    assert type(value) is type(coerced)


def test_coerce_raises_a_located_error_when_impossible() -> None:
    with pytest.raises(DomainValidationError) as info:
        SIZE.coerce("big", ("attrs", "size"))
    assert locs(info.value) == [("attrs", "size")]


def test_spec_dict_round_trips() -> None:
    d = attribute_spec_to_dict(SIZE)
    assert d == {
        "name": "size",
        "kind": "number",
        "values": [],
        "default": None,
        "mutable": True,
        "required": False,
        "min": 0.0,
        "max": 10.0,
        "step": 0.5,
    }
    assert attribute_spec_from_dict(d) == SIZE


def test_spec_from_dict_reports_type_problems_and_invariants_located() -> None:
    with pytest.raises(DomainValidationError) as info:
        attribute_spec_from_dict({"name": "", "kind": "slider", "extra": 1}, ("attributes", 2))
    assert locs(info.value) == [
        ("attributes", 2, "extra"),
        ("attributes", 2, "name"),
        ("attributes", 2, "kind"),
    ]
    with pytest.raises(DomainValidationError) as info:
        attribute_spec_from_dict({"name": "n", "kind": "number", "min": 3}, ("attributes", 0))
    assert locs(info.value) == [("attributes", 0, "max")]


def test_read_attribute_values_accepts_scalars_and_locates_the_rest() -> None:
    problems: list[Problem] = []
    values = read_attribute_values({"a": "x", "b": 1, "c": True, "d": 2.5}, ("attributes",), problems)
    assert values == {"a": "x", "b": 1, "c": True, "d": 2.5}
    assert read_attribute_values({"a": [1], "b": float("inf"), "": 1}, ("attributes",), problems) is None
    assert [p.loc for p in problems] == [("attributes", "a"), ("attributes", "b"), ("attributes", "")]


def test_validate_attributes_reports_unknown_invalid_and_missing_required() -> None:
    problems = validate_attributes({"color": "blue", "wheels": 4}, [COLOR, PARKED], ("attributes",))
    assert [(p.loc, p.type) for p in problems] == [
        (("attributes", "color"), ProblemType.ATTRIBUTE_VALUE),
        (("attributes", "wheels"), ProblemType.UNKNOWN_ATTRIBUTE),
        (("attributes", "parked"), ProblemType.MISSING),
    ]


def test_track_attributes_must_be_immutable_and_keyframe_attributes_mutable() -> None:
    specs = [COLOR, SIZE, PARKED, NOTE]
    on_track = validate_attributes({"size": 1.0, "parked": True}, specs, (), scope=AttributeScope.IMMUTABLE)
    assert [(p.loc, p.type) for p in on_track] == [(("size",), ProblemType.ATTRIBUTE_SCOPE)]
    on_keyframe = validate_attributes({"color": "red", "note": ""}, specs, (), scope=AttributeScope.MUTABLE)
    assert [(p.loc, p.type) for p in on_keyframe] == [(("color",), ProblemType.ATTRIBUTE_SCOPE)]


def test_required_check_can_be_skipped() -> None:
    assert validate_attributes({}, [PARKED], (), check_required=False) == []
