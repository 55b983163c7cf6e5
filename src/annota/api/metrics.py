"""Prometheus metrics of one API process: request latency per route, requests in flight, and the
background jobs (`job_metrics`).

Each app gets its own registry (tests build many apps; nothing is registered at import time).
With several API processes, Prometheus scrapes each one (see docs/deployment.md).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from annota.api.job_metrics import BackgroundJobCollector
from annota.storage.db import Database

METRICS_PATH = "/metrics"
# Seconds; dense below 200 ms, the latency the editor's saves and frame reads aim for.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Requests that matched no route are counted under one label, so scanners cannot grow the series.
UNMATCHED = "<unmatched>"
requests_log = logging.getLogger("annota.http")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.latency = Histogram(
            "annota_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template.",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.requests = Counter(
            "annota_http_requests",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "annota_http_requests_in_flight", "HTTP requests being answered now.", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Times every HTTP request; the route label is the matched template (`/api/tasks/{task_id}`)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            self.metrics.in_flight.dec()
            seconds = time.perf_counter() - started
            method, route = scope["method"], _route_of(scope)
            labels = (method, route, str(status))
            self.metrics.latency.labels(*labels).observe(seconds)
            self.metrics.requests.labels(*labels).inc()
            if requests_log.isEnabledFor(logging.INFO):
                fields = {"method": method, "route": route, "path": scope["path"], "status": status}
                requests_log.info(
                    "%s %s %s",
                    method,
                    scope["path"],
                    status,
                    extra={**fields, "duration_ms": round(seconds * 1000, 1)},
                )


def _queued_messages(app: FastAPI) -> int | None:
    queue = getattr(app.state, "job_queue", None)
    return None if queue is None else int(queue.huey.pending_count())


def _route_of(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


def install_metrics(app: FastAPI, database: Database) -> Metrics:
    """Time every request of `app` and serve the figures at /metrics (text exposition format), with
    those of the background jobs."""
    metrics = Metrics()
    metrics.registry.register(BackgroundJobCollector(database, lambda: _queued_messages(app)))
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    @app.get(METRICS_PATH, include_in_schema=False)
    def read_metrics(request: Request) -> Response:
        current: Metrics = request.app.state.metrics
        return Response(current.render(), media_type=CONTENT_TYPE_LATEST)

    return metrics
