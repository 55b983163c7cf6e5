"""Ground truth and honeypots: a task's gold frames, chosen by list or by random sample (per job for
honeypots). Only managers make or see them: which frames are gold must not reach the annotators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.quality_control import GroundTruthCreate, GroundTruthPublic
from annota.auth import policy
from annota.services.quality import ground_truth
from annota.storage.tables import Project

router = APIRouter(tags=["quality"])


def _public(found: ground_truth.GroundTruth) -> dict[str, Any]:
    s = found.sampling
    return {
        "job_id": found.job.id,
        "task_id": found.job.task_id,
        "assignee_id": found.job.assignee_id,
        "mode": s.mode,
        "count": s.count,
        "fraction": s.fraction,
        "per_job": s.per_job,
        "seed": s.seed,
        "frames": list(found.frames),
    }


@router.post("/api/tasks/{task_id}/ground-truth", response_model=GroundTruthPublic, status_code=201)
def create_ground_truth(
    task_id: int, body: GroundTruthCreate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """A new ground-truth job over the chosen frames, for trusted people to annotate. With `per_job`, the
    sample is drawn inside each annotation job: those frames become honeypots, scored against this job."""
    task = policy.require_task(session, caller, task_id, "task.manage")
    project = session.get(Project, task.project_id)
    if project is not None:
        policy.require_assignable(session, project, body.assignee_id, "assignee", ("body", "assignee_id"))
    request = ground_truth.GroundTruthRequest(
        body.frames, body.count, body.fraction, body.per_job, body.seed, body.assignee_id
    )
    return _public(ground_truth.create(session, task_id, request, caller.user_id))


@router.get("/api/tasks/{task_id}/ground-truth", response_model=list[GroundTruthPublic])
def list_ground_truth(task_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    """The task's ground-truth jobs and their gold frames."""
    policy.require_task(session, caller, task_id, "task.manage")
    return [_public(found) for found in ground_truth.listed(session, task_id)]
