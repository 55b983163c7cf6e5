"""How a tracker's run enters a track: the re-tracking rules."""

from __future__ import annotations

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track
from annota.jobs.tracking.keyframes import anchors_after, apply_run, last_correction, track_of_shape

MANUAL, TRACKER = Source.MANUAL, Source.TRACKER


def box(x: float) -> RectangleGeometry:
    return RectangleGeometry(x, 0, x + 10, 10)


def key(frame: int, source: Source = MANUAL, *, outside: bool = False) -> Keyframe:
    return Keyframe(frame, box(frame), outside=outside, source=source)


def track(*keyframes: Keyframe) -> Track:
    return Track("t", "rectangle", 1, keyframes)


def frames(t: Track) -> list[tuple[int, str]]:
    return [(k.frame, k.source.value) for k in t.keyframes]


def test_a_run_replaces_the_trackers_keyframes_after_its_start_and_keeps_the_rest() -> None:
    stored = track(key(0), key(1, TRACKER), key(2, TRACKER), key(3), key(4, TRACKER), key(6, TRACKER))

    applied = apply_run(stored, 2, [key(3, TRACKER), key(4, TRACKER), key(5, TRACKER)])

    assert frames(applied) == [
        (0, "manual"), (1, "tracker"), (2, "tracker"), (3, "manual"), (4, "tracker"), (5, "tracker")
    ]  # fmt: skip


def test_a_kept_keyframe_wins_over_the_run_on_its_frame() -> None:
    stored = track(key(0), key(3))

    applied = apply_run(stored, 0, [key(f, TRACKER) for f in (1, 2, 3, 4)])

    assert applied.keyframe_at(3) == key(3)
    assert frames(applied) == [(0, "manual"), (1, "tracker"), (2, "tracker"), (3, "manual"), (4, "tracker")]


def test_applying_the_same_run_again_changes_nothing() -> None:
    run = [key(f, TRACKER) for f in (1, 2)]
    once = apply_run(track(key(0)), 0, run)

    assert apply_run(once, 0, run) == once
    assert apply_run(once, 0, run[:1]).keyframes == once.keyframes[:2]  # a shorter run: its own result


def test_tracking_starts_from_the_last_correction_and_restarts_on_later_ones() -> None:
    stored = track(key(0), key(1, TRACKER), key(5), key(6, TRACKER), key(8, outside=True), key(9, TRACKER))

    assert last_correction(stored) == key(5)
    assert last_correction(track(key(0, TRACKER))) is None
    assert sorted(anchors_after(stored, 0)) == [5, 8]


def test_a_single_frame_shape_becomes_a_one_keyframe_track_with_its_attributes_split() -> None:
    label = Label(
        id=1, name="car", color="#ff0000", kind=LabelKind.RECTANGLE,
        attributes=(
            AttributeSpec("make", AttributeKind.TEXT),
            AttributeSpec("parked", AttributeKind.CHECKBOX, mutable=True),
        ),
    )  # fmt: skip
    shape = Shape(
        "s", "rectangle", 1, 7, box(3), z_order=2, occluded=True, attributes={"make": "vw", "parked": True}
    )

    made = track_of_shape(shape, "new-id", label)

    assert (made.id, made.kind, made.label_id, made.z_order, made.attributes) == (
        "new-id",
        "rectangle",
        1,
        2,
        {"make": "vw"},
    )
    assert made.keyframes == (Keyframe(7, box(3), False, True, {"parked": True}, MANUAL),)
