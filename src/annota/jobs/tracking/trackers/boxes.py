"""Rectangles followed by OpenCV's single-object trackers: CSRT (accurate, slow), KCF (fast), MIL.

The tracker follows the rectangle's axis-aligned bounding box, in whole pixels. The rectangle (sub-pixel,
maybe rotated) moves by the box's shift and scales with the box's sides, keeping its rotation (CSRT
estimates scale, KCF and MIL keep it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from annota.domain.shapes.base import Geometry
from annota.domain.shapes.rectangle import RectangleGeometry, bbox

CREATE: dict[str, Callable[[], Any]] = {
    "csrt": cv2.TrackerCSRT.create,
    "kcf": cv2.TrackerKCF.create,
    "mil": cv2.TrackerMIL.create,
}
MIN_SIDE_PX = 2


class BoxFollower:
    def __init__(self, algorithm: str) -> None:
        self._create = CREATE[algorithm]
        self._tracker: Any = None
        self._shape: RectangleGeometry | None = None
        self._box: tuple[int, int, int, int] = (0, 0, 0, 0)

    def start(self, image: np.ndarray, geometry: Geometry) -> None:
        if not isinstance(geometry, RectangleGeometry):
            raise TypeError(f"a box tracker follows rectangles, not {type(geometry).__name__}")
        box = _pixel_box(bbox(geometry), image.shape[1], image.shape[0])
        if box is None:
            raise ValueError("the rectangle is outside the image or smaller than 2 pixels")
        self._tracker = self._create()
        self._tracker.init(image, box)
        self._shape, self._box = geometry, box

    def follow(self, image: np.ndarray) -> Geometry | None:
        assert self._tracker is not None and self._shape is not None, "start() first"
        ok, found = self._tracker.update(image)
        if not ok:
            return None
        x, y, w, h = (float(v) for v in found)
        if w < MIN_SIDE_PX or h < MIN_SIDE_PX:
            return None
        return _moved(self._shape, self._box, (x, y, w, h))


def _pixel_box(
    box: tuple[float, float, float, float], width: int, height: int
) -> tuple[int, int, int, int] | None:
    x1, y1 = max(0, round(box[0])), max(0, round(box[1]))
    x2, y2 = min(width, round(box[2])), min(height, round(box[3]))
    if x2 - x1 < MIN_SIDE_PX or y2 - y1 < MIN_SIDE_PX:
        return None
    return x1, y1, x2 - x1, y2 - y1


def _moved(
    shape: RectangleGeometry, start: tuple[int, int, int, int], found: tuple[float, float, float, float]
) -> RectangleGeometry:
    """`shape` carried as the box moved from `start` to `found`: same shift of centre, same scale."""
    x, y, w, h = found
    sx, sy = w / start[2], h / start[3]
    cx0, cy0 = shape.center
    cx = cx0 + (x + w / 2) - (start[0] + start[2] / 2)
    cy = cy0 + (y + h / 2) - (start[1] + start[3] / 2)
    half_w, half_h = shape.width * sx / 2, shape.height * sy / 2
    return RectangleGeometry(cx - half_w, cy - half_h, cx + half_w, cy + half_h, shape.rotation)
