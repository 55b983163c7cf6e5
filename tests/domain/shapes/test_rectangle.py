import math
from typing import Any

import pytest
import shapely
import shapely.affinity
from hypothesis import given

from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes import rectangle
from annota.domain.shapes.rectangle import RectangleGeometry

from ..strategies import rectangle_fields


def parse_ok(fields: dict[str, Any]) -> RectangleGeometry:
    g, problems = rectangle.parse(fields, ("shapes", 0))
    assert problems == []
    assert g is not None
    return g


def problems_of(fields: dict[str, Any]) -> list[tuple[Any, str]]:
    g, problems = rectangle.parse(fields, ("shapes", 0))
    assert g is None
    return [(p.loc, p.type) for p in problems]


@given(rectangle_fields())
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    assert rectangle.dump(parse_ok(fields)) == fields


def test_rotation_is_optional_and_normalised() -> None:
    assert parse_ok({"points": [0, 0, 1, 1]}).rotation == 0.0
    assert parse_ok({"points": [0, 0, 1, 1], "rotation": -90}).rotation == 270.0
    assert parse_ok({"points": [0, 0, 1, 1], "rotation": 720.5}).rotation == 0.5


def test_x2_not_after_x1_is_located_at_points() -> None:
    _, problems = rectangle.parse({"points": [5, 0, 5, 1]}, ("shapes", 3))
    assert [(p.loc, p.type, p.msg) for p in problems] == [
        (
            ("shapes", 3, "points"),
            ProblemType.BOUNDS_ORDER,
            "rectangle needs x1 < x2 and y1 < y2, got [5.0, 0.0, 5.0, 1.0]",
        )
    ]


def test_wrong_count_missing_points_and_bad_rotation_are_located() -> None:
    assert problems_of({"points": [0, 0, 1]}) == [(("shapes", 0, "points"), ProblemType.WRONG_LENGTH)]
    assert problems_of({"rotation": 0}) == [(("shapes", 0, "points"), ProblemType.MISSING)]
    assert problems_of({"points": [0, 0, 1, 1], "rotation": math.inf}) == [
        (("shapes", 0, "rotation"), ProblemType.NOT_FINITE)
    ]
    assert problems_of({"points": [0, 0, 1, math.nan]}) == [
        (("shapes", 0, "points", 3), ProblemType.NOT_FINITE)
    ]


def test_geometry_cannot_be_built_unnormalised() -> None:
    with pytest.raises(DomainValidationError) as info:
        RectangleGeometry(0, 0, 1, 1, 360.0)
    assert [p.loc for p in info.value.problems] == [("rotation",)]


def test_bbox_of_an_upright_rectangle_is_its_points() -> None:
    assert rectangle.bbox(RectangleGeometry(1, 2, 5, 4)) == (1, 2, 5, 4)


def test_bbox_of_a_rectangle_turned_90_degrees_swaps_width_and_height() -> None:
    assert rectangle.bbox(RectangleGeometry(0, 0, 4, 2, 90.0)) == (1.0, -1.0, 3.0, 3.0)


def test_bbox_of_a_rotated_rectangle_matches_shapely() -> None:
    g = RectangleGeometry(10, 20, 50, 40, 30.0)
    expected = shapely.affinity.rotate(shapely.box(10, 20, 50, 40), 30.0, origin="center").bounds
    assert rectangle.bbox(g) == pytest.approx(expected)


def test_area_is_width_times_height_whatever_the_rotation() -> None:
    assert rectangle.area(RectangleGeometry(0, 0, 4, 2.5, 17.0)) == 10.0


def test_contains_an_inner_point_and_the_border_but_not_an_outer_point() -> None:
    g = RectangleGeometry(0, 0, 10, 10)
    assert rectangle.contains(g, 5, 5)
    assert rectangle.contains(g, 10, 5)
    assert not rectangle.contains(g, 10.5, 5)
    assert rectangle.contains(g, 10.5, 5, tolerance=0.5)
    assert not rectangle.contains(g, 11, 11, tolerance=1.0)  # the corner is sqrt(2) away


def test_contains_follows_the_rotation_clockwise_on_screen() -> None:
    # a 20x2 bar centred on (10, 0) turned 45° clockwise runs from the top-left to the bottom-right
    g = RectangleGeometry(0, -1, 20, 1, 45.0)
    assert rectangle.contains(g, 15, 5)
    assert not rectangle.contains(g, 15, -5)
    assert not rectangle.contains(g, 19.5, 0)


def test_to_shapely_is_the_rotated_box() -> None:
    g = RectangleGeometry(10, 20, 50, 40, 30.0)
    expected = shapely.affinity.rotate(shapely.box(10, 20, 50, 40), 30.0, origin="center")
    assert rectangle.to_shapely(g).symmetric_difference(expected).area == pytest.approx(0.0, abs=1e-9)


def test_translate_moves_the_points_and_keeps_the_rotation() -> None:
    assert rectangle.translate(RectangleGeometry(0, 0, 1, 2, 10.0), 3, -1) == RectangleGeometry(
        3, -1, 4, 1, 10.0
    )
