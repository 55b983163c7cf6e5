"""The objects present on each frame, whatever they were drawn as: shapes, track states and tags.

A comparison is made frame by frame, so a document is first turned into `FrameObject`s per frame: shapes that
are not `outside`, the interpolated state of every track on every frame where it is not outside
(docs/interpolation.md) and every tag covering the frame. An object keeps the id it has in the document (a
track's id on each of its frames), so a conflict leads to that frame and that object.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annota.domain.attributes import AttrValue
from annota.domain.document import AnnotationDocument
from annota.domain.interpolation import expand
from annota.domain.problems import Problem, ProblemType, raise_if_any
from annota.domain.shapes import tag as tag_kind
from annota.domain.shapes.base import Geometry, Shape
from annota.domain.shapes.registry import KINDS
from annota.domain.tags import Tag, read_tag
from annota.domain.tracks import Track, read_track

FrameObjects = dict[int, list["FrameObject"]]
# The annotated and the reference objects of one family on one frame: what a similarity matrix is made of.
SideBySide = tuple[Sequence["FrameObject"], Sequence["FrameObject"]]


class Origin(StrEnum):
    SHAPE = "shape"
    TRACK = "track"
    TAG = "tag"


@dataclass(frozen=True, slots=True)
class FrameObject:
    """One object on one frame. `geometry` is None for tags only."""

    id: str
    frame: int
    kind: str
    label_id: int
    geometry: Geometry | None
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    group: int | None = None
    score: float | None = None
    origin: Origin = Origin.SHAPE


def frame_objects(document: AnnotationDocument, frames: Iterable[int]) -> FrameObjects:
    """The objects of `document` on each of `frames` (every frame is a key, possibly with no object)."""
    wanted = _frames(frames)
    out: FrameObjects = {frame: [] for frame in wanted}
    for shape in document.shapes:
        _add_shape(out, shape)
    for track in document.tracks:
        _add_track(out, track, wanted)
    for tag in document.tags:
        _add_tag(out, tag, wanted)
    return out


def frame_objects_from_wire(document: Mapping[str, Any], frames: Iterable[int]) -> FrameObjects:
    """Like `frame_objects`, for a stored document in the ADR 0001 wire form (as storage loads it).

    Stored annotations were validated when saved, so a shape's common fields are only checked for what the
    comparison relies on (id, label, frame) and its geometry goes through its kind's parser (what makes IoU
    safe): parsing whole shapes would take most of a 100,000-object report. A bad stored object raises
    DomainValidationError located in the document, e.g. ``shapes[12].points``.
    """
    wanted = _frames(frames)
    out: FrameObjects = {frame: [] for frame in wanted}
    problems: list[Problem] = []
    for i, raw in enumerate(document.get("shapes", ())):
        if raw.get("frame") in out and not raw.get("outside", False):
            shape = _shape_from_wire(raw, ("shapes", i), problems)
            if shape is not None:
                out[shape.frame].append(shape)
    for i, raw in enumerate(document.get("tracks", ())):
        track, track_problems = read_track(raw, ("tracks", i))
        problems += track_problems
        if track is not None:
            _add_track(out, track, wanted)
    for i, raw in enumerate(document.get("tags", ())):
        tag, tag_problems = read_tag(raw, ("tags", i))
        problems += tag_problems
        if tag is not None:
            _add_tag(out, tag, wanted)
    raise_if_any(problems)
    return out


def _frames(frames: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(frames)))


def _shape_from_wire(
    raw: Mapping[str, Any], loc: tuple[str | int, ...], problems: list[Problem]
) -> FrameObject | None:
    ops = KINDS.get(raw.get("kind"))  # type: ignore[arg-type]
    if ops is None or not ops.HAS_GEOMETRY:
        problems.append(
            Problem((*loc, "kind"), f"not a shape kind: {raw.get('kind')!r}", ProblemType.UNKNOWN_KIND)
        )
        return None
    geometry, geometry_problems = ops.parse(raw, loc)
    problems += geometry_problems
    for key, expected in (("id", str), ("label_id", int)):
        if not isinstance(raw.get(key), expected):
            msg = f"expected {'a string' if expected is str else 'an integer'}, got {raw.get(key)!r}"
            problems.append(
                Problem((*loc, key), msg, ProblemType.MISSING if key not in raw else ProblemType.INT_TYPE)
            )
            geometry = None
    if geometry is None:
        return None
    return FrameObject(
        raw["id"], raw["frame"], ops.NAME, raw["label_id"], geometry,
        raw.get("attributes") or {}, raw.get("group"), raw.get("score"), Origin.SHAPE,
    )  # fmt: skip


def _add_shape(out: FrameObjects, shape: Shape) -> None:
    if shape.frame in out and not shape.outside:
        out[shape.frame].append(
            FrameObject(
                shape.id,
                shape.frame,
                shape.kind,
                shape.label_id,
                shape.geometry,
                shape.attributes,
                shape.group,
                shape.score,
                Origin.SHAPE,
            )
        )


def _add_track(out: FrameObjects, track: Track, wanted: Sequence[int]) -> None:
    if not wanted or track.first_frame > wanted[-1]:
        return
    start = max(wanted[0], track.first_frame)
    for state in expand(track, start, wanted[-1]):
        if not state.outside and state.frame in out:
            out[state.frame].append(
                FrameObject(
                    track.id,
                    state.frame,
                    track.kind,
                    track.label_id,
                    state.geometry,
                    state.attributes,
                    track.group,
                    None,
                    Origin.TRACK,
                )
            )


def _add_tag(out: FrameObjects, tag: Tag, wanted: Sequence[int]) -> None:
    for frame in wanted[bisect_left(wanted, tag.frame) : bisect_right(wanted, tag.stop_frame)]:
        out[frame].append(
            FrameObject(
                tag.id, frame, tag_kind.NAME, tag.label_id, None, tag.attributes, None, tag.score, Origin.TAG
            )
        )
