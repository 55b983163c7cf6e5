"""Metrics of the background work, read from the database when Prometheus scrapes: jobs by kind and
status (queue depth = queued), and the durations of finished jobs as a summary (count and sum).

The database is the truth every process shares, so each API process reports the same figures,
whichever one is scraped; the queue's own message count is added when this process holds the queue.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client.core import GaugeMetricFamily, Metric, SummaryMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement

from annota.storage.db import Database
from annota.storage.job_tables import FINISHED_STATUSES, BackgroundJobRow

log = logging.getLogger("annota.metrics")


def _seconds_between(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


class BackgroundJobCollector(Collector):
    def __init__(self, database: Database, queued_messages: Callable[[], int | None]) -> None:
        self.database = database
        self.queued_messages = queued_messages

    def describe(self) -> Iterator[Metric]:
        """The metrics' names, for the registry, without reading the database."""
        yield from self._families()
        yield self._messages(0)

    def collect(self) -> Iterator[Metric]:
        jobs, durations = self._families()
        row = BackgroundJobRow
        seconds = _seconds_between(self.database.dialect, row.started_at, row.finished_at)
        query = select(row.kind, row.status, func.count(), func.sum(seconds)).group_by(row.kind, row.status)
        try:
            with self.database.session() as session:
                counted = session.execute(query).all()
        except SQLAlchemyError:  # the request metrics still matter when the database is away
            log.warning("metrics: background jobs not readable", exc_info=True)
            counted = []
        for kind, status, count, total in counted:
            jobs.add_metric([kind, status], count)
            if status in FINISHED_STATUSES:
                total_s = round(float(total or 0.0), 3)  # SQLite's julianday loses a few microseconds
                durations.add_metric([kind, status], count_value=count, sum_value=total_s)
        yield jobs
        yield durations
        messages = self.queued_messages()
        if messages is not None:
            yield self._messages(messages)

    @staticmethod
    def _families() -> tuple[GaugeMetricFamily, SummaryMetricFamily]:
        jobs = GaugeMetricFamily(
            "annota_background_jobs", "Background jobs by kind and status.", labels=["kind", "status"]
        )
        durations = SummaryMetricFamily(
            "annota_background_job_duration_seconds",
            "Run time of finished background jobs (started to finished), by kind and outcome.",
            labels=["kind", "status"],
        )
        return jobs, durations

    @staticmethod
    def _messages(count: int) -> GaugeMetricFamily:
        return GaugeMetricFamily(
            "annota_queue_messages", "Messages waiting in the job queue (not yet taken).", value=count
        )
