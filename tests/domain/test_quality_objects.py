from __future__ import annotations

from typing import Any

import pytest

from annota.domain.document import document_from_dict
from annota.domain.problems import DomainValidationError
from annota.domain.quality import Origin, frame_objects, frame_objects_from_wire
from annota.domain.shapes.rectangle import RectangleGeometry

WIRE: dict[str, Any] = {
    "revision": 3,
    "shapes": [
        {"id": "s0", "kind": "rectangle", "label_id": 1, "frame": 0, "points": [0, 0, 10, 10], "rotation": 0},
        {"id": "s1", "kind": "polygon", "label_id": 1, "frame": 2, "points": [0, 0, 4, 0, 4, 4], "group": 2},
        {"id": "gone", "kind": "points", "label_id": 1, "frame": 1, "points": [1, 1], "outside": True},
        {"id": "late", "kind": "points", "label_id": 1, "frame": 9, "points": [1, 1]},
    ],
    "tracks": [
        {
            "id": "t",
            "kind": "rectangle",
            "label_id": 2,
            "attributes": {"make": "x"},
            "keyframes": [
                {"frame": 0, "points": [0, 0, 10, 10], "rotation": 0},
                {"frame": 2, "points": [20, 0, 30, 10], "rotation": 0, "attributes": {"speed": 3}},
                {"frame": 3, "points": [20, 0, 30, 10], "rotation": 0, "outside": True},
            ],
        },
    ],
    "tags": [{"id": "day", "label_id": 3, "frame": 1, "stop_frame": 5}],
}


def summary(objects: dict[int, list[Any]]) -> dict[int, list[tuple[str, str, Origin]]]:
    return {frame: sorted((o.id, o.kind, o.origin) for o in found) for frame, found in objects.items()}


def test_frame_objects_hold_shapes_track_states_and_tags_of_each_frame() -> None:
    objects = frame_objects(document_from_dict(WIRE), range(0, 5))
    assert summary(objects) == {
        0: [("s0", "rectangle", Origin.SHAPE), ("t", "rectangle", Origin.TRACK)],
        1: [("day", "tag", Origin.TAG), ("t", "rectangle", Origin.TRACK)],
        2: [("day", "tag", Origin.TAG), ("s1", "polygon", Origin.SHAPE), ("t", "rectangle", Origin.TRACK)],
        3: [("day", "tag", Origin.TAG)],  # the track is outside from frame 3 on
        4: [("day", "tag", Origin.TAG)],
    }


def test_a_track_state_between_keyframes_is_interpolated_with_its_attributes_in_force() -> None:
    objects = frame_objects(document_from_dict(WIRE), [1, 2])
    state = next(o for o in objects[1] if o.id == "t")
    assert state.geometry == RectangleGeometry(10.0, 0.0, 20.0, 10.0)
    assert dict(state.attributes) == {"make": "x"}
    assert dict(next(o for o in objects[2] if o.id == "t").attributes) == {"make": "x", "speed": 3}


def test_stored_documents_give_the_same_objects_as_parsed_ones() -> None:
    frames = range(0, 10)
    assert frame_objects_from_wire(WIRE, frames) == frame_objects(document_from_dict(WIRE), frames)


def test_a_bad_stored_geometry_is_reported_where_it_is() -> None:
    broken = {**WIRE, "shapes": [WIRE["shapes"][0], {**WIRE["shapes"][1], "points": [0, 0, 1, 1]}]}
    with pytest.raises(DomainValidationError) as error:
        frame_objects_from_wire(broken, range(5))
    assert [p.loc for p in error.value.problems] == [("shapes", 1, "points")]
