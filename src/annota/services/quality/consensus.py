"""Consensus: a job replicated to k annotators, then their work merged into it by matching and voting.

- `replicate(session, job_id, k, assignees)`: k `consensus_replica` jobs under the job (2 <= k <= 11),
  over its frames, assigned in order to `assignees` (fewer names leave the rest unassigned).
- `merge_into_parent(session, job_id, rules, merged_by)`: the consensus of the replicas' stored
  annotations (`annota.domain.quality.consensus`) replaces the job's annotations; the agreement of every
  frame is stored, frames below the project's agreement threshold flagged for review.
- `status(session, job_id)`: the replicas, the last merge and its per-frame agreement.

Track states are merged frame by frame, then linked back into tracks where the replicas drew them as
tracks (`annota.domain.quality.consensus_tracks`): a merged video job keeps its objects' identities.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from annota.auth.errors import Refused
from annota.domain.quality import FrameObject, frame_objects_from_wire
from annota.domain.quality.consensus import MAX_REPLICAS, MIN_REPLICAS, merge
from annota.domain.quality.consensus_tracks import LinkedConsensus, link_tracks
from annota.domain.shapes import tag
from annota.domain.shapes.registry import KINDS
from annota.domain.tracks import track_to_dict
from annota.services.quality.settings import ProjectRules
from annota.storage import projects
from annota.storage import quality_consensus as storage
from annota.storage.annotations import load_document, replace_document
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Problem
from annota.storage.quality_tables import ConsensusFrame, ConsensusMerge
from annota.storage.tables import Job, Task

REPLICATED_KINDS = ("annotation", "ground_truth")


@dataclass(frozen=True, slots=True)
class ConsensusStatus:
    job: Job
    replicas: list[Job]
    merge: ConsensusMerge | None
    frames: list[ConsensusFrame]


def replicate(session: Session, job: Job, k: int, assignees: Sequence[int]) -> list[Job]:
    if job.kind not in REPLICATED_KINDS:
        raise Refused("not_replicable", f"a {job.kind} job cannot be replicated", ("path", "job_id"))
    if storage.replicas_of(session, job.id):
        raise Refused("consensus_exists", f"job {job.id} has consensus replicas already", ("path", "job_id"))
    problems = []
    if not MIN_REPLICAS <= k <= MAX_REPLICAS:
        msg = f"must be from {MIN_REPLICAS} to {MAX_REPLICAS}, got {k}"
        problems.append(Problem(("body", "replicas"), msg, "out_of_range"))
    if len(assignees) > k:
        problems.append(Problem(("body", "assignees"), f"more people than the {k} replicas", "too_long"))
    if len(set(assignees)) != len(assignees):
        problems.append(Problem(("body", "assignees"), "each person may hold one replica", "duplicate"))
    if problems:
        raise InvalidValue(problems)
    return storage.add_replicas(session, job, [*assignees, *[None] * (k - len(assignees))])


def merge_into_parent(
    session: Session, job: Job, rules: ProjectRules, merged_by: int | None
) -> ConsensusStatus:
    replicas = storage.replicas_of(session, job.id)
    if len(replicas) < MIN_REPLICAS:
        msg = f"job {job.id} has {len(replicas)} consensus replicas: replicate it first"
        raise Refused("no_replicas", msg, ("path", "job_id"))
    frames = range(job.frame_start, job.frame_stop + 1)
    objects = [frame_objects_from_wire(load_document(session, r.id), frames) for r in replicas]
    result = merge(objects, frames, rules.consensus)
    linked = link_tracks(result, job.frame_stop, _mutable_attributes(session, job))
    replace_document(session, job.id, job.revision, _document(linked))
    storage.record_merge(
        session,
        job.id,
        replicas=len(replicas),
        objects=result.objects,
        mean_agreement=result.mean_agreement,
        merged_by=merged_by,
        frames=[(f.frame, f.agreement, len(f.objects), f.flagged) for f in result.frames],
    )
    session.refresh(job)
    return status(session, job)


def status(session: Session, job: Job) -> ConsensusStatus:
    return ConsensusStatus(
        job,
        storage.replicas_of(session, job.id),
        storage.last_merge(session, job.id),
        storage.frames_of(session, job.id),
    )


def parent_of(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("job", job_id)
    return job


def _mutable_attributes(session: Session, job: Job) -> dict[int, frozenset[str]]:
    task = session.get(Task, job.task_id)
    assert task is not None  # a job's task outlives it
    return {
        label.id: frozenset(a["name"] for a in label.attributes if a.get("mutable"))
        for label in projects.list_labels(session, task.project_id)
    }


def _document(linked: LinkedConsensus) -> dict[str, Any]:
    shapes, tags = [], []
    for kept in linked.objects:
        o = kept.object
        if o.kind == tag.NAME:
            tags.append(_tag(o))
        else:
            shapes.append(_shape(o))
    return {"shapes": shapes, "tracks": [track_to_dict(t) for t in linked.tracks], "tags": tags}


def _shape(o: FrameObject) -> dict[str, Any]:
    assert o.geometry is not None  # only tags have none
    return {
        "id": str(uuid.uuid4()),
        "kind": o.kind,
        "label_id": o.label_id,
        "frame": o.frame,
        "attributes": dict(o.attributes),
        **KINDS[o.kind].dump(o.geometry),
    }


def _tag(o: FrameObject) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "label_id": o.label_id,
        "frame": o.frame,
        "stop_frame": o.frame,
        "attributes": dict(o.attributes),
    }


def status_to_dict(found: ConsensusStatus) -> dict[str, Any]:
    merge_row = found.merge
    return {
        "job_id": found.job.id,
        "replicas": [
            {"job_id": r.id, "assignee_id": r.assignee_id, "stage": r.stage, "state": r.state}
            for r in found.replicas
        ],
        "merge": None
        if merge_row is None
        else {
            "replicas": merge_row.replicas,
            "objects": merge_row.objects,
            "mean_agreement": merge_row.mean_agreement,
            "merged_by": merge_row.merged_by,
            "merged_at": merge_row.merged_at,
        },
        "frames": [
            {
                "frame": f.frame,
                "agreement": f.agreement,
                "objects": f.objects,
                "flagged": f.flagged,
                "link": f"/jobs/{found.job.id}?frame={f.frame}",
            }
            for f in found.frames
        ],
    }
