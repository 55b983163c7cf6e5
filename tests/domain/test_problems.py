import pytest

from annota.domain.problems import (
    DomainValidationError,
    Problem,
    ProblemType,
    format_loc,
    prefix_problems,
    raise_if_any,
)


def test_format_loc_writes_indexes_in_brackets_and_names_with_dots() -> None:
    assert format_loc(("shapes", 3, "points", 1)) == "shapes[3].points[1]"
    assert format_loc((2, "id")) == "[2].id"
    assert format_loc(()) == ""


def test_error_message_lists_every_problem_with_its_location() -> None:
    error = DomainValidationError(
        [
            Problem(("shapes", 0, "points"), "polygon needs at least 3 points, got 2", ProblemType.TOO_SHORT),
            Problem(("shapes", 1, "frame"), "must be >= 0, got -1", ProblemType.OUT_OF_RANGE),
        ]
    )
    assert (
        str(error)
        == "shapes[0].points: polygon needs at least 3 points, got 2; shapes[1].frame: must be >= 0, got -1"
    )
    assert isinstance(error, ValueError)


def test_prefixed_error_locates_problems_under_the_prefix() -> None:
    error = DomainValidationError([Problem(("points",), "bad", "t")]).prefixed("shapes", 3)
    assert error.problems == [Problem(("shapes", 3, "points"), "bad", "t")]


def test_prefix_problems_keeps_message_and_type() -> None:
    assert prefix_problems(("a",), [Problem((1,), "m", "x")]) == [Problem(("a", 1), "m", "x")]


def test_raise_if_any_raises_only_when_there_are_problems() -> None:
    raise_if_any([])
    with pytest.raises(DomainValidationError) as info:
        raise_if_any([Problem((), "m", "x")])
    assert info.value.problems == [Problem((), "m", "x")]


def test_problem_types_compare_equal_to_their_wire_strings() -> None:
    assert Problem((), "m", ProblemType.MISSING).type == "missing"
