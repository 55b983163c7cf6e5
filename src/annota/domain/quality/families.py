"""Which objects are compared with which, and by what measure: one line per shape kind in `FAMILY_OF_KIND`.

Objects are only paired within a family: a box with a box, a polygon with a polygon or a mask (a mask is often
a polygon painted in), a skeleton with a skeleton. A new shape kind needs a line here (a test checks that
every registered kind has one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from annota.domain.quality.conflicts import ConflictType
from annota.domain.quality.measures.areal import iou_matrices
from annota.domain.quality.measures.keypoints import points_oks_matrices, skeleton_oks_matrices
from annota.domain.quality.measures.lines import is_reversed, line_similarity_matrices
from annota.domain.quality.objects import FrameObject, SideBySide
from annota.domain.quality.settings import QualitySettings
from annota.domain.shapes import ellipse, mask, points, polygon, polyline, rectangle, skeleton, tag

# The similarity matrices in [0, 1] of many (annotated, reference) object lists (one per frame) at once, so
# that a measure can vectorise across the frames of a comparison.
SimilarityMatrices = Callable[[Sequence[SideBySide], QualitySettings], list[NDArray[np.float64]]]
PairCheck = Callable[[FrameObject, FrameObject], tuple[ConflictType, ...]]


class Measure(StrEnum):
    IOU = "iou"
    OKS = "oks"
    LINE = "line"
    PRESENCE = "presence"  # tags: on the frame or not


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    measure: Measure
    similarity: SimilarityMatrices
    check_pair: PairCheck | None = None  # conflicts particular to the family, on each pair


def _presence(lists: Sequence[SideBySide], settings: QualitySettings) -> list[NDArray[np.float64]]:
    return [np.ones((len(annotated), len(reference))) for annotated, reference in lists]


def _direction(a: FrameObject, b: FrameObject) -> tuple[ConflictType, ...]:
    return (ConflictType.REVERSED_DIRECTION,) if is_reversed(a, b) else ()


BOXES = Family("boxes", Measure.IOU, iou_matrices)
REGIONS = Family("regions", Measure.IOU, iou_matrices)
ELLIPSES = Family("ellipses", Measure.IOU, iou_matrices)
POINTS = Family("points", Measure.OKS, points_oks_matrices)
SKELETONS = Family("skeletons", Measure.OKS, skeleton_oks_matrices)
LINES = Family("polylines", Measure.LINE, line_similarity_matrices, _direction)
TAGS = Family("tags", Measure.PRESENCE, _presence)

FAMILY_OF_KIND: dict[str, Family] = {
    rectangle.NAME: BOXES,
    polygon.NAME: REGIONS,
    mask.NAME: REGIONS,
    ellipse.NAME: ELLIPSES,
    points.NAME: POINTS,
    skeleton.NAME: SKELETONS,
    polyline.NAME: LINES,
    tag.NAME: TAGS,
}

FAMILIES: tuple[Family, ...] = tuple(dict.fromkeys(FAMILY_OF_KIND.values()))
