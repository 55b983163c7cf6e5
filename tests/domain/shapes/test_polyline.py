from typing import Any

from hypothesis import given

from annota.domain.problems import ProblemType
from annota.domain.shapes import polyline
from annota.domain.shapes.polyline import PolylineGeometry

from ..strategies import polyline_fields

LINE = PolylineGeometry((0, 0, 10, 0, 10, 10))


@given(polyline_fields)
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = polyline.parse(fields, ())
    assert problems == []
    assert g is not None
    assert polyline.dump(g) == fields


def test_one_point_is_too_few() -> None:
    g, problems = polyline.parse({"points": [1, 1]}, ("shapes", 0))
    assert g is None
    assert [(p.loc, p.msg) for p in problems] == [
        (("shapes", 0, "points"), "polyline needs at least 2 points, got 1")
    ]


def test_points_field_is_required() -> None:
    _, problems = polyline.parse({}, ())
    assert [(p.loc, p.type) for p in problems] == [(("points",), ProblemType.MISSING)]


def test_bbox_and_area() -> None:
    assert polyline.bbox(LINE) == (0, 0, 10, 10)
    assert polyline.area(LINE) == 0.0


def test_contains_means_within_tolerance_of_a_segment_and_the_line_is_open() -> None:
    assert polyline.contains(LINE, 5, 0)
    assert not polyline.contains(LINE, 5, 1)
    assert polyline.contains(LINE, 5, 1, tolerance=1.0)
    assert not polyline.contains(LINE, 3, 3, tolerance=1.0)  # would be on the closing edge of a polygon


def test_to_shapely_is_a_line_of_the_same_length() -> None:
    assert polyline.to_shapely(LINE).length == 20.0


def test_translate_moves_every_vertex() -> None:
    assert polyline.translate(PolylineGeometry((0, 0, 1, 1)), -1, 1) == PolylineGeometry((-1, 1, 0, 2))
