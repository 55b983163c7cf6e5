"""Consensus objects that came from tracks, linked back into tracks (the video case of docs/quality.md).

`merge` votes frame by frame, so a consensus object only knows which replicas' objects it was made of.
Two consensus objects on different frames are the same object when they share a member: the same track
of the same replica. Linking every pair that shares one gives each merged object's frames; a group
becomes a track when it holds one object per frame, of one kind and one label. Anything else (an object
drawn as shapes, replicas that split or joined tracks differently, a label that changes) stays per-frame
objects, as the vote left them.

The track has a keyframe on every frame of the group (the consensus says where the object is on each
frame, not how anyone keyframed it), an `outside` keyframe after each gap and after its last frame (when
the job goes on), its immutable attributes from its first frame and its mutable ones on each keyframe.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annota.domain.quality.consensus import ConsensusObject, ConsensusResult
from annota.domain.quality.objects import Origin
from annota.domain.shapes.base import Source
from annota.domain.tracks import Keyframe, Track


@dataclass(frozen=True, slots=True)
class LinkedConsensus:
    tracks: tuple[Track, ...]
    objects: tuple[ConsensusObject, ...]  # the rest: written per frame


def link_tracks(
    result: ConsensusResult, last_frame: int, mutable: Mapping[int, frozenset[str]]
) -> LinkedConsensus:
    """`result`'s objects as tracks where their members were tracks; `mutable`: per label id, the names of
    its mutable attributes; `last_frame`: the job's last frame (no `outside` keyframe after it)."""
    nodes = [o for frame in result.frames for o in frame.objects]
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[int, str], int] = {}
    for i, node in enumerate(nodes):
        for member in node.members:
            if member.object.origin != Origin.TRACK:
                continue
            seen = first_with.setdefault((member.replica, member.object.id), i)
            parent[root(i)] = root(seen)
    groups: dict[int, list[int]] = {}
    for i, node in enumerate(nodes):
        if any(m.object.origin == Origin.TRACK for m in node.members):
            groups.setdefault(root(i), []).append(i)
    tracks, linked = [], set()
    for members in groups.values():
        group = sorted((nodes[i] for i in members), key=lambda n: n.object.frame)
        if _one_object(group):
            tracks.append(_track(group, last_frame, mutable.get(group[0].object.label_id, frozenset())))
            linked.update(members)
    rest = tuple(node for i, node in enumerate(nodes) if i not in linked)
    return LinkedConsensus(tuple(tracks), rest)


def _one_object(group: Sequence[ConsensusObject]) -> bool:
    frames = [n.object.frame for n in group]
    first = group[0].object
    return len(set(frames)) == len(frames) and all(
        n.object.kind == first.kind and n.object.label_id == first.label_id and n.object.geometry is not None
        for n in group
    )


def _track(group: Sequence[ConsensusObject], last_frame: int, mutable: frozenset[str]) -> Track:
    keyframes: list[Keyframe] = []
    for node, following in zip(group, [*group[1:], None], strict=True):
        o = node.object
        assert o.geometry is not None  # checked by _one_object
        changing = {name: value for name, value in o.attributes.items() if name in mutable}
        keyframes.append(Keyframe(o.frame, o.geometry, attributes=changing, source=Source.MANUAL))
        gap_after = following is None or following.object.frame > o.frame + 1
        if gap_after and o.frame < last_frame:
            keyframes.append(Keyframe(o.frame + 1, o.geometry, outside=True, attributes=changing))
    first = group[0].object
    fixed = {name: value for name, value in first.attributes.items() if name not in mutable}
    return Track(str(uuid.uuid4()), first.kind, first.label_id, tuple(keyframes), fixed, first.group)
