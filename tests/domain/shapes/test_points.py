from typing import Any

from hypothesis import given

from annota.domain.problems import ProblemType
from annota.domain.shapes import points
from annota.domain.shapes.points import PointsGeometry

from ..strategies import points_fields


@given(points_fields)
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = points.parse(fields, ())
    assert problems == []
    assert g is not None
    assert points.dump(g) == fields


def test_an_empty_list_is_too_short() -> None:
    g, problems = points.parse({"points": []}, ("shapes", 2))
    assert g is None
    assert [(p.loc, p.type, p.msg) for p in problems] == [
        (("shapes", 2, "points"), ProblemType.TOO_SHORT, "points needs at least 1 point, got 0")
    ]


def test_bbox_area_and_hit_test() -> None:
    g = PointsGeometry((1, 1, 5, 3))
    assert points.bbox(g) == (1, 1, 5, 3)
    assert points.area(g) == 0.0
    assert points.contains(g, 5, 3)
    assert not points.contains(g, 3, 2)
    assert points.contains(g, 5, 5, tolerance=2.0)


def test_to_shapely_keeps_every_point() -> None:
    assert len(points.to_shapely(PointsGeometry((1, 1, 5, 3, 0, 0))).geoms) == 3


def test_translate_moves_every_point() -> None:
    assert points.translate(PointsGeometry((1, 1)), 1, 1) == PointsGeometry((2, 2))
