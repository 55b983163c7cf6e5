"""Per-skill exam scores: each skill compares the objects of its kind only."""

from __future__ import annotations

from annota.domain.quality import FrameObject, Origin
from annota.domain.quality.skills import skill_scores
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry


def box(id: str, x: float, origin: Origin = Origin.SHAPE) -> FrameObject:
    return FrameObject(id, 0, "rectangle", 1, RectangleGeometry(x, 0, x + 10, 10), origin=origin)


def square(id: str, x: float) -> FrameObject:
    return FrameObject(id, 0, "polygon", 1, PolygonGeometry((x, 0, x + 10, 0, x + 10, 10, x, 10)))


def test_boxes_right_and_polygons_wrong_score_apart() -> None:
    reference = {0: [box("r1", 0), square("r2", 50)]}
    annotated = {0: [box("a1", 0), square("a2", 200)]}

    assert skill_scores(annotated, reference, [0]) == {"boxes": 1.0, "polygons": 0.0}


def test_tracks_are_graded_as_tracking_not_as_boxes() -> None:
    reference = {0: [box("t", 0, Origin.TRACK)]}
    annotated = {0: [box("u", 0, Origin.TRACK)]}

    assert skill_scores(annotated, reference, [0]) == {"tracking": 1.0}
