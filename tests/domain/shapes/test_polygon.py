from typing import Any

import pytest
import shapely
from hypothesis import given

from annota.domain.problems import ProblemType
from annota.domain.shapes import polygon
from annota.domain.shapes.polygon import PolygonGeometry

from ..strategies import polygon_fields

SQUARE = PolygonGeometry((0, 0, 10, 0, 10, 10, 0, 10))


def problems_of(points: Any) -> list[tuple[Any, str, str]]:
    g, problems = polygon.parse({"points": points}, ("shapes", 3))
    assert g is None
    return [(p.loc, p.type, p.msg) for p in problems]


@given(polygon_fields)
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = polygon.parse(fields, ())
    assert problems == []
    assert g is not None
    assert polygon.dump(g) == fields


def test_two_points_are_too_few() -> None:
    assert problems_of([0, 0, 1, 1]) == [
        (("shapes", 3, "points"), ProblemType.TOO_SHORT, "polygon needs at least 3 points, got 2")
    ]


def test_odd_number_count_is_reported() -> None:
    assert problems_of([0, 0, 1, 1, 2, 2, 3])[0][1] == ProblemType.WRONG_LENGTH


def test_repeating_the_first_point_at_the_end_is_reported() -> None:
    assert problems_of([0, 0, 1, 0, 1, 1, 0, 0])[0][:2] == (
        ("shapes", 3, "points"),
        ProblemType.CLOSED_POLYGON,
    )


def test_non_numbers_are_located_by_index() -> None:
    assert [loc for loc, _, _ in problems_of([0, 0, "1", 0, 1, None])] == [
        ("shapes", 3, "points", 2),
        ("shapes", 3, "points", 5),
    ]


def test_bbox_and_area() -> None:
    g = PolygonGeometry((0, 0, 4, 0, 4, 3))
    assert polygon.bbox(g) == (0, 0, 4, 3)
    assert polygon.area(g) == 6.0


def test_area_matches_shapely_for_a_concave_polygon() -> None:
    g = PolygonGeometry((0, 0, 10, 0, 10, 10, 5, 3, 0, 10))
    assert polygon.area(g) == pytest.approx(polygon.to_shapely(g).area)
    assert polygon.area(g) == pytest.approx(
        shapely.Polygon([(0, 0), (10, 0), (10, 10), (5, 3), (0, 10)]).area
    )


def test_contains_uses_the_inside_and_the_tolerance_around_edges() -> None:
    assert polygon.contains(SQUARE, 5, 5)
    assert polygon.contains(SQUARE, 10, 5)  # on an edge
    assert not polygon.contains(SQUARE, 12, 5)
    assert polygon.contains(SQUARE, 12, 5, tolerance=2.0)


def test_contains_leaves_out_the_notch_of_a_concave_polygon() -> None:
    g = PolygonGeometry((0, 0, 10, 0, 10, 10, 5, 3, 0, 10))
    assert not polygon.contains(g, 5, 8)
    assert polygon.contains(g, 1, 8)
    assert shapely.Point(1, 8).within(polygon.to_shapely(g))


def test_translate_moves_every_vertex() -> None:
    assert polygon.translate(PolygonGeometry((0, 0, 1, 0, 1, 1)), 1, 2) == PolygonGeometry((1, 2, 2, 2, 2, 3))
