"""Quality metrics: an annotation set compared with a reference set, frame by frame (docs/quality.md).

Objects of one family (boxes, regions, ellipses, points, skeletons, polylines, tags) are paired on each frame
by similarity (IoU, OKS, line similarity), per label or not, with the Hungarian or the greedy method; the
report gives precision, recall, F1, label and attribute accuracy, mean IoU, the conflicts of every frame
and, for tracks, MOTA, IDF1 and identity switches. The public API is re-exported here.
"""

from annota.domain.quality.assignment import best_pairs, greedy_pairs, linear_sum_assignment
from annota.domain.quality.conflicts import Conflict, ConflictType, Severity
from annota.domain.quality.counts import Counts
from annota.domain.quality.families import FAMILY_OF_KIND, Family, Measure
from annota.domain.quality.frame import FrameResult, Match, compare_frame
from annota.domain.quality.objects import (
    FrameObject,
    FrameObjects,
    Origin,
    frame_objects,
    frame_objects_from_wire,
)
from annota.domain.quality.report import QualityReport, compare, compare_documents
from annota.domain.quality.settings import LabelMatching, MatchMethod, QualitySettings
from annota.domain.quality.tracking import TrackingCounts, tracking_counts

__all__ = [
    "FAMILY_OF_KIND",
    "Conflict",
    "ConflictType",
    "Counts",
    "Family",
    "FrameObject",
    "FrameObjects",
    "FrameResult",
    "LabelMatching",
    "Match",
    "MatchMethod",
    "Measure",
    "Origin",
    "QualityReport",
    "QualitySettings",
    "Severity",
    "TrackingCounts",
    "best_pairs",
    "compare",
    "compare_documents",
    "compare_frame",
    "frame_objects",
    "frame_objects_from_wire",
    "greedy_pairs",
    "linear_sum_assignment",
    "tracking_counts",
]
