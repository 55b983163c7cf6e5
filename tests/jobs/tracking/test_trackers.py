"""The trackers on a scene whose truth is known: a textured square moving over a textured background."""

from __future__ import annotations

import numpy as np
import pytest

from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.jobs.tracking.trackers import TRACKERS
from tests.jobs.scenes import Scene, iou

SCENE = Scene(frames=40)


@pytest.mark.parametrize("name", ["csrt", "kcf", "mil"])
def test_a_box_tracker_stays_on_the_moving_square(name: str) -> None:
    follower = TRACKERS[name].make()
    follower.start(SCENE.picture(0), RectangleGeometry(*SCENE.truth(0)))

    overlaps = []
    for frame in range(1, SCENE.frames):
        found = follower.follow(SCENE.picture(frame))
        assert isinstance(found, RectangleGeometry), frame
        overlaps.append(iou((found.x1, found.y1, found.x2, found.y2), SCENE.truth(frame)))

    assert min(overlaps) >= 0.7 and float(np.mean(overlaps)) >= 0.8, overlaps


def test_a_rotated_rectangle_keeps_its_rotation_and_moves_with_the_box() -> None:
    x1, y1, x2, y2 = SCENE.truth(0)
    follower = TRACKERS["kcf"].make()
    follower.start(SCENE.picture(0), RectangleGeometry(x1 + 6, y1 + 6, x2 - 6, y2 - 6, 45.0))

    for frame in range(1, 6):
        found = follower.follow(SCENE.picture(frame))

    assert isinstance(found, RectangleGeometry) and found.rotation == 45.0
    tx1, ty1, tx2, ty2 = SCENE.truth(5)
    assert abs(found.center[0] - (tx1 + tx2) / 2) < 4.5 and abs(found.center[1] - (ty1 + ty2) / 2) < 4.5


def test_optical_flow_follows_points_on_the_square() -> None:
    follower = TRACKERS["optical_flow"].make()
    follower.start(SCENE.picture(0), PointsGeometry(tuple(SCENE.corners(0))))

    for frame in range(1, SCENE.frames):
        found = follower.follow(SCENE.picture(frame))
        assert isinstance(found, PointsGeometry)
        assert np.abs(np.array(found.points) - np.array(SCENE.corners(frame))).max() < 1.5, frame


def test_optical_flow_loses_points_whose_picture_is_gone() -> None:
    follower = TRACKERS["optical_flow"].make()
    follower.start(SCENE.picture(0), PointsGeometry(tuple(SCENE.corners(0))))

    assert follower.follow(np.zeros_like(SCENE.picture(1))) is None


def test_a_rectangle_outside_the_picture_cannot_be_tracked() -> None:
    follower = TRACKERS["kcf"].make()

    with pytest.raises(ValueError, match="outside the image"):
        follower.start(SCENE.picture(0), RectangleGeometry(1000, 1000, 1040, 1040))
