"""Consensus objects linked back into tracks: by shared member tracks, one object per frame, one label;
keyframes on every frame, `outside` after gaps and at the end, attributes split by mutability."""

from __future__ import annotations

from typing import Any

from annota.domain.quality import FrameObject
from annota.domain.quality.consensus import merge
from annota.domain.quality.consensus_tracks import link_tracks
from annota.domain.quality.objects import Origin
from annota.domain.shapes.rectangle import RectangleGeometry

FRAMES = range(6)


def state(track: str, frame: int, x: float, label: int = 1, **attributes: Any) -> FrameObject:
    geometry = RectangleGeometry(x, 0, x + 10, 10)
    return FrameObject(track, frame, "rectangle", label, geometry, attributes, origin=Origin.TRACK)


def replica(*objects: FrameObject) -> dict[int, list[FrameObject]]:
    out: dict[int, list[FrameObject]] = {frame: [] for frame in FRAMES}
    for o in objects:
        out[o.frame].append(o)
    return out


def test_three_annotators_tracking_one_car_give_one_track_with_a_keyframe_per_frame() -> None:
    replicas = [
        replica(*(state("a", f, 10 * f, parked="no", lights="on") for f in range(4))),
        replica(
            *(state("b", f, 10 * f + 1, parked="no", lights="off" if f == 2 else "on") for f in range(4))
        ),
        replica(
            *(state("c", f, 10 * f + 0.5, parked="no", lights="off" if f == 2 else "on") for f in range(4))
        ),
    ]

    linked = link_tracks(merge(replicas, FRAMES), last_frame=5, mutable={1: frozenset({"lights"})})

    (track,) = linked.tracks
    assert linked.objects == ()
    assert (track.kind, track.label_id, dict(track.attributes)) == ("rectangle", 1, {"parked": "no"})
    assert [(k.frame, k.outside) for k in track.keyframes] == [(f, False) for f in range(4)] + [(4, True)]
    assert [k.attributes["lights"] for k in track.keyframes[:4]] == ["on", "on", "off", "on"]
    assert track.keyframes[1].geometry == RectangleGeometry(10.5, 0, 20.5, 10)  # c's: the medoid


def test_a_track_dropped_by_the_vote_on_some_frames_gets_outside_keyframes_at_the_gaps() -> None:
    # frames 2 and 3: one replica of three sees it, under the quorum; the job ends at frame 5
    replicas = [
        replica(*(state("a", f, 0) for f in range(6))),
        replica(*(state("b", f, 1) for f in (0, 1, 4, 5))),
        replica(*(state("c", f, 2) for f in (0, 1, 4, 5))),
    ]

    (track,) = link_tracks(merge(replicas, FRAMES), last_frame=5, mutable={}).tracks

    assert [(k.frame, k.outside) for k in track.keyframes] == [
        (0, False), (1, False), (2, True), (4, False), (5, False),
    ]  # fmt: skip


def test_shapes_stay_shapes_and_two_tracks_stay_two() -> None:
    box = FrameObject("s", 0, "rectangle", 2, RectangleGeometry(200, 0, 210, 10), {})
    replicas = [
        replica(*(state("a1", f, 0) for f in range(2)), *(state("a2", f, 100) for f in range(2)), box),
        replica(*(state("b1", f, 0) for f in range(2)), *(state("b2", f, 100) for f in range(2)),
                FrameObject("t", 0, "rectangle", 2, RectangleGeometry(201, 0, 211, 10), {})),
    ]  # fmt: skip

    linked = link_tracks(merge(replicas, FRAMES), last_frame=5, mutable={})

    assert sorted(t.keyframes[0].geometry.x1 for t in linked.tracks) == [0, 100]  # type: ignore[attr-defined]
    assert [(o.object.frame, o.object.label_id) for o in linked.objects] == [(0, 2)]


def test_replicas_that_joined_two_objects_into_one_track_leave_them_per_frame() -> None:
    # replica b's track "b" follows the left car on frame 0 and the right one on frame 1, while a's
    # tracks keep them apart: linking by members makes one group with two objects on a frame
    replicas = [
        replica(state("left", 0, 0), state("left", 1, 0), state("right", 0, 100), state("right", 1, 100)),
        replica(state("b", 0, 0), state("b", 1, 100), state("x", 0, 100), state("y", 1, 0)),
    ]

    linked = link_tracks(merge(replicas, FRAMES), last_frame=5, mutable={})

    assert linked.tracks == ()
    assert sorted((o.object.frame, o.object.geometry.x1) for o in linked.objects) == [  # type: ignore[union-attr]
        (0, 0), (0, 100), (1, 0), (1, 100),
    ]  # fmt: skip
