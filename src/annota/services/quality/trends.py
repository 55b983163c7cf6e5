"""The quality dashboards' figures over time (issue 7 §6), each a plain-data dict plus its CSV rows.

- `accuracy_trend(points, names, bucket)`: per annotator, the mean accuracy of their jobs per period;
- `throughput_trend(days, names, bucket)`: objects created + edited per active hour, per annotator and
  for the project, per period (the rule of `team_activity.time_report`);
- `rework(points, names)`: per annotator and for the project, the share of submitted jobs rejected at
  least once, and the rounds (submissions) jobs took;
- `conflict_trend(points, names, bucket)`: conflicts by type per period, per annotator and for the project;
- `agreement_histogram(agreements)`: per-frame agreement of consensus jobs in bins of 0.1.

A period is a UTC day, or the Monday that starts its ISO week. Within a period a job counts once, as its
last point there stands: a job submitted twice in a week weighs like one submitted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Literal

from annota.domain.quality import ConflictType
from annota.storage.quality_history import ActivityDay
from annota.storage.quality_history_tables import QualityHistoryPoint

Bucket = Literal["day", "week"]
CONFLICT_TYPES = tuple(t.value for t in ConflictType)
BINS = 10


def period_of(day: date, bucket: Bucket) -> date:
    """The first day of the period holding `day`."""
    return day if bucket == "day" else day - timedelta(days=day.weekday())


def _last_per_job(
    points: Iterable[QualityHistoryPoint], bucket: Bucket
) -> dict[tuple[int | None, date], dict[int, QualityHistoryPoint]]:
    """(annotator, period) -> job id -> the job's last point in that period (points come in time order)."""
    out: dict[tuple[int | None, date], dict[int, QualityHistoryPoint]] = defaultdict(dict)
    for point in points:
        out[(point.user_id, period_of(point.recorded_at.date(), bucket))][point.job_id] = point
    return out


def _person(user_id: int | None, names: Mapping[int, str]) -> dict[str, Any]:
    return {"user_id": user_id, "username": names.get(user_id, "") if user_id is not None else ""}


def accuracy_trend(
    points: Sequence[QualityHistoryPoint], names: Mapping[int, str], bucket: Bucket
) -> list[dict[str, Any]]:
    """Per annotator (by user id, unassigned last), their points per period: the mean accuracy of their jobs
    that have a score, how many such jobs, and how many events were recorded."""
    events: defaultdict[tuple[int | None, date], int] = defaultdict(int)
    for point in points:
        events[(point.user_id, period_of(point.recorded_at.date(), bucket))] += 1
    series: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for (user_id, period), jobs in sorted(_last_per_job(points, bucket).items(), key=_key):
        scores = [p.accuracy for p in jobs.values() if p.accuracy is not None]
        series[user_id].append(
            {
                "period": period,
                "accuracy": sum(scores) / len(scores) if scores else None,
                "jobs": len(scores),
                "events": events[(user_id, period)],
            }
        )
    return [{**_person(user, names), "points": pts} for user, pts in sorted(series.items(), key=_user_key)]


def throughput_trend(days: Sequence[ActivityDay], names: Mapping[int, str], bucket: Bucket) -> dict[str, Any]:
    """Per annotator and for the whole project, per period: active seconds, objects created and edited, and
    objects (created + edited) per active hour (None without active time)."""
    per_person: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    per_project: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in days:
        period = period_of(row.day, bucket)
        for sums in (per_person[(row.user_id, period)], per_project[period]):
            sums[0] += row.active_seconds
            sums[1] += row.objects_created
            sums[2] += row.objects_edited
    series: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (user_id, period), sums in sorted(per_person.items()):
        series[user_id].append(_throughput_point(period, sums))
    return {
        "annotators": [{**_person(u, names), "points": pts} for u, pts in sorted(series.items())],
        "project": [_throughput_point(period, sums) for period, sums in sorted(per_project.items())],
    }


def _throughput_point(period: date, sums: Sequence[int]) -> dict[str, Any]:
    seconds, created, edited = sums
    per_hour = round((created + edited) * 3600 / seconds, 1) if seconds else None
    return {
        "period": period,
        "active_seconds": seconds,
        "objects_created": created,
        "objects_edited": edited,
        "objects_per_hour": per_hour,
    }


