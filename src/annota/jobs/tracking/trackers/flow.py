"""Points followed by pyramidal Lucas-Kanade optical flow, checked forwards and backwards.

A point whose flow is lost, or does not come back to where it started when tracked backwards
(more than `FB_MAX_PX`), moves with the median motion of the points that were followed. When
fewer than half are followed, the object is lost.
"""

from __future__ import annotations

import cv2
import numpy as np

from annota.domain.shapes.base import Geometry
from annota.domain.shapes.points import PointsGeometry

WINDOW = (21, 21)
LEVELS = 3
STOP = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01)
FB_MAX_PX = 1.5


class PointsFollower:
    def __init__(self) -> None:
        self._gray: np.ndarray | None = None
        self._points: np.ndarray | None = None

    def start(self, image: np.ndarray, geometry: Geometry) -> None:
        if not isinstance(geometry, PointsGeometry):
            raise TypeError(f"optical flow follows points, not {type(geometry).__name__}")
        self._gray = _gray(image)
        self._points = np.asarray(geometry.points, dtype=np.float32).reshape(-1, 1, 2)

    def follow(self, image: np.ndarray) -> Geometry | None:
        assert self._gray is not None and self._points is not None, "start() first"
        gray = _gray(image)
        ahead, status = _flow(self._gray, gray, self._points)
        back, back_status = _flow(gray, self._gray, ahead)
        error = np.linalg.norm((back - self._points).reshape(-1, 2), axis=1)
        good = (status.ravel() == 1) & (back_status.ravel() == 1) & (error <= FB_MAX_PX)
        if good.sum() * 2 < len(good):
            return None
        motion = np.median((ahead - self._points).reshape(-1, 2)[good], axis=0)
        moved = np.where(good[:, None], ahead.reshape(-1, 2), self._points.reshape(-1, 2) + motion)
        self._gray, self._points = gray, moved.astype(np.float32).reshape(-1, 1, 2)
        return PointsGeometry(tuple(float(v) for v in moved.ravel()))


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def _flow(before: np.ndarray, after: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    found = np.empty_like(points)
    moved, status, _ = cv2.calcOpticalFlowPyrLK(
        before, after, points, found, winSize=WINDOW, maxLevel=LEVELS, criteria=STOP
    )
    return np.asarray(moved, dtype=np.float32), np.asarray(status)
