"""A tracking request checked against the job's annotations and turned into a plan, before it is queued.

The plan is complete (the track's id, the first and last frame), so every attempt of the job does
the same thing: a worker that died half-way is replaced by one that redoes exactly the same run.

Starting from a single-frame shape: the plan names the track the shape becomes (a new id); the first
save deletes the shape and creates that track, and a later attempt finds the track already there.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.domain.shapes.base import Shape
from annota.domain.shapes.codec import shape_from_dict
from annota.domain.tracks import Track, track_from_dict
from annota.jobs.tracking.keyframes import last_correction
from annota.jobs.tracking.trackers import TRACKERS
from annota.storage.annotation_rows import SHAPE_SELECT, SHAPES, TRACK_SELECT, TRACKS, shape_wire, track_wire
from annota.storage.errors import Invalid
from annota.storage.problems import Problem
from annota.storage.tables import Job


@dataclass(frozen=True, slots=True)
class TrackingPlan:
    job_id: int
    track_id: str  # the track the run writes into
    shape_id: str | None  # the shape it starts from, when it started from a shape
    from_frame: int
    until_frame: int  # inclusive
    tracker: str
    # A pause after each frame, in milliseconds: slows a run down for demonstrations and tests
    # (watching keyframes arrive, stopping half-way); 0 in real use.
    frame_delay_ms: int = 0

    def params(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> TrackingPlan:
        return cls(
            int(params["job_id"]),
            str(params["track_id"]),
            None if params.get("shape_id") is None else str(params["shape_id"]),
            int(params["from_frame"]),
            int(params["until_frame"]),
            str(params["tracker"]),
            int(params.get("frame_delay_ms", 0)),
        )


def stored_track_wire(session: Session, job_id: int, track_id: str) -> dict[str, Any] | None:
    """Track `track_id` of job `job_id` in the wire form (ADR 0001), or None."""
    query = select(*TRACK_SELECT).where(TRACKS.c.id == track_id, TRACKS.c.job_id == job_id)
    row = session.execute(query).first()
    return None if row is None else dict(track_wire(tuple(row)))


def stored_track(session: Session, job_id: int, track_id: str) -> Track | None:
    wire = stored_track_wire(session, job_id, track_id)
    return None if wire is None else track_from_dict(wire)


def job_revision(session: Session, job_id: int) -> int:
    return int(session.scalar(select(Job.revision).where(Job.id == job_id)) or 0)


def stored_shape(session: Session, job_id: int, shape_id: str) -> Shape | None:
    query = select(*SHAPE_SELECT).where(SHAPES.c.id == shape_id, SHAPES.c.job_id == job_id)
    row = session.execute(query).first()
    return None if row is None else shape_from_dict(shape_wire(tuple(row)))


def plan_tracking(
    session: Session,
    job: Job,
    *,
    tracker: str,
    track_id: str | None = None,
    shape_id: str | None = None,
    frames: int | None = None,
    until_frame: int | None = None,
    from_frame: int | None = None,
    frame_delay_ms: int = 0,
) -> TrackingPlan:
    """The plan for this request on annotation job `job`; Invalid (422) with every problem located in
    the request body otherwise."""
    problems: list[Problem] = []
    spec = TRACKERS.get(tracker)
    if spec is None:
        problems.append(Problem(("body", "tracker"), f"expected one of {', '.join(TRACKERS)}", "enum"))
    if (track_id is None) == (shape_id is None):
        problems.append(Problem(("body", "track_id"), "give either track_id or shape_id", "one_of"))
    if (frames is None) == (until_frame is None):
        problems.append(Problem(("body", "frames"), "give either frames or until_frame", "one_of"))
    if problems:
        raise Invalid(problems)
    kind, start, target = _start(session, job, track_id, shape_id, from_frame, problems)
    if spec is not None and kind is not None and kind != spec.kind:
        msg = f"{tracker} follows {spec.kind} annotations, not {kind}"
        problems.append(Problem(("body", "tracker"), msg, "kind_not_allowed"))
    end = None
    if start is not None:
        end = start + frames if frames is not None else until_frame
        assert end is not None
        if end <= start:
            where = ("body", "frames" if frames is not None else "until_frame")
            problems.append(Problem(where, f"must reach past frame {start}", "out_of_range"))
        elif start >= job.frame_stop:
            where = ("body", "from_frame")
            msg = f"frame {start} is the job's last: nothing to track"
            problems.append(Problem(where, msg, "out_of_range"))
        end = min(end, job.frame_stop)
    if problems:
        raise Invalid(problems)
    assert start is not None and end is not None and target is not None
    return TrackingPlan(job.id, target, shape_id, start, end, tracker, frame_delay_ms)


def _start(
    session: Session,
    job: Job,
    track_id: str | None,
    shape_id: str | None,
    from_frame: int | None,
    problems: list[Problem],
) -> tuple[str | None, int | None, str | None]:
    """(kind, first frame, id of the track written) of the annotation the run starts from."""
    if shape_id is not None:
        shape = stored_shape(session, job.id, shape_id)
        if shape is None:
            msg = f"no shape {shape_id!r} in job {job.id}"
            problems.append(Problem(("body", "shape_id"), msg, "unknown_id"))
            return None, None, None
        if from_frame is not None and from_frame != shape.frame:
            msg = f"the shape is on frame {shape.frame}: tracking starts there"
            problems.append(Problem(("body", "from_frame"), msg, "out_of_range"))
        return shape.kind, shape.frame, str(uuid.uuid4())
    assert track_id is not None
    track = stored_track(session, job.id, track_id)
    if track is None:
        problems.append(Problem(("body", "track_id"), f"no track {track_id!r} in job {job.id}", "unknown_id"))
        return None, None, None
    if from_frame is None:
        start = last_correction(track)
        if start is None:
            msg = "no keyframe to start from (all are outside or made by the tracker): give from_frame"
            problems.append(Problem(("body", "from_frame"), msg, "missing"))
            return track.kind, None, track.id
        return track.kind, start.frame, track.id
    keyframe = track.keyframe_at(from_frame)
    if keyframe is None or keyframe.outside:
        msg = (
            f"frame {from_frame} is not a keyframe of the track"
            if keyframe is None
            else f"the track is outside on frame {from_frame}"
        )
        problems.append(Problem(("body", "from_frame"), msg, "not_a_keyframe"))
        return track.kind, None, track.id
    return track.kind, from_frame, track.id
