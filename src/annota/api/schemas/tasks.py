from __future__ import annotations

from datetime import datetime

from pydantic import Field

from annota.api.schemas.common import Public, Wire


class TaskCreate(Wire):
    project_id: int
    name: str = Field(min_length=1, max_length=200)
    subset: str = Field(default="", max_length=64, description="Dataset subset: train, val, test…")
    segment_size: int = Field(default=0, ge=0, description="Frames per job; 0 makes one job")
    overlap: int = Field(default=0, ge=0, description="Frames shared by consecutive jobs")
    frame_start: int = Field(default=0, ge=0, description="Video: first source frame used")
    frame_stop: int | None = Field(
        default=None, ge=0, description="Video: last source frame used (inclusive)"
    )
    frame_step: int = Field(default=1, ge=1, description="Video: use every n-th source frame")
    deadline: datetime | None = None


class TaskUpdate(Wire):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    subset: str | None = Field(default=None, max_length=64)
    deadline: datetime | None = None


class TaskPublic(Public):
    id: int
    project_id: int
    name: str
    owner_id: int
    subset: str
    media_kind: str
    segment_size: int
    overlap: int
    frame_start: int
    frame_stop: int | None
    frame_step: int
    deadline: datetime | None
    created_at: datetime
    updated_at: datetime
    media_count: int = 0
    job_count: int = 0


class MediaPublic(Public):
    id: int
    task_id: int
    frame: int
    name: str
    width: int | None
    height: int | None
    mime: str
    size_bytes: int
    annotation_count: int = Field(default=0, description="Shapes and tags on this frame in the task's jobs")


class MediaAdded(Public):
    added: int
    frames: list[int] = Field(description="Frame index of each added item, in order")


class ShareImport(Wire):
    paths: list[str] = Field(min_length=1, description="Paths relative to the server's share root")


class JobPublic(Public):
    id: int
    task_id: int
    frame_start: int
    frame_stop: int
    revision: int
    stage: str
    state: str
    kind: str
    assignee_id: int | None
    reviewer_id: int | None
    priority: int
    deadline: datetime | None
    updated_at: datetime
    open_issues: int = Field(default=0, description="Review issues of the job still open")
    assignee_name: str | None = Field(default=None, description="The assignee's username")
    reviewer_name: str | None = Field(default=None, description="The reviewer's username")


class JobUpdate(Wire):
    assignee_id: int | None = None
    reviewer_id: int | None = None
    stage: str | None = None
    state: str | None = None
    priority: int | None = None
    deadline: datetime | None = None
