"""Dataset imports and exports as background jobs."""

from __future__ import annotations

from pydantic import Field

from annota.api.schemas.common import Wire


class ExportCreate(Wire):
    format: str = Field(min_length=1, max_length=64, description="A format name, as `annota formats` lists")
    with_images: bool = Field(default=False, description="Put the original images in the zip")
    annotated_only: bool = Field(default=False, description="Leave out frames without annotations")
    task_id: int | None = Field(default=None, description="Export this task only (default: the project)")
