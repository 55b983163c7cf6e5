"""The quality dashboards' figures over time (issue 7 §6), for managers (`project.report`): accuracy per
annotator from the quality history, throughput from the activity records, rework from the review outcomes,
conflicts by type, and the agreement distribution of consensus jobs; each also as CSV
(`/quality/trends.csv?figure=...`). Periods are UTC days or ISO weeks (`bucket`); `since` and `until`
are inclusive UTC days."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession
from annota.api.responses import OrjsonResponse
from annota.api.schemas.quality_trends import (
    AccuracyTrend,
    AgreementHistogram,
    Bucket,
    ConflictTrend,
    ReworkReport,
    ThroughputTrend,
)
from annota.auth import policy
from annota.auth.principal import Principal
from annota.services.quality import trends
from annota.services.quality.trends_csv import Figure, figure_csv
from annota.storage import quality_history, users
from annota.storage.errors import InvalidValue
from annota.storage.problems import Problem

router = APIRouter(tags=["quality"])
PREFIX = "/api/projects/{project_id}/quality/trends"


def _figure(
    session: Session,
    caller: Principal,
    project_id: int,
    figure: Figure,
    bucket: Bucket,
    since: date | None,
    until: date | None,
) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, "project.report")
    if since is not None and until is not None and until < since:
        msg = f"until ({until}) is before since ({since})"
        raise InvalidValue([Problem(("query", "until"), msg, "invalid_range")])
    head: dict[str, Any] = {"project_id": project_id}
    if figure == "agreement":
        return {**head, **trends.agreement_histogram(quality_history.agreements_of(session, project_id))}
    if figure == "throughput":
        days = quality_history.activity_of(session, project_id, since, until)
        names = users.usernames(session, {d.user_id for d in days})
        return {**head, "bucket": bucket, **trends.throughput_trend(days, names, bucket)}
    points = quality_history.points_of(session, project_id, since, until)
    names = users.usernames(session, {p.user_id for p in points if p.user_id is not None})
    if figure == "accuracy":
        return {**head, "bucket": bucket, "annotators": trends.accuracy_trend(points, names, bucket)}
    if figure == "conflicts":
        return {**head, "bucket": bucket, **trends.conflict_trend(points, names, bucket)}
    return {**head, **trends.rework(points, names)}


@router.get(f"{PREFIX}/accuracy", response_model=AccuracyTrend)
def accuracy_trend(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    bucket: Bucket = "week",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Each annotator's accuracy per period, from the scores recorded at each submit and review (so later
    edits do not rewrite the past)."""
    return OrjsonResponse(_figure(session, caller, project_id, "accuracy", bucket, since, until))


@router.get(f"{PREFIX}/throughput", response_model=ThroughputTrend)
def throughput_trend(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    bucket: Bucket = "week",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Objects created and edited per active hour, per annotator and for the project, per period."""
    return OrjsonResponse(_figure(session, caller, project_id, "throughput", bucket, since, until))


@router.get(f"{PREFIX}/rework", response_model=ReworkReport)
def rework(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Share of submitted jobs rejected at least once in review, and the rounds they took."""
    return OrjsonResponse(_figure(session, caller, project_id, "rework", "week", since, until))


@router.get(f"{PREFIX}/conflicts", response_model=ConflictTrend)
def conflict_trend(
    project_id: int,
    caller: Caller,
    session: ReadSession,
    bucket: Bucket = "week",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Conflicts by type (missing, extra, wrong label, low overlap, wrong attribute, group, direction) per
    period, per annotator and for the project."""
    return OrjsonResponse(_figure(session, caller, project_id, "conflicts", bucket, since, until))


@router.get(f"{PREFIX}/agreement", response_model=AgreementHistogram)
def agreement_histogram(project_id: int, caller: Caller, session: ReadSession) -> Response:
    """Per-frame agreement of the project's merged consensus jobs, in bins of 0.1."""
    return OrjsonResponse(_figure(session, caller, project_id, "agreement", "week", None, None))


@router.get(
    "/api/projects/{project_id}/quality/trends.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def trends_csv(
    project_id: int,
    figure: Figure,
    caller: Caller,
    session: ReadSession,
    bucket: Bucket = "week",
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """One figure as CSV, one row per point (`scope` project / annotator where the figure has both)."""
    data = _figure(session, caller, project_id, figure, bucket, since, until)
    disposition = f'attachment; filename="quality-trends-{project_id}-{figure}.csv"'
    return Response(
        figure_csv(figure, data), media_type="text/csv", headers={"Content-Disposition": disposition}
    )
