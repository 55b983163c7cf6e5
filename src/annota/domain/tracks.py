"""Tracks: one object followed over frames, stored as its keyframes only (ADR 0001).

Frames between keyframes are never stored: they are computed by the interpolation spec
(``docs/interpolation.md``, to live in ``annota.domain.interpolation``), which takes a `Track` and a frame.
This module only models, validates and (de)serialises tracks.

Wire format: {"id", "kind", "label_id", "attributes" (immutable ones), "group", "source", "z_order",
"keyframes": [{"frame", "outside", "occluded", "attributes" (mutable ones), "source", <geometry fields>}]}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annota.domain import annotation_fields as common
from annota.domain import wire
from annota.domain.attributes import AttributeScope, AttrValue, validate_attributes
from annota.domain.labels import Label, check_label_use
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType, raise_if_any
from annota.domain.shapes.base import Geometry, ShapeKindOps, Source
from annota.domain.shapes.codec import read_spatial_kind
from annota.domain.shapes.registry import get_kind, kind_of

TRACK_KEYS = frozenset({"id", "kind", "label_id", "attributes", "group", "source", "z_order", "keyframes"})
KEYFRAME_KEYS = ("frame", "outside", "occluded", "attributes", "source")


@dataclass(frozen=True, slots=True)
class Keyframe:
    frame: int
    geometry: Geometry
    outside: bool = False
    occluded: bool = False
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)  # the mutable attributes
    source: Source = Source.MANUAL


@dataclass(frozen=True, slots=True)
class Track:
    """Keyframes are sorted by frame, unique per frame, at least one, all of the track's kind."""

    id: str
    kind: str
    label_id: int
    keyframes: tuple[Keyframe, ...]
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)  # the immutable attributes
    group: int | None = None
    source: Source = Source.MANUAL
    z_order: int = 0

    def __post_init__(self) -> None:
        raise_if_any(_keyframe_order_problems([k.frame for k in self.keyframes], ()))
        for i, k in enumerate(self.keyframes):
            if self.kind != kind_of(k.geometry).NAME:
                msg = f"a {self.kind} track cannot hold {type(k.geometry).__name__}"
                raise DomainValidationError([Problem(("keyframes", i), msg, ProblemType.INCONSISTENT)])

    @property
    def first_frame(self) -> int:
        return self.keyframes[0].frame

    @property
    def keyframe_frames(self) -> tuple[int, ...]:
        return tuple(k.frame for k in self.keyframes)

    def keyframe_at(self, frame: int) -> Keyframe | None:
        """The keyframe stored on `frame`, if any (interpolated frames are not stored)."""
        return next((k for k in self.keyframes if k.frame == frame), None)


def track_from_dict(d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None) -> Track:
    """The track described by `d`; raises DomainValidationError listing every problem, located under `loc`.

    With `labels`: the label exists and allows the kind, track attributes are immutable ones, keyframe
    attributes mutable ones (required ones on the first keyframe; later keyframes may leave them out) and
    skeleton keyframes have as many points as the template.
    """
    track, problems = read_track(d, loc, labels)
    raise_if_any(problems)
    assert track is not None
    return track


def read_track(
    d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None
) -> tuple[Track | None, list[Problem]]:
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    if m is None:
        return None, problems
    wire.reject_extra_keys(m, TRACK_KEYS, loc, problems)
    ops = read_spatial_kind(m, loc, problems)
    track_id = common.read_id(m, loc, problems)
    label_id = common.read_label_id(m, loc, problems)
    attributes = common.read_attributes(m, loc, problems)
    group = common.read_group(m, loc, problems)
    source = common.read_source(m, loc, problems)
    z_order = common.read_z_order(m, loc, problems)
    label = None
    if labels is not None and ops is not None and label_id is not None:
        label = check_label_use(labels, label_id, ops.NAME, loc, problems)
    if label is not None and attributes is not None:
        problems.extend(
            validate_attributes(
                attributes, label.attributes, (*loc, "attributes"), scope=AttributeScope.IMMUTABLE
            )
        )
    keyframes = _read_keyframes(m, ops, label, loc, problems)
    if problems:
        return None, problems
    assert ops is not None and track_id is not None and label_id is not None and keyframes is not None
    assert attributes is not None and source is not None and z_order is not None
    return Track(track_id, ops.NAME, label_id, keyframes, attributes, group, source, z_order), problems


