"""Tracker-assisted annotation: follow a track (or a single-frame shape) forward in a background job.

The request is checked at once (422 with every problem located); the job then writes keyframes marked
``source=tracker`` into the track as it goes. Poll the job for progress and reload the annotations
to see the keyframes arrive; cancelling keeps what was tracked so far.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from annota.api.deps import AppSettings, Caller
from annota.api.routes.background import Db, Queue, job_public
from annota.api.schemas.background import BackgroundJobPublic
from annota.api.schemas.tracking import TrackingCreate
from annota.auth import policy
from annota.auth.policy import Access
from annota.jobs import service
from annota.jobs.tracking.plan import plan_tracking
from annota.storage.tables import Task

router = APIRouter(tags=["tracking"])


@router.post("/api/jobs/{job_id}/tracking", response_model=BackgroundJobPublic, status_code=202)
def start_tracking(
    job_id: int, body: TrackingCreate, caller: Caller, database: Db, settings: AppSettings, queue: Queue
) -> dict[str, Any]:
    """Track forward from the track's last correction (or `from_frame`) for `frames` frames or up to
    `until_frame`, within the job's frames. Keyframes the tracker wrote after the start are replaced;
    the others are kept and restart the tracker where it meets them."""
    with database.session() as session:
        job = policy.require_job(session, caller, job_id, Access.ANNOTATE)
        task = session.get(Task, job.task_id)
        assert task is not None
        plan = plan_tracking(session, job, **body.model_dump())
        project_id = task.project_id
    row = service.submit(
        settings,
        database,
        queue,
        kind="tracking",
        params=plan.params(),
        created_by=caller.user_id,
        project_id=project_id,
    )
    return job_public(service.states(queue, [row])[0])
