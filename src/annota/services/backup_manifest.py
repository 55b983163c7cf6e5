"""The shape of `backup.json`, the manifest of a project backup (version 1), checked on restore.

Validation gives every problem located in the file (``backup.json: tasks[0].jobs[2].frame_stop:
...``) before anything is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from annota.storage.problems import Problem

FORMAT = "annota-backup"
VERSION = 1
MANIFEST = "backup.json"
MEDIA_DIR = "media"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LabelEntry(_Strict):
    id: int
    name: str
    color: str
    kind: str
    attributes: list[dict[str, Any]]
    skeleton: dict[str, Any] | None
    position: int


class MediaEntry(_Strict):
    frame: int = Field(ge=0)
    name: str
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    size_bytes: int = Field(ge=0)
    mime: str
    width: int | None
    height: int | None
    # A connected bucket's object (content_hash names where it is, not what it holds): the SHA-256 of its
    # bytes, under which the archive carries them. Restored elsewhere, it becomes media of the server's own.
    bytes_hash: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class JobEntry(_Strict):
    frame_start: int = Field(ge=0)
    frame_stop: int = Field(ge=0)
    kind: str
    stage: str
    state: str
    priority: int
    deadline: datetime | None
    assignee: str | None = Field(description="username")
    reviewer: str | None
    annotations: dict[str, list[dict[str, Any]]]


class TaskEntry(_Strict):
    name: str
    subset: str
    media_kind: str
    segment_size: int
    overlap: int
    frame_start: int
    frame_stop: int | None
    frame_step: int
    deadline: datetime | None
    media: list[MediaEntry]
    video_index: dict[str, Any] | None = None
    jobs: list[JobEntry]


class ProjectEntry(_Strict):
    name: str
    description: str
    guidelines: str
    deadline: datetime | None


class Manifest(_Strict):
    format: Literal["annota-backup"]
    version: Literal[1]
    annota_version: str
    created_at: datetime
    with_media: bool
    project: ProjectEntry
    labels: list[LabelEntry]
    tasks: list[TaskEntry]


def parse(raw: bytes) -> Manifest:
    """The manifest in `raw`; raises InvalidBackup with every problem located."""
    try:
        return Manifest.model_validate_json(raw)
    except ValidationError as error:
        found = error.errors(include_url=False)
        raise InvalidBackup(
            [Problem(tuple(item["loc"]), item["msg"], item["type"]) for item in found]
        ) from None


class InvalidBackup(ValueError):
    """A backup that cannot be restored; each problem is located in `backup.json` (or names a file)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"{MANIFEST}: {p}" for p in problems[:20])
        more = f"\n(+{len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the backup:\n{shown}{more}")
