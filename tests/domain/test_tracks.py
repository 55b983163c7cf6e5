from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes.base import Source
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track, track_from_dict, track_to_dict

from .strategies import GEOMETRY_FIELDS

LABELS = {
    1: Label(
        "car",
        "#ff0000",
        LabelKind.ANY,
        (
            AttributeSpec("model", AttributeKind.TEXT, required=True),
            AttributeSpec("moving", AttributeKind.CHECKBOX, mutable=True, required=True),
        ),
    ),
    2: Label(
        "person", "#00ff00", LabelKind.SKELETON, skeleton=SkeletonTemplate((SkeletonPoint("head", 0, 0),))
    ),
}


def keyframe(frame: int, **overrides: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "frame": frame,
        "outside": False,
        "occluded": False,
        "attributes": {},
        "source": "manual",
        "points": [0.0, 0.0, 10.0, 10.0],
        "rotation": 0.0,
    }
    d.update(overrides)
    return d


def track(*keyframes: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": "t1",
        "kind": "rectangle",
        "label_id": 1,
        "attributes": {},
        "group": None,
        "source": "manual",
        "z_order": 0,
        "keyframes": list(keyframes) or [keyframe(0)],
    }
    d.update(overrides)
    return d


def problems(d: Any, labels: Any = None) -> list[tuple[Any, str]]:
    with pytest.raises(DomainValidationError) as info:
        track_from_dict(d, ("tracks", 2), labels)
    return [(p.loc, p.type) for p in info.value.problems]


@st.composite
def track_dicts(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(GEOMETRY_FIELDS)))
    frames = sorted(draw(st.sets(st.integers(0, 1000), min_size=1, max_size=4)))
    keyframes = []
    for frame in frames:
        k = {
            "frame": frame,
            "outside": draw(st.booleans()),
            "occluded": draw(st.booleans()),
            "attributes": draw(st.dictionaries(st.sampled_from(["a", "b"]), st.booleans())),
            "source": draw(st.sampled_from(["manual", "tracker"])),
        }
        k.update(draw(GEOMETRY_FIELDS[kind]))
        keyframes.append(k)
    return track(
        *keyframes, kind=kind, group=draw(st.none() | st.integers(0, 9)), z_order=draw(st.integers(-3, 3))
    )


@settings(max_examples=50)
@given(track_dicts())
def test_track_to_dict_inverts_track_from_dict(d: dict[str, Any]) -> None:
    assert track_to_dict(track_from_dict(d)) == d


def test_a_track_holds_its_keyframes_in_frame_order() -> None:
    t = track_from_dict(track(keyframe(0), keyframe(5, outside=True, source="tracker")))
    assert t.keyframe_frames == (0, 5)
    assert t.first_frame == 0
    assert t.keyframe_at(5) == Keyframe(
        5, RectangleGeometry(0, 0, 10, 10), outside=True, source=Source.TRACKER
    )
    assert t.keyframe_at(3) is None


def test_a_track_needs_a_keyframe() -> None:
    assert problems(track(keyframes=[])) == [(("tracks", 2, "keyframes"), ProblemType.TOO_SHORT)]
    assert problems(track(keyframes={})) == [(("tracks", 2, "keyframes"), ProblemType.LIST_TYPE)]


def test_keyframes_must_be_sorted_with_unique_frames() -> None:
    assert problems(track(keyframe(4), keyframe(2), keyframe(4))) == [
        (("tracks", 2, "keyframes", 1, "frame"), ProblemType.NOT_SORTED),
        (("tracks", 2, "keyframes", 2, "frame"), ProblemType.DUPLICATE),
    ]


def test_keyframe_geometry_problems_are_located_by_keyframe() -> None:
    assert problems(track(keyframe(0), keyframe(1, points=[5, 5, 1, 1]), keyframe(2, rotation="x"))) == [
        (("tracks", 2, "keyframes", 1, "points"), ProblemType.BOUNDS_ORDER),
        (("tracks", 2, "keyframes", 2, "rotation"), ProblemType.NUMBER_TYPE),
    ]


def test_keyframes_hold_the_geometry_fields_of_the_track_kind() -> None:
    assert problems(track(keyframe(0, visibility=["visible"]))) == [
        (("tracks", 2, "keyframes", 0, "visibility"), ProblemType.EXTRA_FORBIDDEN)
    ]


def test_mask_tracks_are_allowed_and_tag_tracks_are_not() -> None:
    mask_keyframe = {"frame": 0, "bbox": [0, 0, 2, 1], "rle": [1, 1]}
    assert track_from_dict(track(mask_keyframe, kind="mask")).kind == "mask"
    assert problems(track(kind="tag")) == [(("tracks", 2, "kind"), ProblemType.NOT_SPATIAL)]


def test_labels_put_immutable_attributes_on_the_track_and_mutable_ones_on_keyframes() -> None:
    good = track(keyframe(0, attributes={"moving": True}), keyframe(9), attributes={"model": "T"})
    assert track_from_dict(good, (), LABELS).attributes == {"model": "T"}
    bad = track(keyframe(0, attributes={"model": "T"}), attributes={"moving": True})
    assert problems(bad, LABELS) == [
        (("tracks", 2, "attributes", "moving"), ProblemType.ATTRIBUTE_SCOPE),
        (("tracks", 2, "attributes", "model"), ProblemType.MISSING),
        (("tracks", 2, "keyframes", 0, "attributes", "model"), ProblemType.ATTRIBUTE_SCOPE),
        (("tracks", 2, "keyframes", 0, "attributes", "moving"), ProblemType.MISSING),
    ]


def test_labels_check_each_skeleton_keyframe_against_the_template() -> None:
    skeleton_keyframe = {"frame": 0, "points": [0, 0, 1, 1], "visibility": ["visible", "visible"]}
    assert problems(track(skeleton_keyframe, kind="skeleton", label_id=2), LABELS) == [
        (("tracks", 2, "keyframes", 0, "points"), ProblemType.SKELETON)
    ]


def test_track_constructor_refuses_unsorted_keyframes_and_foreign_geometry() -> None:
    g = RectangleGeometry(0, 0, 1, 1)
    with pytest.raises(DomainValidationError):
        Track("t", "rectangle", 1, (Keyframe(3, g), Keyframe(1, g)))
    with pytest.raises(DomainValidationError):
        Track("t", "ellipse", 1, (Keyframe(0, g),))
    with pytest.raises(DomainValidationError):
        Track("t", "rectangle", 1, ())
