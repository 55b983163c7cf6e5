"""The quality dashboards' figures over time on the wire (issue 7 §6, docs/quality.md "Trends")."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public

Bucket = Literal["day", "week"]


class AccuracyPoint(Public):
    period: date = Field(description="First day of the period (a day, or the Monday of a week)")
    accuracy: float | None = Field(description="Mean accuracy of the annotator's scored jobs in the period")
    jobs: int = Field(description="Scored jobs in the period (each at its last point there)")
    events: int = Field(description="Submits, accepts and rejects recorded in the period")


class AnnotatorAccuracy(Public):
    user_id: int | None
    username: str
    points: list[AccuracyPoint]


class AccuracyTrend(Public):
    project_id: int
    bucket: Bucket
    annotators: list[AnnotatorAccuracy]


class ThroughputPoint(Public):
    period: date
    active_seconds: int
    objects_created: int
    objects_edited: int
    objects_per_hour: float | None = Field(description="(created + edited) per active hour")


class AnnotatorThroughput(Public):
    user_id: int
    username: str
    points: list[ThroughputPoint]


class ThroughputTrend(Public):
    project_id: int
    bucket: Bucket
    annotators: list[AnnotatorThroughput]
    project: list[ThroughputPoint]


class RoundsCount(Public):
    rounds: int
    jobs: int


class ReworkFigures(Public):
    jobs: int = Field(description="Jobs submitted at least once")
    reworked_jobs: int = Field(description="Of those, jobs rejected at least once")
    rework_rate: float | None
    rejections: int
    mean_rounds: float | None = Field(description="Submissions per job")
    max_rounds: int
    rounds: list[RoundsCount]


class AnnotatorRework(ReworkFigures):
    user_id: int | None
    username: str


class ReworkReport(Public):
    project_id: int
    annotators: list[AnnotatorRework]
    project: ReworkFigures


class ConflictPoint(Public):
    period: date
    jobs: int
    conflicts: dict[str, int] = Field(description="Conflict type -> count")


class AnnotatorConflicts(Public):
    user_id: int | None
    username: str
    points: list[ConflictPoint]


class ConflictTrend(Public):
    project_id: int
    bucket: Bucket
    types: list[str]
    annotators: list[AnnotatorConflicts]
    project: list[ConflictPoint]


class AgreementBin(Public):
    low: float
    high: float
    frames: int


class AgreementHistogram(Public):
    project_id: int
    jobs: int = Field(description="Merged consensus jobs")
    frames: int
    mean_agreement: float | None
    bins: list[AgreementBin]
