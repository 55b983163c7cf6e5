"""How a tracker's run enters a track (docs/background-jobs.md, "Re-tracking"). Pure: no I/O.

A run starts on a keyframe (`start`) and produces keyframes on the frames after it, marked
``source=tracker``. Applying it to the stored track:

- every tracker keyframe after `start` is replaced by the run's (the run so far: applying the same
  run again, or the same run re-done after a worker died, gives the same track);
- every other keyframe is kept: manual (and imported, model) keyframes anywhere, and tracker
  keyframes up to `start`;
- on a frame where a kept keyframe exists, the kept one wins (a correction is never overwritten).

So correcting a tracked frame and tracking again from it keeps the correction and everything before
it, and replaces what the tracker had guessed after it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label
from annota.domain.shapes.base import Shape, Source
from annota.domain.tracks import Keyframe, Track


def apply_run(stored: Track, start: int, run: Sequence[Keyframe]) -> Track:
    kept = [k for k in stored.keyframes if k.frame <= start or k.source is not Source.TRACKER]
    taken = {k.frame for k in kept}
    merged = sorted([*kept, *(k for k in run if k.frame not in taken)], key=lambda k: k.frame)
    return dataclasses.replace(stored, keyframes=tuple(merged))


def anchors_after(track: Track, start: int) -> dict[int, Keyframe]:
    """Keyframes after `start` that a run keeps and restarts from (all but the tracker's own)."""
    return {k.frame: k for k in track.keyframes if k.frame > start and k.source is not Source.TRACKER}


def last_correction(track: Track) -> Keyframe | None:
    """Where tracking starts by default: the last keyframe not made by the tracker that is not outside."""
    candidates = [k for k in track.keyframes if k.source is not Source.TRACKER and not k.outside]
    return candidates[-1] if candidates else None


def track_of_shape(shape: Shape, track_id: str, label: Label | None) -> Track:
    """A one-keyframe track standing for a single-frame shape (its attributes split by the label:
    mutable ones on the keyframe, the others on the track)."""
    mutable = {spec.name for spec in label.attributes if spec.mutable} if label is not None else set()
    on_keyframe: Mapping[str, AttrValue] = {k: v for k, v in shape.attributes.items() if k in mutable}
    on_track = {k: v for k, v in shape.attributes.items() if k not in mutable}
    keyframe = Keyframe(shape.frame, shape.geometry, False, shape.occluded, on_keyframe, shape.source)
    return Track(
        track_id, shape.kind, shape.label_id, (keyframe,), on_track, shape.group, shape.source, shape.z_order
    )
