"""The ``tracking`` job: follow a track (or a single-frame shape) forward with an OpenCV tracker.

Frame after frame from the plan's first frame: a kept keyframe on the way (a correction) restarts
the tracker from it (an outside one stops the run: the object left); elsewhere the tracker's answer
becomes a keyframe marked ``source=tracker``; a lost object gets an outside keyframe and ends the
run. The track is saved every `SAVE_EVERY_S` (the editor polls the job and reads the keyframes saved
since the last poll, `GET /api/jobs/{job_id}/tracks/{track_id}?since_frame=N`), through
`storage.annotations.save_diff` with the job's revision, reloading and merging again when someone
saved in between. Cancelling keeps what was tracked so far.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from annota.domain.shapes.base import Geometry, Source
from annota.domain.tracks import Keyframe, Track, track_to_dict
from annota.jobs.context import JobContext
from annota.jobs.errors import JobCancelled, JobFailed, RetryLater, error_item, gone
from annota.jobs.tracking.frames import FrameSource, open_frames
from annota.jobs.tracking.keyframes import anchors_after, apply_run, track_of_shape
from annota.jobs.tracking.plan import TrackingPlan, job_revision, stored_shape, stored_track
from annota.jobs.tracking.trackers import TRACKERS
from annota.storage.annotations import save_diff
from annota.storage.errors import InvalidDiff, StaleRevision
from annota.storage.projects import domain_labels
from annota.storage.tables import Job, Task

# How often the run so far is saved: how soon the editor can show new keyframes (each save is one
# revision of the job).
SAVE_EVERY_S = 0.5
SAVE_ATTEMPTS = 5


def run(context: JobContext) -> None:
    plan = TrackingPlan.from_params(context.params)
    with context.database.session() as session:
        job = session.get(Job, plan.job_id)
        task = session.get(Task, job.task_id) if job is not None else None
        if job is None or task is None:
            raise gone("annotation job", "job_id")
        track = _track(session, plan, task.project_id)
        frames = open_frames(session, context.settings, task, plan.from_frame, plan.until_frame)
    try:
        _follow(context, plan, track, frames, task.project_id)
    finally:
        frames.close()


def _track(session: Session, plan: TrackingPlan, project_id: int) -> Track:
    """The track as stored (or the shape as a track, before the first save converts it)."""
    track = stored_track(session, plan.job_id, plan.track_id)
    if track is not None:
        return track
    shape = stored_shape(session, plan.job_id, plan.shape_id) if plan.shape_id is not None else None
    if shape is None:
        what, where = ("shape", "shape_id") if plan.shape_id is not None else ("track", "track_id")
        raise gone(what, where)
    return track_of_shape(shape, plan.track_id, domain_labels(session, project_id).get(shape.label_id))


def _follow(
    context: JobContext, plan: TrackingPlan, track: Track, frames: FrameSource, project_id: int
) -> None:
    first = track.keyframe_at(plan.from_frame)
    if first is None or first.outside:
        msg = f"frame {plan.from_frame} is no longer a keyframe of the track"
        raise JobFailed(msg, [error_item(("from_frame",), msg, "not_a_keyframe")])
    follower = TRACKERS[plan.tracker].make()
    try:
        follower.start(frames.image(plan.from_frame), first.geometry)
    except ValueError as error:
        raise JobFailed(str(error), [error_item(("track_id",), str(error), "untrackable")]) from None
    anchors = anchors_after(track, plan.from_frame)
    writer = _Writer(context, plan, project_id)
    tracked: list[Keyframe] = []
    total = plan.until_frame - plan.from_frame
    lost_at = None
    try:
        for frame in range(plan.from_frame + 1, plan.until_frame + 1):
            done = (frame - plan.from_frame - 1) / total
            context.report(0.99 * done, f"tracking frame {frame} of {plan.until_frame}")
            anchor = anchors.get(frame)
            if anchor is not None:
                if anchor.outside:
                    break
                follower.start(frames.image(frame), anchor.geometry)
                continue
            geometry = follower.follow(frames.image(frame))
            if geometry is None:
                lost_at = frame
                last = tracked[-1].geometry if tracked else first.geometry
                tracked.append(_keyframe(frame, last, first, outside=True))
                break
            tracked.append(_keyframe(frame, geometry, first))
            writer.save_now_and_then(tracked)
            if plan.frame_delay_ms > 0:
                time.sleep(plan.frame_delay_ms / 1000)
    except JobCancelled:
        writer.save(tracked)
        raise
    writer.save(tracked, outcome={"keyframes": len(tracked), "lost_at": lost_at})


def _keyframe(frame: int, geometry: Geometry, first: Keyframe, *, outside: bool = False) -> Keyframe:
    return Keyframe(frame, geometry, outside, first.occluded and not outside, {}, Source.TRACKER)


class _Writer:
    def __init__(self, context: JobContext, plan: TrackingPlan, project_id: int) -> None:
        self.context, self.plan, self.project_id = context, plan, project_id
        self._saved_at = time.monotonic()
        self._saved_count = 0

    def save_now_and_then(self, tracked: Sequence[Keyframe]) -> None:
        if time.monotonic() - self._saved_at >= SAVE_EVERY_S and len(tracked) > self._saved_count:
            self.save(tracked)

    def save(self, tracked: Sequence[Keyframe], outcome: dict[str, Any] | None = None) -> None:
        """Write the run so far; with `outcome`, also mark the job succeeded in the same transaction."""
        for _ in range(SAVE_ATTEMPTS):
            try:
                with self.context.guarded() as session:
                    revision = self._write(session, tracked)
                    if outcome is not None:
                        result = {**self.plan.params(), **outcome, "revision": revision}
                        self.context.succeed(session, result, _message(self.plan, tracked, outcome))
            except StaleRevision:
                continue  # someone saved the job in between: reload, merge again
            except InvalidDiff as error:
                problems = [error_item(p.loc, p.msg, p.type) for p in error.problems]
                raise JobFailed("the tracked keyframes were refused", problems) from None
            self._saved_at, self._saved_count = time.monotonic(), len(tracked)
            return
        raise RetryLater("the job's annotations kept changing during the save", 5.0)

    def _write(self, session: Session, tracked: Sequence[Keyframe]) -> int:
        plan = self.plan
        revision = job_revision(session, plan.job_id)
        stored = stored_track(session, plan.job_id, plan.track_id)
        if stored is not None:
            updated = apply_run(stored, plan.from_frame, tracked)
            if track_to_dict(updated) == track_to_dict(stored):
                return revision
            return save_diff(session, plan.job_id, revision, {"tracks": {"update": [track_to_dict(updated)]}})
        track = _track(session, plan, self.project_id)
        diff = {
            "shapes": {"delete": [plan.shape_id]},
            "tracks": {"create": [track_to_dict(apply_run(track, plan.from_frame, tracked))]},
        }
        return save_diff(session, plan.job_id, revision, diff)


def _message(plan: TrackingPlan, tracked: Sequence[Keyframe], outcome: dict[str, Any]) -> str:
    if outcome.get("lost_at") is not None:
        return f"lost the object on frame {outcome['lost_at']} after {len(tracked) - 1} frames"
    return f"tracked {len(tracked)} frames from frame {plan.from_frame}"
