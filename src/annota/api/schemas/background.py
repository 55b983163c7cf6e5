"""Background jobs on the wire: imports, exports and tracking runs the caller may see."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from annota.api.schemas.common import ErrorItem, Public

JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]


class BackgroundJobPublic(Public):
    id: int
    kind: str = Field(description="import, export or tracking")
    status: JobStatus
    progress: float = Field(ge=0, le=1, description="0..1; live while running")
    message: str = Field(description="What the job is doing, or how it ended")
    created_by: int | None
    project_id: int | None
    params: dict[str, Any] = Field(description="What was asked (the kind's parameters)")
    result: dict[str, Any] | None = Field(
        description="How it ended well: an import summary, an export file..."
    )
    errors: list[ErrorItem] | None = Field(description="Why it failed, every problem located")
    cancel_requested: bool
    attempt: int = Field(description="How many times a worker started it (retries after a crash count)")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    download_url: str | None = Field(default=None, description="The export file, once it succeeded")
