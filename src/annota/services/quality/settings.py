"""A project's quality rules as the domain needs them, read from its stored settings.

- `rules_of(session, project_id) -> ProjectRules`: the comparison settings, the review threshold, the
  consensus quorum and agreement threshold, the exam rules and the exam the project requires.
- `score(counts, metric)`: the figure a review threshold or an exam compares (accuracy by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from annota.domain.quality import Counts, LabelMatching, MatchMethod, QualitySettings
from annota.domain.quality.consensus import ConsensusSettings
from annota.storage import quality_settings
from annota.storage.quality_tables import QualitySettingsRow

# The scalar comparison rules a project may store (`QualityThresholds` on the wire).
COMPARISON_FIELDS = (
    "iou_threshold",
    "low_overlap_threshold",
    "method",
    "label_matching",
    "compare_attributes",
    "compare_groups",
    "oks_sigma",
    "min_point_area",
    "line_tolerance",
)


@dataclass(frozen=True, slots=True)
class ProjectRules:
    project_id: int
    comparison: QualitySettings
    review_threshold: float | None
    review_metric: str
    consensus: ConsensusSettings
    is_exam: bool
    exam_pass_score: float
    exam_max_attempts: int
    required_exam_id: int | None

    def flags(self, counts: Counts) -> bool:
        """Whether a job with these counts is below the review threshold (never when nothing was compared)."""
        if self.review_threshold is None:
            return False
        value = score(counts, self.review_metric)
        return value is not None and value < self.review_threshold


def score(counts: Counts, metric: str = "accuracy") -> float | None:
    """The metric; 0 where the reference had objects but the metric is undefined (nothing was annotated:
    no precision), None where there was nothing to compare on either side."""
    value: float | None = getattr(counts, metric)
    if value is None and counts.reference > 0:
        return 0.0
    return value


def comparison_settings(stored: dict[str, Any]) -> QualitySettings:
    """The domain settings from the stored comparison rules (missing ones take the defaults)."""
    fields: dict[str, Any] = {k: v for k, v in stored.items() if k in COMPARISON_FIELDS}
    if "method" in fields:
        fields["method"] = MatchMethod(fields["method"])
    if "label_matching" in fields:
        fields["label_matching"] = LabelMatching(fields["label_matching"])
    return QualitySettings(**fields)


def rules_from(row: QualitySettingsRow) -> ProjectRules:
    comparison = comparison_settings(row.comparison or {})
    return ProjectRules(
        project_id=row.project_id,
        comparison=comparison,
        review_threshold=row.review_threshold,
        review_metric=row.review_metric,
        consensus=ConsensusSettings(row.consensus_quorum, row.agreement_threshold, comparison),
        is_exam=row.is_exam,
        exam_pass_score=row.exam_pass_score,
        exam_max_attempts=row.exam_max_attempts,
        required_exam_id=row.required_exam_id,
    )


def rules_of(session: Session, project_id: int) -> ProjectRules:
    return rules_from(quality_settings.settings_of(session, project_id))
