"""A track's state on any frame (docs/interpolation.md, "The state on a frame") and over a range of frames."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from annota.domain.attributes import AttrValue
from annota.domain.interpolation.kinds import Segment, segment
from annota.domain.problems import Problem, ProblemType, raise_if_any
from annota.domain.shapes.base import Geometry, Source
from annota.domain.shapes.registry import kind_of
from annota.domain.tracks import Keyframe, Track


@dataclass(frozen=True, slots=True)
class TrackState:
    """A track on one frame. `keyframe` is True only on a stored keyframe (False: interpolated, held or
    inside an outside span); an `outside` state is absent from the frame (not drawn, not exported as a shape).
    `attributes` holds the track's immutable attributes and the mutable ones in force on this frame."""

    frame: int
    geometry: Geometry
    keyframe: bool
    outside: bool
    occluded: bool
    attributes: Mapping[str, AttrValue]
    source: Source


def shape_at(track: Track, frame: int) -> TrackState | None:
    """The state of `track` on `frame`, or None before its first keyframe."""
    i = bisect_right(track.keyframes, frame, key=_frame_of) - 1
    if i < 0:
        return None
    return _Walk(track).state(i, frame)


def expand(track: Track, start: int, stop: int, step: int = 1) -> list[TrackState]:
    """The states on frames start, start + step, ... up to `stop` included, leaving out frames before the
    first keyframe; outside states are included. Same as `shape_at` frame by frame, in linear time."""
    problems = []
    if step < 1:
        problems.append(Problem(("step",), f"step must be >= 1, got {step}", ProblemType.OUT_OF_RANGE))
    if stop < start:
        problems.append(Problem(("stop",), f"stop {stop} is before start {start}", ProblemType.BOUNDS_ORDER))
    raise_if_any(problems)
    keyframes = track.keyframes
    walk = _Walk(track)
    states: list[TrackState] = []
    i = -1
    for frame in range(start, stop + 1, step):
        if i + 1 < len(keyframes) and keyframes[i + 1].frame <= frame:
            i = bisect_right(keyframes, frame, lo=i + 1, key=_frame_of) - 1
        if i >= 0:
            states.append(walk.state(i, frame))
    return states


def state_to_dict(state: TrackState) -> dict[str, Any]:
    """The wire form of a state: frame, keyframe, outside, occluded, source, attributes and the kind's
    geometry fields (what the vectors in spec/interpolation/ expect)."""
    out: dict[str, Any] = {
        "frame": state.frame,
        "keyframe": state.keyframe,
        "outside": state.outside,
        "occluded": state.occluded,
        "source": state.source.value,
        "attributes": dict(state.attributes),
    }
    out.update(kind_of(state.geometry).dump(state.geometry))
    return out


class _Walk:
    """Rules 2 to 5 for frames visited in increasing order; each keyframe pair's segment is built once."""

    def __init__(self, track: Track) -> None:
        self._track = track
        self._merged_through = -1
        self._attributes: Mapping[str, AttrValue] = MappingProxyType(dict(track.attributes))
        self._segment_from = -1
        self._segment: Segment | None = None

    def state(self, i: int, frame: int) -> TrackState:
        """The state on `frame`, whose previous keyframe (on or before it) is keyframe `i`."""
        keyframes = self._track.keyframes
        previous = keyframes[i]
        on_keyframe = previous.frame == frame
        geometry = previous.geometry
        if not (on_keyframe or previous.outside) and i + 1 < len(keyframes):
            t = (frame - previous.frame) / (keyframes[i + 1].frame - previous.frame)
            geometry = self._segment_after(i)(t)
        return TrackState(
            frame,
            geometry,
            on_keyframe,
            previous.outside,
            previous.occluded,
            self._attributes_through(i),
            previous.source,
        )

    def _attributes_through(self, i: int) -> Mapping[str, AttrValue]:
        if i == self._merged_through:
            return self._attributes
        if i > self._merged_through:  # walking forward: merge only the keyframes passed since
            base, start = self._attributes, self._merged_through + 1
        else:
            base, start = self._track.attributes, 0
        merged = dict(base)
        for keyframe in self._track.keyframes[start : i + 1]:
            merged.update(keyframe.attributes)
        self._attributes, self._merged_through = MappingProxyType(merged), i
        return self._attributes

    def _segment_after(self, i: int) -> Segment:
        if self._segment is None or self._segment_from != i:
            keyframes = self._track.keyframes
            self._segment, self._segment_from = segment(keyframes[i].geometry, keyframes[i + 1].geometry), i
        return self._segment


def _frame_of(keyframe: Keyframe) -> int:
    return keyframe.frame
