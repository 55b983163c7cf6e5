"""Trackers: one module per family, one line each in `TRACKERS`.

A `Follower` is started on an image with a geometry and then follows it image by image; ``None``
means the object was lost. Images are upright H x W x 3 uint8 RGB arrays of the task's frames.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from annota.domain.shapes.base import Geometry
from annota.jobs.tracking.trackers import boxes, flow


class Follower(Protocol):
    def start(self, image: np.ndarray, geometry: Geometry) -> None: ...

    def follow(self, image: np.ndarray) -> Geometry | None: ...


@dataclass(frozen=True, slots=True)
class TrackerSpec:
    name: str
    kind: str  # the shape kind it follows
    make: Callable[[], Follower]


TRACKERS: Mapping[str, TrackerSpec] = {
    "csrt": TrackerSpec("csrt", "rectangle", lambda: boxes.BoxFollower("csrt")),
    "kcf": TrackerSpec("kcf", "rectangle", lambda: boxes.BoxFollower("kcf")),
    "mil": TrackerSpec("mil", "rectangle", lambda: boxes.BoxFollower("mil")),
    "optical_flow": TrackerSpec("optical_flow", "points", flow.PointsFollower),
}