def _read_keyframes(
    m: Mapping[str, Any],
    ops: ShapeKindOps[Any] | None,
    label: Label | None,
    loc: Loc,
    problems: list[Problem],
) -> tuple[Keyframe, ...] | None:
    if not wire.present(m, "keyframes", loc, problems):
        return None
    raw = m["keyframes"]
    where = (*loc, "keyframes")
    if not isinstance(raw, list | tuple):
        problems.append(Problem(where, f"expected a list, got {wire.type_name(raw)}", ProblemType.LIST_TYPE))
        return None
    before = len(problems)
    keyframes = []
    frames: list[int | None] = []
    for i, item in enumerate(raw):
        keyframe, frame = _read_keyframe(item, ops, label, (*where, i), i == 0, problems)
        frames.append(frame)
        if keyframe is not None:
            keyframes.append(keyframe)
    problems.extend(_keyframe_order_problems(frames, loc))
    return tuple(keyframes) if len(problems) == before else None


def _read_keyframe(
    d: object,
    ops: ShapeKindOps[Any] | None,
    label: Label | None,
    loc: Loc,
    first: bool,
    problems: list[Problem],
) -> tuple[Keyframe | None, int | None]:
    m = wire.require_mapping(d, loc, problems)
    if m is None:
        return None, None
    if ops is not None:
        wire.reject_extra_keys(m, KEYFRAME_KEYS + ops.FIELDS, loc, problems)
    before = len(problems)
    frame = common.read_frame(m, loc, problems)
    outside = common.read_flag(m, "outside", loc, problems)
    occluded = common.read_flag(m, "occluded", loc, problems)
    attributes = common.read_attributes(m, loc, problems)
    source = common.read_source(m, loc, problems)
    if ops is None:
        return None, frame
    geometry, geometry_problems = ops.parse(m, loc)
    problems.extend(geometry_problems)
    if label is not None and attributes is not None:
        problems.extend(
            validate_attributes(
                attributes,
                label.attributes,
                (*loc, "attributes"),
                scope=AttributeScope.MUTABLE,
                check_required=first,
            )
        )
    if label is not None and geometry is not None:
        problems.extend(ops.check_label(geometry, label, loc))
    if len(problems) > before:
        return None, frame
    assert frame is not None and geometry is not None and outside is not None and occluded is not None
    assert attributes is not None and source is not None
    return Keyframe(frame, geometry, outside, occluded, attributes, source), frame


def _keyframe_order_problems(frames: list[int | None], loc: Loc) -> list[Problem]:
    if not frames:
        return [Problem((*loc, "keyframes"), "a track needs at least one keyframe", ProblemType.TOO_SHORT)]
    problems = []
    seen: set[int] = set()
    previous: int | None = None
    for i, frame in enumerate(frames):
        if frame is None:
            continue
        where = (*loc, "keyframes", i, "frame")
        if frame in seen:
            problems.append(Problem(where, f"two keyframes on frame {frame}", ProblemType.DUPLICATE))
        elif previous is not None and frame < previous:
            msg = f"keyframes are sorted by frame: {frame} comes after {previous}"
            problems.append(Problem(where, msg, ProblemType.NOT_SORTED))
        seen.add(frame)
        previous = frame if previous is None else max(previous, frame)
    return problems


def keyframe_to_dict(keyframe: Keyframe, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "frame": keyframe.frame,
        "outside": keyframe.outside,
        "occluded": keyframe.occluded,
        "attributes": dict(keyframe.attributes),
        "source": keyframe.source.value,
    }
    out.update(get_kind(kind).dump(keyframe.geometry))
    return out


def track_to_dict(track: Track) -> dict[str, Any]:
    return {
        "id": track.id,
        "kind": track.kind,
        "label_id": track.label_id,
        "attributes": dict(track.attributes),
        "group": track.group,
        "source": track.source.value,
        "z_order": track.z_order,
        "keyframes": [keyframe_to_dict(k, track.kind) for k in track.keyframes],
    }
