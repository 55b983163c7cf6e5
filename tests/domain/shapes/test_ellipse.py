import math
from typing import Any

import pytest
from hypothesis import given

from annota.domain.problems import ProblemType
from annota.domain.shapes import ellipse
from annota.domain.shapes.ellipse import EllipseGeometry

from ..strategies import ellipse_fields


@given(ellipse_fields())
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = ellipse.parse(fields, ())
    assert problems == []
    assert g is not None
    assert ellipse.dump(g) == fields


def test_non_positive_radius_is_located_at_points() -> None:
    g, problems = ellipse.parse({"points": [0, 0, 0, 3]}, ("shapes", 1))
    assert g is None
    assert [(p.loc, p.type) for p in problems] == [(("shapes", 1, "points"), ProblemType.OUT_OF_RANGE)]


def test_points_must_hold_four_numbers() -> None:
    _, problems = ellipse.parse({"points": [0, 0, 1, 1, 1]}, ())
    assert [(p.loc, p.type) for p in problems] == [(("points",), ProblemType.WRONG_LENGTH)]


def test_bbox_of_an_upright_ellipse_is_centre_plus_minus_radii() -> None:
    assert ellipse.bbox(EllipseGeometry(10, 20, 4, 2)) == (6, 18, 14, 22)


def test_bbox_of_an_ellipse_turned_90_degrees_swaps_radii() -> None:
    assert ellipse.bbox(EllipseGeometry(10, 20, 4, 2, 90.0)) == (8, 16, 12, 24)


def test_bbox_of_a_rotated_ellipse_matches_its_polygon() -> None:
    g = EllipseGeometry(10, 20, 40, 10, 30.0)
    assert ellipse.bbox(g) == pytest.approx(ellipse.to_shapely(g).bounds, abs=0.05)


def test_area_is_pi_rx_ry() -> None:
    assert ellipse.area(EllipseGeometry(0, 0, 3, 2)) == pytest.approx(6 * math.pi)


def test_polygon_area_is_within_a_thousandth_of_the_ellipse() -> None:
    g = EllipseGeometry(5, 5, 30, 7, 12.0)
    assert ellipse.to_shapely(g).area == pytest.approx(ellipse.area(g), rel=1e-3)


def test_contains_follows_the_rotation() -> None:
    g = EllipseGeometry(0, 0, 10, 1, 90.0)  # long axis now vertical
    assert ellipse.contains(g, 0, 9)
    assert not ellipse.contains(g, 9, 0)
    assert ellipse.contains(g, 0, 10)  # border


def test_contains_with_tolerance_grows_the_radii() -> None:
    g = EllipseGeometry(0, 0, 10, 5)
    assert not ellipse.contains(g, 11, 0)
    assert ellipse.contains(g, 11, 0, tolerance=1.0)


def test_translate_moves_the_centre() -> None:
    assert ellipse.translate(EllipseGeometry(0, 0, 1, 2, 5.0), 2, 3) == EllipseGeometry(2, 3, 1, 2, 5.0)
