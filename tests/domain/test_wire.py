import math

import pytest

from annota.domain import wire
from annota.domain.problems import Problem, ProblemType
from annota.domain.shapes.base import Source


def test_number_accepts_ints_and_floats_as_float() -> None:
    problems: list[Problem] = []
    assert wire.number(3, ("x",), problems) == 3.0
    assert wire.number(2.5, ("x",), problems) == 2.5
    assert problems == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (True, ProblemType.NUMBER_TYPE),
        ("1", ProblemType.NUMBER_TYPE),
        (None, ProblemType.NUMBER_TYPE),
        (math.inf, ProblemType.NOT_FINITE),
        (math.nan, ProblemType.NOT_FINITE),
    ],
)
def test_number_rejects_booleans_strings_and_non_finite_values(value: object, kind: str) -> None:
    problems: list[Problem] = []
    assert wire.number(value, ("x",), problems) is None
    assert [(p.loc, p.type) for p in problems] == [(("x",), kind)]


def test_number_list_locates_every_bad_element_by_index() -> None:
    problems: list[Problem] = []
    assert wire.number_list([1, "2", 3.0, math.nan, False], ("points",), problems) is None
    assert [p.loc for p in problems] == [("points", 1), ("points", 3), ("points", 4)]


def test_number_list_rejects_a_non_list() -> None:
    problems: list[Problem] = []
    assert wire.number_list("1,2", ("points",), problems) is None
    assert problems[0].msg == "expected a list of numbers, got string"


def test_integer_refuses_booleans_and_floats_and_checks_the_minimum() -> None:
    problems: list[Problem] = []
    assert wire.integer(True, ("a",), problems) is None
    assert wire.integer(1.0, ("b",), problems) is None
    assert wire.integer(-1, ("c",), problems, minimum=0) is None
    assert wire.integer(4, ("d",), problems, minimum=0) == 4
    assert [(p.loc, p.type) for p in problems] == [
        (("a",), ProblemType.INT_TYPE),
        (("b",), ProblemType.INT_TYPE),
        (("c",), ProblemType.OUT_OF_RANGE),
    ]


def test_integer_list_locates_non_integers() -> None:
    problems: list[Problem] = []
    assert wire.integer_list([1, 2.5, 3], ("rle",), problems) is None
    assert [p.loc for p in problems] == [("rle", 1)]


def test_string_rejects_empty_unless_allowed() -> None:
    problems: list[Problem] = []
    assert wire.string("", ("id",), problems) is None
    assert wire.string("", ("id",), problems, non_empty=False) == ""
    assert [p.type for p in problems] == [ProblemType.EMPTY]


def test_enum_value_lists_the_choices() -> None:
    problems: list[Problem] = []
    assert wire.enum_value(Source, "robot", ("source",), problems) is None
    assert problems[0].msg == "expected one of 'manual', 'imported', 'tracker', 'model', got 'robot'"


def test_reject_extra_keys_names_each_unknown_key() -> None:
    problems: list[Problem] = []
    wire.reject_extra_keys({"a": 1, "b": 2, "c": 3}, ("a",), ("shapes", 0), problems)
    assert [p.loc for p in problems] == [("shapes", 0, "b"), ("shapes", 0, "c")]
    assert {p.type for p in problems} == {ProblemType.EXTRA_FORBIDDEN}


def test_present_reports_a_missing_field_where_it_should_be() -> None:
    problems: list[Problem] = []
    assert not wire.present({}, "frame", ("shapes", 2), problems)
    assert problems == [Problem(("shapes", 2, "frame"), "field required", ProblemType.MISSING)]
