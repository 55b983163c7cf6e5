"""Properties of annota.domain.interpolation over generated tracks (docs/interpolation.md)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from annota.domain import planar
from annota.domain.interpolation import expand, shape_at
from annota.domain.interpolation.numeric import shortest_turn
from annota.domain.interpolation.outline import aligned, correspond
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Track, track_from_dict

from .strategies import GEOMETRY_FIELDS, attribute_values, flat_points

SLACK = 1e-6  # the vectors' tolerance: a + (b - a) * t may pass b by an ulp
KINDS_WITH_GEOMETRY = sorted(GEOMETRY_FIELDS)


@st.composite
def tracks(draw: st.DrawFn, kind: str | None = None, min_keyframes: int = 1) -> Track:
    kind = kind or draw(st.sampled_from(KINDS_WITH_GEOMETRY))
    frames = sorted(draw(st.sets(st.integers(0, 40), min_size=min_keyframes, max_size=4)))
    keyframes: list[dict[str, Any]] = []
    for frame in frames:
        keyframe = {
            "frame": frame,
            "outside": draw(st.booleans()),
            "occluded": draw(st.booleans()),
            "attributes": draw(attribute_values),
            "source": draw(st.sampled_from(["manual", "tracker"])),
        }
        keyframe.update(draw(GEOMETRY_FIELDS[kind]))
        keyframes.append(keyframe)
    track = {"id": "t", "kind": kind, "label_id": 1, "keyframes": keyframes}
    return track_from_dict({**track, "attributes": draw(attribute_values)})


@given(tracks())
def test_every_keyframe_is_reproduced_exactly(track: Track) -> None:
    for keyframe in track.keyframes:
        state = shape_at(track, keyframe.frame)
        assert state is not None and state.keyframe
        assert state.geometry == keyframe.geometry
        assert (state.outside, state.occluded, state.source) == (
            keyframe.outside,
            keyframe.occluded,
            keyframe.source,
        )


@given(tracks(), st.integers(0, 50), st.integers(0, 50), st.integers(1, 7))
def test_expand_is_shape_at_on_every_sampled_frame(track: Track, start: int, length: int, step: int) -> None:
    stop = start + length
    by_frame = [shape_at(track, f) for f in range(start, stop + 1, step)]
    assert expand(track, start, stop, step) == [s for s in by_frame if s is not None]


@given(tracks())
def test_frames_between_keyframes_are_never_keyframes_and_step_from_the_previous_one(track: Track) -> None:
    first = track.keyframes[0].frame
    assert shape_at(track, first - 1) is None
    for previous, following in zip(track.keyframes, (*track.keyframes[1:], None), strict=True):
        stop = previous.frame + 3 if following is None else following.frame
        for frame in range(previous.frame + 1, stop):
            state = shape_at(track, frame)
            assert state is not None and not state.keyframe
            assert (state.outside, state.occluded, state.source) == (
                previous.outside,
                previous.occluded,
                previous.source,
            )
            if previous.outside or following is None:
                assert state.geometry == previous.geometry


def between(value: float, a: float, b: float) -> bool:
    return min(a, b) - SLACK <= value <= max(a, b) + SLACK


def on_shortest_arc(r: float, r0: float, r1: float) -> bool:
    """Whether rotation `r` lies on the shorter arc from `r0` to `r1`: the turns r0→r and r→r1 add up."""
    return abs(abs(shortest_turn(r0, r)) + abs(shortest_turn(r, r1)) - abs(shortest_turn(r0, r1))) <= SLACK


@given(tracks("rectangle", min_keyframes=2))
def test_boxes_stay_within_the_bounds_of_their_segment(track: Track) -> None:
    for a, b in zip(track.keyframes, track.keyframes[1:], strict=False):
        if a.outside:
            continue
        ga, gb = a.geometry, b.geometry
        assert isinstance(ga, RectangleGeometry) and isinstance(gb, RectangleGeometry)
        for frame in range(a.frame + 1, b.frame):
            g = shape_at(track, frame)
            assert g is not None and isinstance(g.geometry, RectangleGeometry)
            box = g.geometry
            assert between(box.x1, ga.x1, gb.x1) and between(box.x2, ga.x2, gb.x2)
            assert between(box.y1, ga.y1, gb.y1) and between(box.y2, ga.y2, gb.y2)
            assert 0.0 <= box.rotation < 360.0
            assert on_shortest_arc(box.rotation, ga.rotation, gb.rotation)


@given(tracks("ellipse", min_keyframes=2))
def test_ellipses_stay_within_the_bounds_of_their_segment(track: Track) -> None:
    for a, b in zip(track.keyframes, track.keyframes[1:], strict=False):
        if a.outside:
            continue
        ga, gb = a.geometry, b.geometry
        assert isinstance(ga, EllipseGeometry) and isinstance(gb, EllipseGeometry)
        for frame in range(a.frame + 1, b.frame):
            g = shape_at(track, frame)
            assert g is not None and isinstance(g.geometry, EllipseGeometry)
            e = g.geometry
            assert between(e.cx, ga.cx, gb.cx) and between(e.cy, ga.cy, gb.cy)
            assert between(e.rx, ga.rx, gb.rx) and between(e.ry, ga.ry, gb.ry)
            assert on_shortest_arc(e.rotation, ga.rotation, gb.rotation)


def keeps_outline(side: list[float], outline: tuple[float, ...] | list[float], *, closed: bool) -> bool:
    """`outline`'s vertices appear on `side` unmoved and in order; `side`'s other points lie on `outline`."""
    vertices = [tuple(outline[i : i + 2]) for i in range(0, len(outline), 2)]
    points = [tuple(side[i : i + 2]) for i in range(0, len(side), 2)]
    k = 0
    for p in points:
        if k < len(vertices) and p == vertices[k]:
            k += 1
    xs, ys = planar.split_xy(tuple(outline))
    scale = 1.0 + float(np.max(np.abs(outline)))
    on_outline = all(
        planar.distance_to_polyline(x, y, xs, ys, closed=closed) <= 1e-9 * scale for x, y in points
    )
    return k == len(vertices) and on_outline


@given(flat_points(3), flat_points(3), st.booleans())
def test_outlines_keep_every_vertex_of_both(a: list[float], b: list[float], closed: bool) -> None:
    side_a, side_b = correspond(a, b, closed=closed)
    assert len(side_a) == len(side_b) >= max(len(a), len(b))
    assert len(side_a) <= len(a) + len(b)
    b_read = aligned(a, b) if closed and len(a) != len(b) else b
    assert keeps_outline(side_a, a, closed=closed)
    assert keeps_outline(side_b, b_read, closed=closed)


@given(flat_points(3), flat_points(3))
def test_aligning_a_polygon_only_rotates_or_reverses_its_vertex_ring(a: list[float], b: list[float]) -> None:
    ring = [tuple(b[i : i + 2]) for i in range(0, len(b), 2)]
    got = aligned(a, b)
    read = [tuple(got[i : i + 2]) for i in range(0, len(got), 2)]
    m = len(ring)
    rotations = [[ring[(s + i) % m] for i in range(m)] for s in range(m)]
    reversals = [[ring[(s - i) % m] for i in range(m)] for s in range(m)]
    assert read in rotations + reversals
