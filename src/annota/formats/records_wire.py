"""Records as ADR 0001 wire dicts (annota's native format, the API's shapes): read cheaply, written directly.

`read_shape_record` accepts exactly what `codec.read_shape` accepts and reports the same located problems:
a shape whose every field is plainly fine is checked inline and becomes a record at once; any other, and
every bad one, goes through the codec, the one place that knows every rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annota.domain.labels import Label, LabelKind, is_kind_allowed
from annota.domain.problems import DomainValidationError, Loc, Problem
from annota.domain.shapes.base import Source
from annota.domain.shapes.codec import COMMON_KEYS, read_shape
from annota.domain.shapes.registry import KINDS
from annota.formats.records import ShapeRecord, TagRecord, geometry, record_of_shape

_SOURCES = frozenset(source.value for source in Source)
_WIRE_KEYS = {name: frozenset(COMMON_KEYS + ops.FIELDS) for name, ops in KINDS.items() if ops.HAS_GEOMETRY}
_FIELDS = {name: ops.FIELDS for name, ops in KINDS.items()}
_ALLOWS: dict[tuple[LabelKind, str], bool] = {}


def read_shape_record(
    d: object, loc: Loc, labels: Mapping[int, Label]
) -> tuple[ShapeRecord | None, list[Problem]]:
    """A wire shape (ADR 0001) as a record, with its ``id``: exactly what `codec.read_shape` accepts, with
    the same located problems. The usual shape is checked inline; any other, or a bad one, by the codec."""
    record = _fast_shape(d, labels)
    if record is not None:
        return record, []
    shape, problems = read_shape(d, loc, labels)
    return (None if shape is None else record_of_shape(shape)), problems


def _fast_shape(d: object, labels: Mapping[int, Label]) -> ShapeRecord | None:
    """The record of `d` if every field is plainly fine (no attributes, none required, not a skeleton)."""
    if type(d) is not dict:
        return None
    kind = d.get("kind")
    if type(kind) is not str:
        return None
    allowed = _WIRE_KEYS.get(kind)
    attributes = d.get("attributes")
    if allowed is None or not d.keys() <= allowed or kind == "skeleton":
        return None
    if attributes is not None and (type(attributes) is not dict or attributes):  # values: the codec's job
        return None
    shape_id, label_id, frame = d.get("id"), d.get("label_id"), d.get("frame")
    if type(shape_id) is not str or not shape_id or type(label_id) is not int or type(frame) is not int:
        return None
    label = labels.get(label_id)
    if label is None or frame < 0 or not _allows(label, kind):
        return None
    if label.attributes and any(spec.required for spec in label.attributes):  # the codec says what is missing
        return None
    z_order, occluded, outside = d.get("z_order", 0), d.get("occluded", False), d.get("outside", False)
    group, source, score = d.get("group"), d.get("source", "manual"), d.get("score")
    if type(z_order) is not int or type(occluded) is not bool or type(outside) is not bool:
        return None
    if type(source) is not str or source not in _SOURCES or (group is not None and type(group) is not int):
        return None
    if score is not None and not (type(score) is float and 0.0 <= score <= 1.0):
        return None
    try:
        fields = geometry(kind, {name: d[name] for name in _FIELDS[kind] if name in d})
    except DomainValidationError:
        return None
    return {
        "id": shape_id,
        "kind": kind,
        "label_id": label_id,
        "geometry": fields,
        "z_order": z_order,
        "occluded": occluded,
        "outside": outside,
        "attributes": {},
        "group": group,
        "source": source,
        "score": score,
    }


def _allows(label: Label, kind: str) -> bool:
    key = (label.kind, kind)
    allowed = _ALLOWS.get(key)
    if allowed is None:
        allowed = _ALLOWS[key] = is_kind_allowed(label.kind, kind)
    return allowed


def wire_shape(record: ShapeRecord, frame: int) -> dict[str, Any]:
    """The wire dict (ADR 0001) of a record on `frame`, as `codec.shape_to_dict` writes it."""
    out: dict[str, Any] = {
        "id": record.get("id", ""),
        "kind": record["kind"],
        "label_id": record["label_id"],
        "frame": frame,
    }
    out.update(record["geometry"])
    out["z_order"] = record["z_order"]
    out["occluded"] = record["occluded"]
    out["outside"] = record["outside"]
    out["attributes"] = record["attributes"]
    out["group"] = record["group"]
    out["source"] = record["source"]
    out["score"] = record["score"]
    return out


def wire_tag(record: TagRecord, frame: int) -> dict[str, Any]:
    """The wire dict of a tag record on `frame`, as `tags.tag_to_dict` writes it."""
    return {
        "id": record.get("id", ""),
        "label_id": record["label_id"],
        "frame": frame,
        "stop_frame": record["stop_frame"],
        "attributes": record["attributes"],
        "source": record["source"],
        "score": record["score"],
    }
