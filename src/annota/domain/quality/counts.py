"""Additive tallies of a comparison and the metrics derived from them (docs/quality.md, "Metrics").

Counts add up: the counts of a job are the sum of its frames', a project's the sum of its jobs'. Ratios are
always derived from summed counts, never averaged, so a job of 10 frames weighs less than one of 10,000.
A ratio whose denominator is 0 is None (nothing to measure), not 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annota.domain.quality.conflicts import ConflictType
from annota.domain.quality.families import Measure


@dataclass(slots=True)
class Counts:
    reference: int = 0  # objects in the reference
    annotated: int = 0  # objects in the annotation
    matched: int = 0  # pairs with the same label: true positives
    wrong_label: int = 0  # pairs with different labels
    missing: int = 0  # reference objects paired with nothing
    extra: int = 0  # annotated objects paired with nothing
    attribute_pairs: int = 0  # matched pairs whose attributes were compared
    attribute_matches: int = 0  # ... and agreed on every attribute
    similarity_sum: dict[Measure, float] = field(default_factory=dict)  # over matched pairs
    similarity_pairs: Counter[Measure] = field(default_factory=Counter)
    conflicts: Counter[ConflictType] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        self.reference += other.reference
        self.annotated += other.annotated
        self.matched += other.matched
        self.wrong_label += other.wrong_label
        self.missing += other.missing
        self.extra += other.extra
        self.attribute_pairs += other.attribute_pairs
        self.attribute_matches += other.attribute_matches
        for measure, total in other.similarity_sum.items():
            self.similarity_sum[measure] = self.similarity_sum.get(measure, 0.0) + total
        self.similarity_pairs.update(other.similarity_pairs)
        self.conflicts.update(other.conflicts)

    @property
    def precision(self) -> float | None:
        """Matched / annotated: how much of what was drawn is right."""
        return _ratio(self.matched, self.annotated)

    @property
    def recall(self) -> float | None:
        """Matched / reference: how much of what should be there was drawn."""
        return _ratio(self.matched, self.reference)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def accuracy(self) -> float | None:
        """Matched / every object of either side, a pair counted once."""
        return _ratio(self.matched, self.reference + self.annotated - self.matched - self.wrong_label)

    @property
    def label_accuracy(self) -> float | None:
        """Of the pairs made on geometry, the share with the right label."""
        return _ratio(self.matched, self.matched + self.wrong_label)

    @property
    def attribute_accuracy(self) -> float | None:
        """Of the matched pairs whose attributes were compared, the share that agree on all of them."""
        return _ratio(self.attribute_matches, self.attribute_pairs)

    def add_similarity(self, measure: Measure, similarity: float) -> None:
        """Count one matched pair measured `similarity` by `measure`."""
        self.similarity_sum[measure] = self.similarity_sum.get(measure, 0.0) + similarity
        self.similarity_pairs[measure] += 1

    def mean_similarity(self, measure: Measure) -> float | None:
        """Mean IoU, OKS or line similarity of the matched pairs measured that way."""
        pairs = self.similarity_pairs[measure]
        return self.similarity_sum[measure] / pairs if pairs else None

    @property
    def mean_iou(self) -> float | None:
        return self.mean_similarity(Measure.IOU)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None
