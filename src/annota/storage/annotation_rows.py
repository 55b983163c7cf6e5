"""Annotation wire dicts (ADR 0001) to table rows and back, one pair of functions per collection.

Input dicts are already validated and normalised by the domain (every common field present). Output
dicts are built straight from Core row tuples: loading 10,000 shapes must not build an ORM object or
re-validate anything per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Table

from annota.storage.tables import ShapeRow, TagRow, TrackRow

Wire = dict[str, Any]

SHAPES = cast(Table, ShapeRow.__table__)
TRACKS = cast(Table, TrackRow.__table__)
TAGS = cast(Table, TagRow.__table__)

# Wire keys of a shape that are columns of their own; every other key is geometry.
SHAPE_COLUMNS = frozenset(
    {
        "id",
        "kind",
        "label_id",
        "frame",
        "z_order",
        "occluded",
        "outside",
        "attributes",
        "group",
        "source",
        "score",
    }
)


def shape_row(shape: Mapping[str, Any], job_id: int, revision: int) -> dict[str, Any]:
    return {
        "id": shape["id"],
        "job_id": job_id,
        "label_id": shape["label_id"],
        "kind": shape["kind"],
        "frame": shape["frame"],
        "z_order": shape["z_order"],
        "occluded": shape["occluded"],
        "outside": shape["outside"],
        "attributes": shape["attributes"],
        "group_id": shape["group"],
        "source": shape["source"],
        "score": shape["score"],
        "geometry": {key: value for key, value in shape.items() if key not in SHAPE_COLUMNS},
        "revision": revision,
    }


SHAPE_SELECT = (
    SHAPES.c.id,
    SHAPES.c.kind,
    SHAPES.c.label_id,
    SHAPES.c.frame,
    SHAPES.c.geometry,
    SHAPES.c.z_order,
    SHAPES.c.occluded,
    SHAPES.c.outside,
    SHAPES.c.attributes,
    SHAPES.c.group_id,
    SHAPES.c.source,
    SHAPES.c.score,
)


def shape_wire(row: tuple[Any, ...]) -> Wire:
    id_, kind, label_id, frame, geometry, z_order, occluded, outside, attributes, group, source, score = row
    shape = {"id": id_, "kind": kind, "label_id": label_id, "frame": frame}
    shape.update(geometry)
    shape["z_order"] = z_order
    shape["occluded"] = occluded
    shape["outside"] = outside
    shape["attributes"] = attributes
    shape["group"] = group
    shape["source"] = source
    shape["score"] = score
    return shape


def track_row(track: Mapping[str, Any], job_id: int, revision: int) -> dict[str, Any]:
    keyframes = track["keyframes"]
    return {
        "id": track["id"],
        "job_id": job_id,
        "label_id": track["label_id"],
        "kind": track["kind"],
        "frame": keyframes[0]["frame"],
        "z_order": track["z_order"],
        "attributes": track["attributes"],
        "group_id": track["group"],
        "source": track["source"],
        "keyframes": keyframes,
        "revision": revision,
    }


TRACK_SELECT = (
    TRACKS.c.id,
    TRACKS.c.kind,
    TRACKS.c.label_id,
    TRACKS.c.attributes,
    TRACKS.c.group_id,
    TRACKS.c.source,
    TRACKS.c.z_order,
    TRACKS.c.keyframes,
)


def track_wire(row: tuple[Any, ...]) -> Wire:
    id_, kind, label_id, attributes, group, source, z_order, keyframes = row
    return {
        "id": id_,
        "kind": kind,
        "label_id": label_id,
        "attributes": attributes,
        "group": group,
        "source": source,
        "z_order": z_order,
        "keyframes": keyframes,
    }


def tag_row(tag: Mapping[str, Any], job_id: int, revision: int) -> dict[str, Any]:
    return {
        "id": tag["id"],
        "job_id": job_id,
        "label_id": tag["label_id"],
        "frame": tag["frame"],
        "stop_frame": tag["stop_frame"],
        "attributes": tag["attributes"],
        "source": tag["source"],
        "score": tag["score"],
        "revision": revision,
    }


TAG_SELECT = (
    TAGS.c.id,
    TAGS.c.label_id,
    TAGS.c.frame,
    TAGS.c.stop_frame,
    TAGS.c.attributes,
    TAGS.c.source,
    TAGS.c.score,
)


def tag_wire(row: tuple[Any, ...]) -> Wire:
    id_, label_id, frame, stop_frame, attributes, source, score = row
    return {
        "id": id_,
        "label_id": label_id,
        "frame": frame,
        "stop_frame": stop_frame,
        "attributes": attributes,
        "source": source,
        "score": score,
    }


def shape_frames(shape: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], int]]:
    return [(("frame",), shape["frame"])]


def track_frames(track: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], int]]:
    return [(("keyframes", i, "frame"), keyframe["frame"]) for i, keyframe in enumerate(track["keyframes"])]


def tag_frames(tag: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], int]]:
    return [(("frame",), tag["frame"]), (("stop_frame",), tag["stop_frame"])]


@dataclass(frozen=True, slots=True)
class Collection:
    """How one collection of the annotation document maps to its table."""

    name: str  # "shapes", "tracks" or "tags": the key in documents and diffs
    table: Table
    to_row: Callable[[Mapping[str, Any], int, int], dict[str, Any]]
    columns: tuple[ColumnElement[Any], ...]
    to_wire: Callable[[tuple[Any, ...]], Wire]
    # The frames an annotation touches, each with its location inside the annotation.
    frames: Callable[[Mapping[str, Any]], list[tuple[tuple[str | int, ...], int]]]


COLLECTIONS = (
    Collection("shapes", SHAPES, shape_row, SHAPE_SELECT, shape_wire, shape_frames),
    Collection("tracks", TRACKS, track_row, TRACK_SELECT, track_wire, track_frames),
    Collection("tags", TAGS, tag_row, TAG_SELECT, tag_wire, tag_frames),
)
