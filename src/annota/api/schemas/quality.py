"""Quality reports on the wire: what a report is asked with (`QualityReportCreate`) and what it answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from annota.api.schemas.common import Public, Wire
from annota.domain.quality import LabelMatching, MatchMethod, QualitySettings
from annota.domain.quality.settings import DEFAULT_OKS_SIGMA

FrameDetail = Literal["all", "with_conflicts", "none"]


class QualityThresholds(Wire):
    """The scalar rules of a comparison (docs/quality.md), each with the documented default."""

    iou_threshold: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Similarity (IoU, OKS or line similarity) two objects need to pair",
    )
    low_overlap_threshold: float = Field(
        default=0.8, gt=0, le=1, description="Paired objects below this similarity are a low_overlap warning"
    )
    method: MatchMethod = MatchMethod.HUNGARIAN
    label_matching: LabelMatching = LabelMatching.PER_LABEL_THEN_ANY
    compare_attributes: bool = True
    compare_groups: bool = True
    oks_sigma: float = Field(default=DEFAULT_OKS_SIGMA, gt=0, description="Sigma of every point (COCO scale)")
    min_point_area: float = Field(default=1024.0, gt=0, description="Smallest object area (px²) for OKS")
    line_tolerance: float = Field(
        default=10.0, gt=0, description="Polylines: similarity = 1 - mean distance / line_tolerance (px)"
    )

    def to_settings(
        self,
        ignored_attributes: Iterable[str] = (),
        skeleton_sigmas: Mapping[int, Sequence[float]] | None = None,
    ) -> QualitySettings:
        """The domain settings; DomainValidationError (located at the field) for rules across fields."""
        return QualitySettings(
            iou_threshold=self.iou_threshold,
            low_overlap_threshold=self.low_overlap_threshold,
            method=self.method,
            label_matching=self.label_matching,
            compare_attributes=self.compare_attributes,
            ignored_attributes=frozenset(ignored_attributes),
            compare_groups=self.compare_groups,
            oks_sigma=self.oks_sigma,
            skeleton_sigmas={k: tuple(v) for k, v in (skeleton_sigmas or {}).items()},
            min_point_area=self.min_point_area,
            line_tolerance=self.line_tolerance,
        )


class ProjectQualityParams(QualityThresholds):
    task_id: int | None = Field(default=None, description="Only the jobs of this task of the project")


class QualityReportCreate(QualityThresholds):
    job_id: int
    reference_job_id: int | None = Field(
        default=None, description="The job to compare with; default: the ground-truth job covering the frames"
    )
    frames: FrameDetail = Field(default="all", description="Which frames are detailed in the answer")
    ignored_attributes: list[str] = Field(
        default_factory=list, description="Attributes left out of the comparison"
    )
    skeleton_sigmas: dict[int, list[float]] = Field(
        default_factory=dict, description="Per-point sigmas of skeleton labels, by label id"
    )

    def settings(self) -> QualitySettings:
        return self.to_settings(self.ignored_attributes, self.skeleton_sigmas)


class QualitySettingsPublic(Public):
    iou_threshold: float
    low_overlap_threshold: float
    method: MatchMethod
    label_matching: LabelMatching
    compare_attributes: bool
    ignored_attributes: list[str]
    compare_groups: bool
    oks_sigma: float
    skeleton_sigmas: dict[str, list[float]]
    min_point_area: float
    line_tolerance: float


class QualityMetrics(Public):
    reference: int = Field(description="Objects in the reference")
    annotated: int = Field(description="Objects in the annotation")
    matched: int = Field(description="Pairs with the same label (true positives)")
    wrong_label: int
    missing: int
    extra: int
    precision: float | None = Field(description="matched / annotated; null when nothing was annotated")
    recall: float | None = Field(description="matched / reference; null when the reference is empty")
    f1: float | None
    accuracy: float | None = Field(description="matched / every object of either side, a pair counted once")
    label_accuracy: float | None
    attribute_accuracy: float | None
    mean_iou: float | None
    mean_oks: float | None
    mean_line_similarity: float | None
    conflicts: dict[str, int] = Field(description="Conflicts by type")
    errors: int
    warnings: int


class LabelQuality(QualityMetrics):
    label_id: int
    name: str | None


class TrackingMetrics(Public):
    reference_states: int
    annotated_states: int
    matches: int
    misses: int
    false_positives: int
    id_switches: int
    idtp: int
    idfp: int
    idfn: int
    mota: float | None
    idf1: float | None


class MatchPublic(Public):
    annotation_id: str
    reference_id: str
    label_id: int
    similarity: float
    measure: str


class ConflictPublic(Public):
    job_id: int = Field(description="The annotated job")
    reference_job_id: int
    link: str = Field(description="Workspace address of the conflict: /jobs/{job}?frame={frame}&object={id}")
    type: str = Field(
        description="missing_object, extra_object, wrong_label, low_overlap, wrong_attribute, ..."
    )
    severity: Literal["error", "warning"]
    frame: int
    annotation_id: str | None = Field(description="The annotated object (shape, track or tag id)")
    reference_id: str | None = Field(description="The reference object (shape, track or tag id)")
    label_id: int
    annotated_label_id: int | None
    similarity: float | None
    attributes: list[str]


class FrameQuality(Public):
    frame: int
    reference: int
    annotated: int
    matched: int
    errors: int
    warnings: int
    matches: list[MatchPublic]
    conflicts: list[ConflictPublic]


class QualityReportPublic(Public):
    job_id: int
    reference_job_id: int
    task_id: int
    frame_start: int
    frame_stop: int
    frames_compared: int = Field(description="Frames compared: the ground truth's chosen frames in the job")
    settings: QualitySettingsPublic
    summary: QualityMetrics
    labels: list[LabelQuality]
    tracking: TrackingMetrics | None
    frames: list[FrameQuality]


class JobQualitySummary(BaseModel):
    job_id: int
    reference_job_id: int
    task_id: int
    assignee_id: int | None
    frame_start: int
    frame_stop: int
    frames_compared: int
    flagged: bool = Field(description="Below the project's review threshold: to review")
    summary: QualityMetrics
    tracking: TrackingMetrics | None


class ProjectQualityPublic(Public):
    project_id: int
    settings: QualitySettingsPublic
    summary: QualityMetrics
    labels: list[LabelQuality]
    tracking: TrackingMetrics | None
    jobs: list[JobQualitySummary]
    jobs_without_reference: list[int] = Field(
        description="Jobs with no ground-truth job covering their frames"
    )
