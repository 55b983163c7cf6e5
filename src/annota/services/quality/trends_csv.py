"""The quality trends as CSV: one flat row per point, the columns fixed per figure (`FIGURES`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from annota.services.quality.trends import CONFLICT_TYPES
from annota.storage.team_activity import to_csv

Figure = Literal["accuracy", "throughput", "rework", "conflicts", "agreement"]

_PERSON = ("scope", "user_id", "username")
_REWORK = ("jobs", "reworked_jobs", "rework_rate", "rejections", "mean_rounds", "max_rounds")
FIGURES: Mapping[Figure, tuple[str, ...]] = {
    "accuracy": ("user_id", "username", "period", "accuracy", "jobs", "events"),
    "throughput": (
        *_PERSON,
        "period",
        "active_seconds",
        "objects_created",
        "objects_edited",
        "objects_per_hour",
    ),
    "rework": (*_PERSON, *_REWORK),
    "conflicts": (*_PERSON, "period", "jobs", *CONFLICT_TYPES),
    "agreement": ("low", "high", "frames"),
}


def figure_csv(figure: Figure, data: Mapping[str, Any]) -> str:
    """`data` is the figure's answer (as the JSON route returns it)."""
    return to_csv(list(_rows(figure, data)), FIGURES[figure])


def _rows(figure: Figure, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    if figure == "accuracy":
        for person in data["annotators"]:
            for point in person["points"]:
                yield {"user_id": person["user_id"], "username": person["username"], **point}
    elif figure == "throughput":
        yield from _per_scope(data, lambda point: point)
    elif figure == "rework":
        yield {"scope": "project", **data["project"]}
        for person in data["annotators"]:
            yield {"scope": "annotator", **person}
    elif figure == "conflicts":
        yield from _per_scope(data, lambda point: {**point, **point["conflicts"]})
    else:
        yield from data["bins"]


def _per_scope(
    data: Mapping[str, Any], flat: Callable[[dict[str, Any]], dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    points: Sequence[dict[str, Any]] = data["project"]
    for point in points:
        yield {"scope": "project", **flat(point)}
    for person in data["annotators"]:
        for point in person["points"]:
            yield {"scope": "annotator", "user_id": person["user_id"], "username": person["username"],
                   **flat(point)}  # fmt: skip
