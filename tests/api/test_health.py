"""Readiness and metrics: what a load balancer and Prometheus read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.settings import Settings
from annota.storage.db import Database, create_engine_for
from annota.storage.job_tables import BackgroundJobRow


def test_ready_reports_the_database_and_the_media_store_when_both_answer(app_client: TestClient) -> None:
    answer = app_client.get("/api/server/ready")

    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ready"
    assert [(c["name"], c["ok"]) for c in body["checks"]] == [("database", True), ("media_store", True)]


def test_ready_is_503_naming_the_database_when_it_cannot_be_reached(settings: Settings) -> None:
    unreachable = Database(create_engine_for("sqlite:////nonexistent/dir/annota.db"))

    with TestClient(create_app(settings, database=unreachable)) as client:
        answer = client.get("/api/server/ready")

    assert answer.status_code == 503
    checks = {c["name"]: c for c in answer.json()["checks"]}
    assert checks["database"]["ok"] is False and checks["media_store"]["ok"] is True
    assert answer.json()["status"] == "unavailable"


def test_ready_is_503_when_the_media_directory_cannot_be_made(
    tmp_path: Path, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "blocker").write_text("a file where the media folder should be")
    settings = Settings(data_dir=tmp_path, media_url=f"file://{tmp_path / 'blocker' / 'media'}")

    with TestClient(create_app(settings, database=database)) as client, caplog.at_level("WARNING"):
        answer = client.get("/api/server/ready")

    assert answer.status_code == 503
    checks = {c["name"]: c for c in answer.json()["checks"]}
    assert checks["media_store"] == {**checks["media_store"], "ok": False}
    assert "blocker" not in checks["media_store"]["detail"]  # callers learn nothing of the machine
    assert "blocker" in caplog.text  # the operator's log says what is wrong


def test_metrics_count_requests_per_route_template(app_client: TestClient) -> None:
    app_client.get("/api/server/health")
    app_client.get("/api/server/health")
    app_client.get("/api/projects/12345")

    text = app_client.get("/metrics").text

    assert 'annota_http_requests_total{method="GET",route="/api/server/health",status="200"} 2.0' in text
    assert 'route="/api/projects/{project_id}"' in text
    assert "/api/projects/12345" not in text
    assert (
        'annota_http_request_duration_seconds_bucket{le="0.2",method="GET",route="/api/server/health"' in text
    )


def test_metrics_are_served_in_the_prometheus_text_format(app_client: TestClient) -> None:
    answer = app_client.get("/metrics")

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    assert "# TYPE annota_http_request_duration_seconds histogram" in answer.text


def test_each_app_has_its_own_metrics(settings: Settings, database: Database) -> None:
    with TestClient(create_app(settings, database=database)) as first:
        first.get("/api/server/health")
    with TestClient(create_app(settings, database=database)) as second:
        text = second.get("/metrics").text

    assert 'route="/api/server/health"' not in text


def test_metrics_count_background_jobs_by_status_and_time_the_finished_ones(
    app_client: TestClient, database: Database
) -> None:
    start = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    with database.write() as session:
        for status, seconds in [("queued", None), ("succeeded", 2.0), ("succeeded", 4.5), ("failed", 1.0)]:
            finished = None if seconds is None else start + timedelta(seconds=seconds)
            job = BackgroundJobRow(kind="export", status=status, started_at=start, finished_at=finished)
            session.add(job)

    text = app_client.get("/metrics").text

    assert 'annota_background_jobs{kind="export",status="queued"} 1.0' in text
    assert 'annota_background_job_duration_seconds_count{kind="export",status="succeeded"} 2.0' in text
    assert 'annota_background_job_duration_seconds_sum{kind="export",status="succeeded"} 6.5' in text
    assert 'annota_background_job_duration_seconds_sum{kind="export",status="failed"} 1.0' in text


def test_metrics_still_answer_when_the_database_is_away(settings: Settings) -> None:
    unreachable = Database(create_engine_for("sqlite:////nonexistent/dir/annota.db"))

    with TestClient(create_app(settings, database=unreachable)) as client:
        answer = client.get("/metrics")

    assert answer.status_code == 200 and "annota_http_requests_in_flight" in answer.text
