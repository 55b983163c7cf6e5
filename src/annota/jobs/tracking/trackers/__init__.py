"""Trackers: one module per family, one line each in `TRACKERS`.

A `Follower` is started on an image with a geometry and then follows it image by image; ``None``
means the object was lost. Images are upright H x W x 3 uint8 RGB arrays of the task's frames.

OpenCV is imported when a tracker is made, not with this registry: the API checks tracking requests
against it, and every `annota` command would otherwise pay for loading OpenCV.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from annota.domain.shapes.base import Geometry


class Follower(Protocol):
    def start(self, image: np.ndarray, geometry: Geometry) -> None: ...

    def follow(self, image: np.ndarray) -> Geometry | None: ...


@dataclass(frozen=True, slots=True)
class TrackerSpec:
    name: str
    kind: str  # the shape kind it follows
    make: Callable[[], Follower]


def _box(algorithm: str) -> Follower:
    from annota.jobs.tracking.trackers.boxes import BoxFollower

    return BoxFollower(algorithm)


def _flow() -> Follower:
    from annota.jobs.tracking.trackers.flow import PointsFollower

    return PointsFollower()


TRACKERS: Mapping[str, TrackerSpec] = {
    "csrt": TrackerSpec("csrt", "rectangle", lambda: _box("csrt")),
    "kcf": TrackerSpec("kcf", "rectangle", lambda: _box("kcf")),
    "mil": TrackerSpec("mil", "rectangle", lambda: _box("mil")),
    "optical_flow": TrackerSpec("optical_flow", "points", _flow),
}
