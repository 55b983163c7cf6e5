import math

import numpy as np
import pycocotools.mask as coco_mask
import pytest
import shapely
import shapely.affinity
from hypothesis import given, settings
from hypothesis import strategies as st

from annota.domain.iou import (
    IouUndefinedError,
    box_iou,
    box_iou_matrix,
    ellipse_iou,
    geometry_iou,
    mask_iou,
    polygon_iou,
    rectangle_iou,
    shape_iou,
    shapely_iou,
)
from annota.domain.shapes import mask
from annota.domain.shapes.base import BBox, Shape
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry

from .strategies import bool_arrays

# No subnormal floats: GEOS, the oracle, mis-rotates boxes with coordinates near 1e-308 (annota
# does not: `rectangle_iou` of (0, 2e-309, 1, 1) rotated 2e-308° against its 1°-rotated copy equals the
# clean case's, which GEOS gets right).
small = st.floats(0, 100, allow_nan=False, allow_subnormal=False)
side = st.floats(0.5, 50, allow_nan=False)


@st.composite
def boxes(draw: st.DrawFn) -> BBox:
    x, y = draw(small), draw(small)
    return x, y, x + draw(side), y + draw(side)


def test_box_iou_of_hand_computed_boxes() -> None:
    assert box_iou((0, 0, 2, 2), (1, 1, 3, 3)) == pytest.approx(1 / 7)
    assert box_iou((0, 0, 2, 2), (0, 0, 2, 2)) == 1.0
    assert box_iou((0, 0, 4, 4), (1, 1, 3, 3)) == pytest.approx(4 / 16)
    assert box_iou((0, 0, 1, 1), (1, 0, 2, 1)) == 0.0  # touching edges share no area


def test_box_iou_matrix_matches_pairwise_box_iou_by_hand() -> None:
    a = np.array([[0, 0, 2, 2], [0, 0, 4, 4]])
    b = np.array([[1, 1, 3, 3], [10, 10, 11, 11], [0, 0, 2, 2]])
    expected = np.array([[1 / 7, 0.0, 1.0], [4 / 16, 0.0, 4 / 16]])
    np.testing.assert_allclose(box_iou_matrix(a, b), expected)


@settings(max_examples=50)
@given(st.lists(boxes(), min_size=1, max_size=5), st.lists(boxes(), min_size=1, max_size=5))
def test_box_iou_matrix_agrees_with_shapely(a: list[BBox], b: list[BBox]) -> None:
    matrix = box_iou_matrix(np.array(a), np.array(b))
    assert matrix.shape == (len(a), len(b))
    for i, ba in enumerate(a):
        for j, bb in enumerate(b):
            expected = shapely_iou(shapely.box(*ba), shapely.box(*bb))
            assert matrix[i, j] == pytest.approx(expected, abs=1e-9)
            assert box_iou(ba, bb) == pytest.approx(expected, abs=1e-9)


def test_box_iou_matrix_of_empty_inputs_has_an_empty_dimension() -> None:
    assert box_iou_matrix(np.zeros((0, 4)), np.array([[0, 0, 1, 1]])).shape == (0, 1)


def test_degenerate_boxes_have_zero_iou() -> None:
    np.testing.assert_array_equal(box_iou_matrix(np.array([[1, 1, 1, 1]]), np.array([[1, 1, 1, 1]])), [[0.0]])


angles = st.floats(0, 359.9, allow_subnormal=False)


@given(boxes(), angles, boxes(), angles)
def test_rotated_rectangle_iou_agrees_with_shapely_rotated_boxes(
    a: BBox, ra: float, b: BBox, rb: float
) -> None:
    ga, gb = RectangleGeometry(*a, rotation=ra), RectangleGeometry(*b, rotation=rb)
    sa = shapely.affinity.rotate(shapely.box(*a), ra, origin="center")
    sb = shapely.affinity.rotate(shapely.box(*b), rb, origin="center")
    inter = sa.intersection(sb).area
    assert rectangle_iou(ga, gb) == pytest.approx(inter / (sa.area + sb.area - inter), abs=1e-9)


def test_a_square_and_itself_turned_45_degrees() -> None:
    # the overlap is a regular octagon with inradius 1, of area 8 (sqrt(2) - 1); each square has area 4
    a = RectangleGeometry(-1, -1, 1, 1)
    b = RectangleGeometry(-1, -1, 1, 1, 45.0)
    octagon = 8 * (math.sqrt(2) - 1)
    assert rectangle_iou(a, b) == pytest.approx(octagon / (8 - octagon))


