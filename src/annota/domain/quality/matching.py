"""Pairing the annotated objects of one family on one frame with the reference objects.

Two objects may be paired when their similarity reaches `iou_threshold`. Which pairs are made depends on the
method (Hungarian: as many pairs as possible, then the largest total similarity; greedy: by decreasing score,
each object takes its most similar free reference) and on how labels count (`LabelMatching`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from annota.domain.quality.assignment import Pairs, best_pairs, greedy_pairs
from annota.domain.quality.objects import FrameObject
from annota.domain.quality.settings import LabelMatching, MatchMethod, QualitySettings


@dataclass(frozen=True, slots=True)
class Matching:
    """Indices into the annotated and reference lists: pairs of the same label, pairs of different labels,
    and what is left on either side."""

    same_label: Pairs
    other_label: Pairs
    unmatched_annotated: list[int]
    unmatched_reference: list[int]


def match(
    annotated: Sequence[FrameObject],
    reference: Sequence[FrameObject],
    similarity: NDArray[np.float64],
    settings: QualitySettings,
) -> Matching:
    passes = similarity >= settings.iou_threshold
    a_labels = np.array([o.label_id for o in annotated], dtype=np.int64)
    r_labels = np.array([o.label_id for o in reference], dtype=np.int64)
    same = a_labels[:, None] == r_labels[None, :]
    order = _by_score(annotated) if settings.method is MatchMethod.GREEDY else []
    mode = settings.label_matching
    if mode is LabelMatching.ANY_LABEL:
        pairs = _pairs(similarity, passes, order, settings.method)
    else:
        pairs = _pairs(similarity, passes & same, order, settings.method)
        if mode is LabelMatching.PER_LABEL_THEN_ANY:
            pairs += _leftover_pairs(similarity, passes, pairs, order, settings.method)
    same_label = sorted(p for p in pairs if same[p])
    other_label = sorted(p for p in pairs if not same[p])
    paired_a = {i for i, _ in pairs}
    paired_r = {j for _, j in pairs}
    return Matching(
        same_label,
        other_label,
        [i for i in range(len(annotated)) if i not in paired_a],
        [j for j in range(len(reference)) if j not in paired_r],
    )


def _pairs(
    similarity: NDArray[np.float64], allowed: NDArray[np.bool_], order: list[int], method: MatchMethod
) -> Pairs:
    if not allowed.any():
        return []
    if method is MatchMethod.GREEDY:
        return greedy_pairs(similarity, allowed, order)
    return best_pairs(similarity, allowed)


def _leftover_pairs(
    similarity: NDArray[np.float64],
    passes: NDArray[np.bool_],
    pairs: Pairs,
    order: list[int],
    method: MatchMethod,
) -> Pairs:
    """Pairs, regardless of label, among the objects the first pass left alone."""
    left = passes.copy()
    for i, j in pairs:
        left[i, :] = False
        left[:, j] = False
    return _pairs(similarity, left, order, method)


def _by_score(objects: Sequence[FrameObject]) -> list[int]:
    """Positions by decreasing score; objects without a score (drawn by people) first, in their order."""
    return sorted(
        range(len(objects)), key=lambda i: -(s if (s := objects[i].score) is not None else math.inf)
    )
