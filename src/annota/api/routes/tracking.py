"""Tracker-assisted annotation: follow a track (or a single-frame shape) forward in a background job.

The request is checked at once (422 with every problem located); the job then writes keyframes marked
``source=tracker`` into the track as it goes (every half second). Poll the job for progress and read
the keyframes saved since the last poll with ``GET /api/jobs/{job_id}/tracks/{track_id}?since_frame=N``;
cancelling keeps what was tracked so far.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from starlette.responses import Response

from annota.api.deps import AppSettings, Caller, ReadSession
from annota.api.errors import ApiError
from annota.api.responses import OrjsonResponse
from annota.api.routes.background import Db, Queue, job_public
from annota.api.schemas.background import BackgroundJobPublic
from annota.api.schemas.tracking import TrackingCreate, TrackKeyframes
from annota.auth import policy
from annota.auth.policy import Access
from annota.jobs import service
from annota.jobs.tracking.plan import job_revision, plan_tracking, stored_track_wire
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


@router.get("/api/jobs/{job_id}/tracks/{track_id}", response_model=TrackKeyframes)
def read_track(
    job_id: int,
    track_id: str,
    caller: Caller,
    session: ReadSession,
    since_frame: int | None = Query(default=None, ge=-1, description="Only keyframes after this frame"),
) -> Response:
    """One track of the job as stored now, with the job revision: what a tracker run has written so
    far. With `since_frame`, only the keyframes after that frame (the editor asks for what is new)."""
    policy.require_job(session, caller, job_id, Access.VIEW)
    track = stored_track_wire(session, job_id, track_id)
    if track is None:
        raise ApiError(404, f"no track {track_id!r} in job {job_id}", "not_found", ("path", "track_id"))
    if since_frame is not None:
        track = {**track, "keyframes": [k for k in track["keyframes"] if k["frame"] > since_frame]}
    body = {"revision": job_revision(session, job_id), "since_frame": since_frame, "track": track}
    return OrjsonResponse(body)