def test_polygon_iou_agrees_with_shapely() -> None:
    a = PolygonGeometry((0, 0, 10, 0, 10, 10, 5, 3, 0, 10))
    b = PolygonGeometry((2, -2, 12, 1, 6, 12))
    sa = shapely.Polygon([(0, 0), (10, 0), (10, 10), (5, 3), (0, 10)])
    sb = shapely.Polygon([(2, -2), (12, 1), (6, 12)])
    expected = sa.intersection(sb).area / sa.union(sb).area
    assert polygon_iou(a, b) == pytest.approx(expected)


def test_a_self_intersecting_polygon_is_made_valid_not_rejected() -> None:
    bow_tie = PolygonGeometry((0, 0, 2, 2, 2, 0, 0, 2))
    assert 0.0 < polygon_iou(bow_tie, PolygonGeometry((0, 0, 2, 0, 2, 2, 0, 2))) <= 1.0


def test_ellipse_iou_of_concentric_circles_is_the_ratio_of_areas() -> None:
    small_circle, big_circle = EllipseGeometry(0, 0, 1, 1), EllipseGeometry(0, 0, 2, 2, 30.0)
    assert ellipse_iou(small_circle, big_circle) == pytest.approx(0.25, rel=1e-3)
    assert ellipse_iou(small_circle, small_circle) == pytest.approx(1.0)


def test_an_ellipse_turned_90_degrees_equals_the_swapped_radii() -> None:
    assert ellipse_iou(EllipseGeometry(5, 5, 4, 2, 90.0), EllipseGeometry(5, 5, 2, 4)) == pytest.approx(1.0)


@given(
    bool_arrays(max_side=10),
    st.integers(0, 5),
    st.integers(0, 5),
    bool_arrays(max_side=10),
    st.integers(0, 5),
    st.integers(0, 5),
)
def test_mask_iou_matches_pycocotools(
    a: np.ndarray, ax: int, ay: int, b: np.ndarray, bx: int, by: int
) -> None:
    ga, gb = mask.encode(a, ax, ay), mask.encode(b, bx, by)
    width, height = 16, 16
    rles = [
        coco_mask.frPyObjects(
            {"counts": mask.to_coco_counts(g, width, height), "size": [height, width]}, height, width
        )
        for g in (ga, gb)
    ]
    expected = coco_mask.iou([rles[0]], [rles[1]], [0])[0][0] if mask.area(ga) + mask.area(gb) else 0.0
    assert mask_iou(ga, gb) == pytest.approx(expected)


def test_a_mask_against_the_rectangle_it_fills_has_iou_one() -> None:
    filled = mask.encode(np.ones((3, 4), dtype=bool), 2, 5)
    assert geometry_iou(filled, RectangleGeometry(2, 5, 6, 8)) == pytest.approx(1.0)


def test_a_mask_against_a_polygon_uses_the_pixel_squares() -> None:
    half = mask.encode(np.array([[True, False]]), 0, 0)
    assert geometry_iou(half, PolygonGeometry((0, 0, 2, 0, 2, 1, 0, 1))) == pytest.approx(0.5)


def test_a_rectangle_against_a_polygon_goes_through_shapely() -> None:
    assert geometry_iou(RectangleGeometry(0, 0, 2, 2), PolygonGeometry((0, 0, 2, 0, 2, 2))) == pytest.approx(
        0.5
    )


def test_iou_of_a_polyline_is_undefined() -> None:
    with pytest.raises(IouUndefinedError, match="polyline"):
        geometry_iou(PolylineGeometry((0, 0, 1, 1)), RectangleGeometry(0, 0, 1, 1))


def test_shape_iou_compares_the_geometries() -> None:
    a = Shape("a", "rectangle", 1, 0, RectangleGeometry(0, 0, 2, 2))
    b = Shape("b", "rectangle", 2, 5, RectangleGeometry(1, 1, 3, 3))
    assert shape_iou(a, b) == pytest.approx(1 / 7)


def test_a_rotation_by_a_vanishing_angle_is_no_rotation() -> None:
    turned = RectangleGeometry(0, 1e-309, 1, 1, rotation=1e-308)
    other = RectangleGeometry(0, 0, 1, 1, rotation=1.0)

    assert rectangle_iou(turned, other) == pytest.approx(rectangle_iou(RectangleGeometry(0, 0, 1, 1), other))
