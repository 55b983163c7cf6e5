"""Consensus: replicate a job to k annotators, merge their work into it, read the per-frame agreement.
Managing the job (`job.manage`) is needed for all three: replicas are assignments."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.quality_control import ConsensusCreate, ConsensusPublic
from annota.auth import policy
from annota.services.quality import consensus
from annota.services.quality.settings import rules_of
from annota.storage.tables import Project, Task

router = APIRouter(tags=["quality"])


@router.post("/api/jobs/{job_id}/consensus", response_model=ConsensusPublic, status_code=201)
def replicate(job_id: int, body: ConsensusCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Make `replicas` consensus_replica jobs over the job's frames, assigned in order to `assignees`."""
    job = policy.require_job(session, caller, job_id, "job.manage")
    task = session.get(Task, job.task_id)
    project = session.get(Project, task.project_id) if task is not None else None
    if project is not None:
        for i, user_id in enumerate(body.assignees):
            policy.require_assignable(session, project, user_id, "assignee", ("body", "assignees", i))
    consensus.replicate(session, job, body.replicas, body.assignees)
    return consensus.status_to_dict(consensus.status(session, job))


@router.get("/api/jobs/{job_id}/consensus", response_model=ConsensusPublic)
def read_consensus(job_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    job = policy.require_job(session, caller, job_id, "job.manage")
    return consensus.status_to_dict(consensus.status(session, job))


@router.post("/api/jobs/{job_id}/consensus/merge", response_model=ConsensusPublic)
def merge(job_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    """Merge the replicas into the job: its annotations become their consensus (matching, then label and
    attribute votes); every frame's agreement is stored and low ones flagged for review."""
    job = policy.require_job(session, caller, job_id, "job.manage")
    task = session.get(Task, job.task_id)
    rules = rules_of(session, task.project_id if task is not None else 0)
    return consensus.status_to_dict(consensus.merge_into_parent(session, job, rules, caller.user_id))
