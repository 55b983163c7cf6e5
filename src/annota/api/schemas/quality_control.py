"""Quality control on the wire: project quality settings, ground truth and honeypots, per-annotator and
per-task scores, the review queue, consensus, and qualification exams (docs/quality.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire
from annota.api.schemas.quality import QualityMetrics, QualityThresholds

ReviewMetric = Literal["accuracy", "f1", "precision", "recall"]


class QualityComparison(QualityThresholds):
    """The comparison rules stored for the project (the same fields as a report's)."""


class ProjectQualitySettingsPublic(Public):
    project_id: int
    comparison: QualityComparison
    review_threshold: float | None = Field(description="Jobs whose review_metric is below are flagged")
    review_metric: ReviewMetric
    agreement_threshold: float = Field(description="Consensus frames whose agreement is below are flagged")
    consensus_quorum: float = Field(description="Share of the replicas that must draw an object to keep it")
    is_exam: bool = Field(description="An exam project: operators take attempts graded on its ground truth")
    exam_pass_score: float
    exam_max_attempts: int
    required_exam_id: int | None = Field(description="Assignees must have passed this exam project")


class ProjectQualitySettingsUpdate(Wire):
    comparison: QualityComparison | None = None
    review_threshold: float | None = Field(default=None, ge=0, le=1)
    review_metric: ReviewMetric | None = None
    agreement_threshold: float | None = Field(default=None, gt=0, le=1)
    consensus_quorum: float | None = Field(default=None, gt=0, le=1)
    is_exam: bool | None = None
    exam_pass_score: float | None = Field(default=None, ge=0, le=1)
    exam_max_attempts: int | None = Field(default=None, ge=1, le=100)
    required_exam_id: int | None = None


class GroundTruthCreate(Wire):
    """Exactly one of frames, count and fraction."""

    frames: list[int] | None = Field(default=None, description="These frames of the task")
    count: int | None = Field(default=None, ge=1, description="A random sample of this many frames")
    fraction: float | None = Field(default=None, gt=0, le=1, description="A random sample of this share")
    per_job: bool = Field(
        default=False, description="Sample count / fraction inside each annotation job: honeypots"
    )
    seed: int | None = Field(default=None, description="The same seed draws the same frames")
    assignee_id: int | None = Field(default=None, description="Who annotates the ground truth")


class GroundTruthPublic(Public):
    job_id: int
    task_id: int
    assignee_id: int | None
    mode: Literal["frames", "count", "fraction"]
    count: int | None
    fraction: float | None
    per_job: bool
    seed: int | None
    frames: list[int]


class QualityGroupPublic(Public):
    name: str | None
    jobs: list[int]
    frames_compared: int = Field(description="Gold frames compared over these jobs")
    score: float | None = Field(description="The project's review metric")
    flagged: bool
    summary: QualityMetrics


class AnnotatorQuality(QualityGroupPublic):
    user_id: int | None = Field(description="None: jobs nobody is assigned")


class TaskQuality(QualityGroupPublic):
    task_id: int


class ReviewJob(Public):
    job_id: int
    task_id: int
    assignee_id: int | None
    score: float | None
    link: str


class ReviewFrame(Public):
    job_id: int
    frame: int
    agreement: float
    objects: int
    link: str


class ReviewQueuePublic(Public):
    project_id: int
    review_metric: ReviewMetric
    review_threshold: float | None
    agreement_threshold: float
    jobs: list[ReviewJob] = Field(description="Jobs below the review threshold, worst first")
    frames: list[ReviewFrame] = Field(description="Low-agreement frames of consensus jobs")


class ConsensusCreate(Wire):
    replicas: int = Field(ge=2, le=11, description="How many annotators label the job independently")
    assignees: list[int] = Field(default_factory=list, description="Who holds each replica, in order")


class ConsensusReplica(Public):
    job_id: int
    assignee_id: int | None
    stage: str
    state: str


class ConsensusMergePublic(Public):
    replicas: int
    objects: int
    mean_agreement: float | None
    merged_by: int | None
    merged_at: datetime


class ConsensusFramePublic(Public):
    frame: int
    agreement: float
    objects: int
    flagged: bool
    link: str


class ConsensusPublic(Public):
    job_id: int
    replicas: list[ConsensusReplica]
    merge: ConsensusMergePublic | None
    frames: list[ConsensusFramePublic]


class ExamAttemptPublic(Public):
    id: int
    exam_id: int
    user_id: int
    number: int
    state: Literal["in_progress", "passed", "failed"]
    job_ids: list[int] = Field(description="The jobs to annotate in this attempt")
    pass_score: float
    score: float | None
    skills: dict[str, float] = Field(description="boxes, polygons, keypoints, tracking: those the exam tests")
    started_at: datetime
    finished_at: datetime | None


class ExamPublic(Public):
    exam_id: int
    name: str
    pass_score: float
    max_attempts: int
    attempts_left: int
    passed: bool
    attempts: list[ExamAttemptPublic] = Field(description="The caller's attempts")


class CertificatePublic(Public):
    user_id: int
    exam_id: int
    exam_name: str
    attempt: int
    score: float | None
    pass_score: float
    skills: dict[str, float]
    passed_at: datetime | None
