import math

import numpy as np
import pytest

from annota.domain import planar


@pytest.mark.parametrize(
    ("degrees", "normalised"),
    [(0.0, 0.0), (360.0, 0.0), (-90.0, 270.0), (725.0, 5.0), (-1e-20, 0.0), (-0.0, 0.0)],
)
def test_normalize_degrees_lands_in_zero_to_360_excluded(degrees: float, normalised: float) -> None:
    result = planar.normalize_degrees(degrees)
    assert result == normalised
    assert 0.0 <= result < 360.0
    assert math.copysign(1.0, result) == 1.0


def test_cos_sin_is_exact_at_right_angles() -> None:
    assert planar.cos_sin(90.0) == (0.0, 1.0)
    assert planar.cos_sin(-90.0) == (0.0, -1.0)
    assert planar.cos_sin(180.0) == (-1.0, 0.0)


def test_rotation_by_90_degrees_turns_right_into_down_on_screen() -> None:
    xs, ys = planar.rotate_about(np.array([1.0]), np.array([0.0]), 0.0, 0.0, 90.0)
    assert (xs[0], ys[0]) == (0.0, 1.0)


def test_to_local_undoes_rotate_about() -> None:
    xs, ys = planar.rotate_about(np.array([13.0]), np.array([-4.0]), 2.0, 3.0, 33.0)
    lx, ly = planar.to_local(float(xs[0]), float(ys[0]), 2.0, 3.0, 33.0)
    assert (lx, ly) == pytest.approx((11.0, -7.0))


def test_distance_to_polyline_measures_to_the_nearest_segment() -> None:
    xs, ys = np.array([0.0, 10.0, 10.0]), np.array([0.0, 0.0, 10.0])
    assert planar.distance_to_polyline(5.0, 3.0, xs, ys, closed=False) == 3.0
    assert planar.distance_to_polyline(-3.0, -4.0, xs, ys, closed=False) == 5.0
    # the closing edge runs from (10, 10) back to (0, 0)
    assert planar.distance_to_polyline(2.0, 2.0, xs, ys, closed=True) == 0.0


def test_inside_polygon_uses_the_even_odd_rule() -> None:
    xs, ys = np.array([0.0, 10.0, 10.0, 0.0]), np.array([0.0, 0.0, 10.0, 10.0])
    assert planar.inside_polygon(5.0, 5.0, xs, ys)
    assert not planar.inside_polygon(15.0, 5.0, xs, ys)


def test_shoelace_area_ignores_vertex_order() -> None:
    xs, ys = np.array([0.0, 4.0, 4.0, 0.0]), np.array([0.0, 0.0, 3.0, 3.0])
    assert planar.shoelace_area(xs, ys) == 12.0
    assert planar.shoelace_area(xs[::-1], ys[::-1]) == 12.0
