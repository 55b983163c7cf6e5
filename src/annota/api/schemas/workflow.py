from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public, Wire
from annota.api.schemas.tasks import JobPublic

Action = Literal["start", "submit", "recall", "start_review", "reject", "accept", "reopen"]


class WorkflowPublic(Public):
    project_id: int
    self_assign: bool
    pool_available: int | None = Field(description="Unassigned jobs you may claim; null if you may not claim")


class WorkflowUpdate(Wire):
    self_assign: bool | None = None


class TransitionPublic(Public):
    action: str
    to_stage: str
    to_state: str
    description: str


class TransitionRequest(Wire):
    action: Action
    open_next: bool = Field(default=False, description="Also return the caller's next job to open")


class TransitionResult(Public):
    job: JobPublic
    next_job: JobPublic | None = None


class AssignmentRequest(Wire):
    users: list[int] = Field(min_length=1, description="User ids to share the jobs among, in order")
    strategy: Literal["round_robin", "frame_count"] = "round_robin"
    seat: Literal["assignee", "reviewer"] = "assignee"
    job_ids: list[int] | None = Field(
        default=None, description="Jobs to assign; all of the project's if absent"
    )
    only_unassigned: bool = Field(
        default=True, description="Leave jobs that already have someone in the seat"
    )


class AssignedPublic(Public):
    job_id: int
    user_id: int
    frames: int


class AssignmentResult(Public):
    assigned: list[AssignedPublic]


class WorkItem(Public):
    job_id: int
    task_id: int
    task_name: str
    project_id: int
    project_name: str
    role: str = Field(description="assignee (to annotate) or reviewer (to review)")
    stage: str
    state: str
    priority: int
    frame_start: int
    frame_stop: int
    due: datetime | None
    overdue: bool
    open_issues: int


class OverdueJob(Public):
    job_id: int
    task_id: int
    assignee_id: int | None
    reviewer_id: int | None
    assignee_name: str | None = None
    reviewer_name: str | None = None
    stage: str
    state: str
    due: datetime | None


class PersonLoad(Public):
    user_id: int
    username: str
    annotating: int = Field(description="Jobs in annotation assigned to them")
    reviewing: int = Field(description="Jobs in validation they review")
    frames: int = Field(description="Frames of the jobs they annotate")
    overdue: int
    done: int = Field(description="Their jobs accepted")


class Dashboard(Public):
    project_id: int
    jobs: int
    completed: int
    frames_total: int
    open_issues: int
    progress: dict[str, dict[str, int]] = Field(description="Jobs by stage, then state")
    overdue: list[OverdueJob]
    load: list[PersonLoad]
