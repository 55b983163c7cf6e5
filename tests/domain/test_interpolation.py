"""annota.domain.interpolation: the rules of docs/interpolation.md that the shared vectors cannot show."""

from __future__ import annotations

from pathlib import Path

import pytest

from annota.domain.interpolation import expand, interpolate_geometry, shape_at
from annota.domain.interpolation.kinds import SEGMENTS
from annota.domain.interpolation.numeric import LinearPath, lerp, lerp_angle, shortest_turn
from annota.domain.interpolation.outline import aligned, correspond, positions
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import KINDS
from annota.domain.shapes.tag import TagGeometry
from annota.domain.tracks import Keyframe, Track

DOC = Path(__file__).resolve().parents[2] / "docs" / "interpolation.md"
BOX = RectangleGeometry(0.0, 0.0, 10.0, 10.0)


def box_track(*keyframes: Keyframe) -> Track:
    return Track("t", "rectangle", 1, keyframes)


def test_lerp_is_a_plus_difference_times_t() -> None:
    # a * (1 - t) + b * t gives 0.30000000000000004 here; the pinned formula gives 0.3
    assert lerp(0.1, 0.5, 0.5) == 0.1 + (0.5 - 0.1) * 0.5
    assert lerp(-3.0, 5.0, 0.25) == -1.0


def test_a_tiny_negative_angle_wraps_to_zero_not_to_360() -> None:
    r = lerp_angle(1e-30, 359.0, 0.5)  # turn -1.0: r = 1e-30 - 0.5, plain -0.5 + 360
    assert r == 359.5
    tiny = lerp_angle(5e-324, 359.9999999999999, 1e-3)  # r0 + d*t is a tiny negative number
    assert 0.0 <= tiny < 360.0
    assert tiny == 0.0


def test_an_exact_half_turn_is_clockwise_from_either_side() -> None:
    assert shortest_turn(0.0, 180.0) == 180.0
    assert shortest_turn(180.0, 0.0) == 180.0
    assert shortest_turn(90.0, 270.0) == 180.0


def test_linear_path_refuses_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="cannot pair 4 coordinates with 2"):
        LinearPath([0.0, 0.0, 1.0, 1.0], [0.0, 0.0])


def test_every_kind_with_geometry_has_an_interpolation_rule() -> None:
    assert set(SEGMENTS) == {name for name, ops in KINDS.items() if ops.HAS_GEOMETRY}


def test_docs_name_the_rule_of_every_kind_with_geometry() -> None:
    section = DOC.read_text(encoding="utf-8").split("## Geometry per kind")[1].split("\n## ")[0]
    for name in SEGMENTS:
        assert any(line.startswith(f"| {name} |") for line in section.splitlines()), name


def test_interpolating_two_kinds_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot interpolate a rectangle toward a ellipse"):
        interpolate_geometry(BOX, EllipseGeometry(0.0, 0.0, 1.0, 1.0), 0.5)


def test_a_tag_has_nothing_to_interpolate() -> None:
    with pytest.raises(TypeError, match="a tag has no geometry to interpolate"):
        interpolate_geometry(TagGeometry(), TagGeometry(), 0.5)


def test_a_polygon_closing_on_itself_holds_the_previous_keyframe() -> None:
    a = PolygonGeometry((0.0, 0.0, 10.0, 5.0, 20.0, 0.0))
    b = PolygonGeometry((20.0, 0.0, 10.0, 15.0, 0.0, 0.0))
    assert interpolate_geometry(a, b, 0.5) is a
    assert interpolate_geometry(a, b, 0.25) == PolygonGeometry((5.0, 0.0, 10.0, 7.5, 15.0, 0.0))


def test_expand_reports_a_bad_step_and_a_reversed_range_together() -> None:
    with pytest.raises(DomainValidationError) as caught:
        expand(box_track(Keyframe(0, BOX)), 5, 4, 0)
    assert [(p.loc, p.type) for p in caught.value.problems] == [
        (("step",), ProblemType.OUT_OF_RANGE),
        (("stop",), ProblemType.BOUNDS_ORDER),
    ]


def test_state_attributes_are_read_only() -> None:
    state = shape_at(box_track(Keyframe(0, BOX, attributes={"a": 1})), 3)
    assert state is not None
    with pytest.raises(TypeError):
        state.attributes["a"] = 2  # type: ignore[index]


def test_shape_at_does_not_build_a_correspondence_it_does_not_need(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("segment built")

    monkeypatch.setattr("annota.domain.interpolation.state.segment", fail)
    track = box_track(Keyframe(0, BOX), Keyframe(4, BOX, outside=True), Keyframe(8, BOX))
    assert [shape_at(track, f) is not None for f in (0, 4, 6, 8, 9)] == [True] * 5


def test_expand_builds_each_segment_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import annota.domain.interpolation.state as state_module

    built: list[tuple[float, float]] = []
    real = state_module.segment

    def counting(a: RectangleGeometry, b: RectangleGeometry) -> object:
        built.append((a.x1, b.x1))
        return real(a, b)

    monkeypatch.setattr(state_module, "segment", counting)
    track = box_track(Keyframe(0, BOX), Keyframe(10, RectangleGeometry(10.0, 0.0, 20.0, 10.0)))
    assert len(expand(track, 0, 20)) == 21
    assert built == [(0.0, 10.0)]


def test_equal_counts_are_paired_by_index_without_reordering() -> None:
    a = (0.0, 0.0, 10.0, 0.0, 10.0, 10.0)
    b = (10.0, 10.0, 0.0, 0.0, 10.0, 0.0)
    assert correspond(a, b, closed=True) == (list(a), list(b))


def test_polygon_positions_end_before_one_and_polyline_positions_at_one() -> None:
    square = (0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0)
    assert positions(square, closed=True) == [0.0, 0.25, 0.5, 0.75]
    assert positions(square, closed=False) == [0.0, 1 / 3, 2 / 3, 1.0]


def test_alignment_keeps_the_start_and_direction_when_they_already_match() -> None:
    a = (0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0)
    b = (20.0, 0.0, 25.0, 0.0, 30.0, 0.0, 30.0, 10.0, 20.0, 10.0)
    assert aligned(a, b) == list(b)


def test_alignment_picks_the_lowest_index_on_a_tie() -> None:
    a = (0.0, -1.0, 1.0, 0.5, -1.0, 0.5)  # mean (0, 0): its first vertex sits at offset (0, -1)
    b = (1.0, -1.0, 1.0, 1.0, -1.0, 1.0, -1.0, -1.0)  # vertices 0 and 3 are both 1 away from (0, -1)
    assert aligned(a, b) == list(b)


def test_alignment_reads_an_opposite_polygon_backwards_from_its_start() -> None:
    a = (0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0)
    b = (30.0, 10.0, 30.0, 0.0, 25.0, 0.0, 20.0, 0.0, 20.0, 10.0)
    assert aligned(a, b) == [20.0, 0.0, 25.0, 0.0, 30.0, 0.0, 30.0, 10.0, 20.0, 10.0]
