"""Consensus of k annotators: their objects on a frame grouped by matching, then voted on (docs/quality.md).

On each frame the replicas are taken in order. The first replica's objects each start a *cluster*; the
objects of every later replica are paired (Hungarian, regardless of label, at `iou_threshold`) with the
first object of each cluster, and an object left alone starts a cluster of its own. A cluster becomes a
consensus object when at least `quorum` of the replicas drew it; its label is the most voted one, each
attribute takes the value most voted by the members of that label, and its geometry is that of the member
most similar to the others of that label (the medoid: no averaged polygon drawn by nobody). Ties go to
the earlier replica.

A frame's **agreement** is the mean, over its clusters, of the share of replicas that drew the object
with the winning label (1 when no replica drew anything); frames below `agreement_threshold` are flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from annota.domain.attributes import AttrValue
from annota.domain.problems import DomainValidationError, Problem, ProblemType
from annota.domain.quality.frame import measure_frame
from annota.domain.quality.matching import match
from annota.domain.quality.objects import FrameObject
from annota.domain.quality.settings import LabelMatching, MatchMethod, QualitySettings

MIN_REPLICAS, MAX_REPLICAS = 2, 11


@dataclass(frozen=True, slots=True)
class ConsensusSettings:
    quorum: float = 0.5  # share of the replicas that must have drawn an object for it to be kept
    agreement_threshold: float = 0.5  # frames whose agreement is below are flagged for review
    matching: QualitySettings = field(default_factory=QualitySettings)

    def __post_init__(self) -> None:
        problems = [
            Problem((name,), f"must be in (0, 1], got {value}", ProblemType.OUT_OF_RANGE)
            for name, value in (("quorum", self.quorum), ("agreement_threshold", self.agreement_threshold))
            if not 0 < value <= 1
        ]
        if problems:
            raise DomainValidationError(problems)


@dataclass(frozen=True, slots=True)
class Member:
    replica: int  # position of the replica in the list given to `merge`
    object: FrameObject


@dataclass(frozen=True, slots=True)
class ConsensusObject:
    """A kept cluster: `object` carries the voted label and attributes and the medoid's geometry."""

    object: FrameObject
    members: tuple[Member, ...]
    votes: int  # members that gave the winning label


@dataclass(frozen=True, slots=True)
class FrameConsensus:
    frame: int
    objects: tuple[ConsensusObject, ...]
    clusters: int  # kept or not
    agreement: float
    flagged: bool


@dataclass(frozen=True, slots=True)
class ConsensusResult:
    replicas: int
    frames: tuple[FrameConsensus, ...]

    @property
    def objects(self) -> int:
        return sum(len(f.objects) for f in self.frames)

    @property
    def mean_agreement(self) -> float | None:
        return sum(f.agreement for f in self.frames) / len(self.frames) if self.frames else None

    def flagged(self) -> list[FrameConsensus]:
        return [f for f in self.frames if f.flagged]


def merge(
    replicas: Sequence[Mapping[int, Sequence[FrameObject]]],
    frames: Sequence[int],
    settings: ConsensusSettings | None = None,
) -> ConsensusResult:
    """The consensus of the replicas' objects (each a mapping frame -> objects) on each of `frames`."""
    if not MIN_REPLICAS <= len(replicas) <= MAX_REPLICAS:
        msg = f"a consensus needs {MIN_REPLICAS} to {MAX_REPLICAS} replicas, got {len(replicas)}"
        raise DomainValidationError([Problem(("replicas",), msg, ProblemType.OUT_OF_RANGE)])
    settings = settings or ConsensusSettings()
    matching = replace(
        settings.matching, label_matching=LabelMatching.ANY_LABEL, method=MatchMethod.HUNGARIAN
    )
    out = []
    for frame in sorted(set(frames)):
        clusters = _clusters([r.get(frame, ()) for r in replicas], matching)
        kept = [_voted(c, matching) for c in clusters if len(c) / len(replicas) >= settings.quorum - 1e-12]
        shares = [_winning_votes(c) / len(replicas) for c in clusters]
        agreement = sum(shares) / len(shares) if shares else 1.0
        out.append(
            FrameConsensus(
                frame, tuple(kept), len(clusters), agreement, agreement < settings.agreement_threshold
            )
        )
    return ConsensusResult(len(replicas), tuple(out))


def _clusters(per_replica: Sequence[Sequence[FrameObject]], settings: QualitySettings) -> list[list[Member]]:
    clusters: list[list[Member]] = []
    for replica, objects in enumerate(per_replica):
        seeds = [c[0].object for c in clusters]
        joined: set[int] = set()
        for lists, similarity in measure_frame(objects, seeds, settings):
            a_objects, r_objects = lists.side_by_side(objects, seeds)
            found = match(a_objects, r_objects, similarity, settings)
            for i, j in found.same_label + found.other_label:
                clusters[lists.reference[j]].append(Member(replica, objects[lists.annotated[i]]))
                joined.add(lists.annotated[i])
        clusters.extend([Member(replica, o)] for i, o in enumerate(objects) if i not in joined)
    return clusters


def _winning_label(cluster: Sequence[Member]) -> int:
    votes = Counter(m.object.label_id for m in cluster)
    best = max(votes.values())
    return next(m.object.label_id for m in cluster if votes[m.object.label_id] == best)


def _winning_votes(cluster: Sequence[Member]) -> int:
    label = _winning_label(cluster)
    return sum(1 for m in cluster if m.object.label_id == label)


def _voted(cluster: Sequence[Member], settings: QualitySettings) -> ConsensusObject:
    label = _winning_label(cluster)
    voters = [m for m in cluster if m.object.label_id == label]
    medoid = _medoid([m.object for m in voters], settings)
    merged = replace(medoid, label_id=label, attributes=_voted_attributes([m.object for m in voters]))
    return ConsensusObject(merged, tuple(cluster), len(voters))


def _medoid(objects: Sequence[FrameObject], settings: QualitySettings) -> FrameObject:
    if len(objects) <= 2:
        return objects[0]
    # One family (they were paired), so one matrix.
    ((_, similarity),) = measure_frame(objects, objects, settings)
    return objects[int(np.argmax(similarity.sum(axis=1)))]


def _voted_attributes(objects: Sequence[FrameObject]) -> dict[str, AttrValue]:
    out: dict[str, AttrValue] = {}
    names = list(dict.fromkeys(name for o in objects for name in o.attributes))
    for name in names:
        values = [o.attributes[name] for o in objects if name in o.attributes]
        votes = Counter(values)
        best = max(votes.values())
        out[name] = next(v for v in values if votes[v] == best)
    return out
