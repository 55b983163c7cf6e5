from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire

ProjectGroup = Literal["person", "job", "day"]
PersonGroup = Literal["project", "job", "day"]


class ActivityIn(Wire):
    active_seconds: float = Field(
        ge=0, le=300, description="Active (not idle) seconds since the last heartbeat"
    )
    objects_created: int = Field(default=0, ge=0, le=100_000)
    objects_edited: int = Field(default=0, ge=0, le=100_000)


class ActivityRecorded(Public):
    job_id: int
    credited_seconds: int = Field(
        description="Seconds counted (at most the wall time since your last heartbeat)"
    )


class TimeRow(Public):
    user_id: int | None = None
    username: str | None = None
    job_id: int | None = None
    task_id: int | None = None
    project_id: int | None = None
    project_name: str | None = None
    day: date | None = None
    active_seconds: int
    objects_created: int
    objects_edited: int
    jobs: int
    objects_per_hour: float | None = Field(description="Objects created and edited per active hour")


class TimeReport(Public):
    group: str
    rows: list[TimeRow]
