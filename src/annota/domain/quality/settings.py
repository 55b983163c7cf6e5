"""What a quality comparison is asked to do: thresholds, the matching method and what else to compare.

`QualitySettings` checks itself when built and reports every bad field at once, located at its name
(``iou_threshold: must be in (0, 1], got 1.5``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from annota.domain.problems import DomainValidationError, Problem, ProblemType, raise_if_any

DEFAULT_IOU_THRESHOLD = 0.5
DEFAULT_LOW_OVERLAP_THRESHOLD = 0.8
DEFAULT_OKS_SIGMA = 0.09  # CVAT's default, on COCO's scale (sigma; kappa = 2 * sigma)


class MatchMethod(StrEnum):
    HUNGARIAN = "hungarian"  # most pairs, then the largest total similarity
    GREEDY = "greedy"  # by decreasing score, each object takes its most similar free reference (COCO)


class LabelMatching(StrEnum):
    PER_LABEL = "per_label"  # only objects of the same label are paired: a wrong label is missing + extra
    PER_LABEL_THEN_ANY = "per_label_then_any"  # then what is left is paired regardless of label
    ANY_LABEL = "any_label"  # pair on geometry alone; a pair of different labels is a wrong label


@dataclass(frozen=True, slots=True)
class QualitySettings:
    """The rules of a comparison (docs/quality.md). `iou_threshold` is the similarity two objects need to be
    paired, whatever the measure (IoU, OKS or line similarity)."""

    iou_threshold: float = DEFAULT_IOU_THRESHOLD
    low_overlap_threshold: float = DEFAULT_LOW_OVERLAP_THRESHOLD
    method: MatchMethod = MatchMethod.HUNGARIAN
    label_matching: LabelMatching = LabelMatching.PER_LABEL_THEN_ANY
    compare_attributes: bool = True
    ignored_attributes: frozenset[str] = frozenset()
    compare_groups: bool = True
    oks_sigma: float = DEFAULT_OKS_SIGMA
    # Per-point sigmas of skeleton labels, by label id, in the order of the label's template.
    skeleton_sigmas: Mapping[int, tuple[float, ...]] = field(default_factory=dict)
    # The object area (px²) OKS uses when the reference's points span less (a lone point has no area).
    min_point_area: float = 32.0 * 32.0
    # Polylines: similarity 1 - D / line_tolerance, D their symmetric mean distance in pixels.
    line_tolerance: float = 10.0

    def __post_init__(self) -> None:
        raise_if_any(_problems(self))

    def sigmas_for(self, label_id: int, count: int) -> tuple[float, ...]:
        """The sigma of each of the `count` points of a skeleton of label `label_id`."""
        given = self.skeleton_sigmas.get(label_id)
        if given is None:
            return (self.oks_sigma,) * count
        if len(given) != count:
            msg = f"label {label_id} has skeletons of {count} points but {len(given)} sigmas are given"
            raise DomainValidationError(
                [Problem(("skeleton_sigmas", label_id), msg, ProblemType.WRONG_LENGTH)]
            )
        return given


def _problems(s: QualitySettings) -> list[Problem]:
    problems: list[Problem] = []

    def bad(name: str | tuple[str | int, ...], msg: str, type: str = ProblemType.OUT_OF_RANGE) -> None:
        problems.append(Problem(name if isinstance(name, tuple) else (name,), msg, type))

    if not _finite(s.iou_threshold) or not 0.0 < s.iou_threshold <= 1.0:
        bad("iou_threshold", f"must be in (0, 1], got {s.iou_threshold}")
    elif not _finite(s.low_overlap_threshold) or not s.iou_threshold <= s.low_overlap_threshold <= 1.0:
        bad(
            "low_overlap_threshold",
            f"must be in [iou_threshold, 1] = [{s.iou_threshold}, 1], got {s.low_overlap_threshold}",
        )
    if not isinstance(s.method, MatchMethod):
        bad("method", f"expected one of {[m.value for m in MatchMethod]}, got {s.method!r}", ProblemType.ENUM)
    if not isinstance(s.label_matching, LabelMatching):
        choices = [m.value for m in LabelMatching]
        bad("label_matching", f"expected one of {choices}, got {s.label_matching!r}", ProblemType.ENUM)
    for name in ("oks_sigma", "min_point_area", "line_tolerance"):
        value = getattr(s, name)
        if not _finite(value) or value <= 0:
            bad(name, f"must be a positive number, got {value}")
    for label_id, sigmas in s.skeleton_sigmas.items():
        for i, sigma in enumerate(sigmas):
            if not _finite(sigma) or sigma <= 0:
                bad(("skeleton_sigmas", label_id, i), f"must be a positive number, got {sigma}")
    return problems


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