def rework(points: Sequence[QualityHistoryPoint], names: Mapping[int, str]) -> dict[str, Any]:
    """Of the jobs submitted at least once, per annotator (whoever submitted the job first) and for the
    project: how many were rejected at least once (`rework_rate` = reworked / jobs), the rejections, and the
    rounds (submissions) per job: mean, max and how many jobs took each number of rounds."""
    owner: dict[int, int | None] = {}
    rounds: defaultdict[int, int] = defaultdict(int)
    rejections: defaultdict[int, int] = defaultdict(int)
    for point in points:
        if point.event == "submit":
            owner.setdefault(point.job_id, point.user_id)
            rounds[point.job_id] = max(rounds[point.job_id], point.round)
        elif point.event == "reject":
            rejections[point.job_id] += 1
    by_user: dict[int | None, list[int]] = defaultdict(list)
    for job_id, user_id in owner.items():
        by_user[user_id].append(job_id)
    return {
        "annotators": [
            {**_person(user, names), **_rework_of(jobs, rounds, rejections)}
            for user, jobs in sorted(by_user.items(), key=_user_key)
        ],
        "project": _rework_of(list(owner), rounds, rejections),
    }


def _rework_of(
    jobs: Sequence[int], rounds: Mapping[int, int], rejections: Mapping[int, int]
) -> dict[str, Any]:
    reworked = sum(1 for job in jobs if rejections.get(job, 0) > 0)
    taken = [rounds[job] for job in jobs]
    spread: defaultdict[int, int] = defaultdict(int)
    for n in taken:
        spread[n] += 1
    return {
        "jobs": len(jobs),
        "reworked_jobs": reworked,
        "rework_rate": reworked / len(jobs) if jobs else None,
        "rejections": sum(rejections.get(job, 0) for job in jobs),
        "mean_rounds": sum(taken) / len(taken) if taken else None,
        "max_rounds": max(taken, default=0),
        "rounds": [{"rounds": n, "jobs": count} for n, count in sorted(spread.items())],
    }


def conflict_trend(
    points: Sequence[QualityHistoryPoint], names: Mapping[int, str], bucket: Bucket
) -> dict[str, Any]:
    """Conflicts by type per period, per annotator and for the project: each job's last scored point in the
    period counts (`jobs` = how many jobs)."""
    per_person: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    per_project: dict[date, list[QualityHistoryPoint]] = defaultdict(list)
    for (user_id, period), jobs in sorted(_last_per_job(points, bucket).items(), key=_key):
        scored = [p for p in jobs.values() if p.accuracy is not None or p.conflicts]
        if not scored:
            continue
        per_person[user_id].append(_conflict_point(period, scored))
        per_project[period].extend(scored)
    return {
        "types": list(CONFLICT_TYPES),
        "annotators": [
            {**_person(u, names), "points": pts} for u, pts in sorted(per_person.items(), key=_user_key)
        ],
        "project": [_conflict_point(period, pts) for period, pts in sorted(per_project.items())],
    }


def _conflict_point(period: date, points: Sequence[QualityHistoryPoint]) -> dict[str, Any]:
    totals = {t: sum(int(p.conflicts.get(t, 0)) for p in points) for t in CONFLICT_TYPES}
    return {"period": period, "jobs": len(points), "conflicts": totals}


def agreement_histogram(agreements: Sequence[tuple[int, float]]) -> dict[str, Any]:
    """Per-frame agreement in bins of 0.1: [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0] (1.0 in the last)."""
    counts = [0] * BINS
    for _, agreement in agreements:
        counts[min(BINS - 1, max(0, int(agreement * BINS + 1e-9)))] += 1
    values = [a for _, a in agreements]
    return {
        "jobs": len({job for job, _ in agreements}),
        "frames": len(agreements),
        "mean_agreement": sum(values) / len(values) if values else None,
        "bins": [
            {"low": round(i / BINS, 1), "high": round((i + 1) / BINS, 1), "frames": counts[i]}
            for i in range(BINS)
        ],
    }


def _key(item: tuple[tuple[int | None, date], Any]) -> tuple[bool, int, date]:
    (user_id, period), _ = item
    return (user_id is None, user_id or 0, period)


def _user_key(item: tuple[int | None, Any]) -> tuple[bool, int]:
    return (item[0] is None, item[0] or 0)
