"""The annotation document of a job and the diffs that save it (ADR 0001, "Revisions and saving").

Document: {"revision", "shapes", "tracks", "tags"}. Diff: for each collection (optional)
{"create": [full objects], "update": [full objects], "delete": [ids]}. Within one collection of one diff an id
appears at most once, and every problem of a diff is reported at once, located (``("shapes", "create", 4,
"points")``): a save that fails validation must change nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from annota.domain import wire
from annota.domain.labels import Label
from annota.domain.problems import Loc, Problem, ProblemType, format_loc, raise_if_any
from annota.domain.shapes.base import Shape
from annota.domain.shapes.codec import read_shape, shape_to_dict
from annota.domain.tags import Tag, read_tag, tag_to_dict
from annota.domain.tracks import Track, read_track, track_to_dict

T = TypeVar("T", Shape, Track, Tag)
Labels = Mapping[int, Label] | None
COLLECTIONS = ("shapes", "tracks", "tags")
OPERATIONS = ("create", "update", "delete")


@dataclass(frozen=True, slots=True)
class CollectionDiff(Generic[T]):
    create: tuple[T, ...] = ()
    update: tuple[T, ...] = ()
    delete: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.create or self.update or self.delete)


@dataclass(frozen=True, slots=True)
class AnnotationDiff:
    shapes: CollectionDiff[Shape] = field(default_factory=CollectionDiff)
    tracks: CollectionDiff[Track] = field(default_factory=CollectionDiff)
    tags: CollectionDiff[Tag] = field(default_factory=CollectionDiff)

    @property
    def is_empty(self) -> bool:
        return self.shapes.is_empty and self.tracks.is_empty and self.tags.is_empty


@dataclass(frozen=True, slots=True)
class AnnotationDocument:
    revision: int
    shapes: tuple[Shape, ...] = ()
    tracks: tuple[Track, ...] = ()
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True, slots=True)
class _Codec(Generic[T]):
    read: Callable[[object, Loc, Labels], tuple[T | None, list[Problem]]]
    dump: Callable[[T], dict[str, Any]]


_CODECS: dict[str, _Codec[Any]] = {
    "shapes": _Codec(read_shape, shape_to_dict),
    "tracks": _Codec(read_track, track_to_dict),
    "tags": _Codec(read_tag, tag_to_dict),
}


def document_from_dict(d: object, labels: Labels = None) -> AnnotationDocument:
    """The document `d`; raises DomainValidationError with every problem (duplicate ids included)."""
    problems: list[Problem] = []
    m = wire.require_mapping(d, (), problems)
    raise_if_any(problems)
    assert m is not None
    wire.reject_extra_keys(m, ("revision", *COLLECTIONS), (), problems)
    revision = None
    if wire.present(m, "revision", (), problems):
        revision = wire.integer(m["revision"], ("revision",), problems, minimum=0)
    collections = {}
    for name in COLLECTIONS:
        items = _read_list(m.get(name, []), (name,), _CODECS[name], labels, problems)
        _check_unique_ids([(o.id, (name, i, "id")) for i, o in items], problems)
        collections[name] = tuple(o for _, o in items)
    raise_if_any(problems)
    assert revision is not None
    return AnnotationDocument(revision, collections["shapes"], collections["tracks"], collections["tags"])


def document_to_dict(doc: AnnotationDocument) -> dict[str, Any]:
    return {
        "revision": doc.revision,
        "shapes": [shape_to_dict(s) for s in doc.shapes],
        "tracks": [track_to_dict(t) for t in doc.tracks],
        "tags": [tag_to_dict(t) for t in doc.tags],
    }


def diff_from_dict(d: object, labels: Labels = None) -> AnnotationDiff:
    """The diff `d`; raises DomainValidationError with every problem, located like ("shapes", "create", 4)."""
    problems: list[Problem] = []
    m = wire.require_mapping(d, (), problems)
    raise_if_any(problems)
    assert m is not None
    wire.reject_extra_keys(m, COLLECTIONS, (), problems)
    diffs = {name: _read_collection_diff(m.get(name, {}), name, labels, problems) for name in COLLECTIONS}
    raise_if_any(problems)
    return AnnotationDiff(diffs["shapes"], diffs["tracks"], diffs["tags"])


def diff_to_dict(diff: AnnotationDiff) -> dict[str, Any]:
    out = {}
    for name in COLLECTIONS:
        part: CollectionDiff[Any] = getattr(diff, name)
        dump = _CODECS[name].dump
        out[name] = {
            "create": [dump(o) for o in part.create],
            "update": [dump(o) for o in part.update],
            "delete": list(part.delete),
        }
    return out


def diff_between(old: AnnotationDocument, new: AnnotationDocument) -> AnnotationDiff:
    """The diff that turns `old` into `new` (a PUT of a whole document): only changed objects are listed."""
    return AnnotationDiff(
        _collection_diff(old.shapes, new.shapes),
        _collection_diff(old.tracks, new.tracks),
        _collection_diff(old.tags, new.tags),
    )


def apply_diff(doc: AnnotationDocument, diff: AnnotationDiff) -> AnnotationDocument:
    """`doc` with `diff` applied and its revision incremented.

    Raises DomainValidationError, changing nothing, when an update or delete names an unknown id or a create
    names an existing one (the same rules the storage transaction enforces).
    """
    problems: list[Problem] = []
    shapes = _apply(doc.shapes, diff.shapes, "shapes", problems)
    tracks = _apply(doc.tracks, diff.tracks, "tracks", problems)
    tags = _apply(doc.tags, diff.tags, "tags", problems)
    raise_if_any(problems)
    return replace(doc, revision=doc.revision + 1, shapes=shapes, tracks=tracks, tags=tags)


def _read_list(
    raw: object, loc: Loc, codec: _Codec[T], labels: Labels, problems: list[Problem]
) -> list[tuple[int, T]]:
    """The valid items of the list `raw` with their positions (the others add problems)."""
    if not isinstance(raw, list | tuple):
        problems.append(Problem(loc, f"expected a list, got {wire.type_name(raw)}", ProblemType.LIST_TYPE))
        return []
    out = []
    for i, item in enumerate(raw):
        obj, item_problems = codec.read(item, (*loc, i), labels)
        problems.extend(item_problems)
        if obj is not None:
            out.append((i, obj))
    return out


def _read_collection_diff(
    raw: object, name: str, labels: Labels, problems: list[Problem]
) -> CollectionDiff[Any]:
    m = wire.require_mapping(raw, (name,), problems)
    if m is None:
        return CollectionDiff()
    wire.reject_extra_keys(m, OPERATIONS, (name,), problems)
    codec = _CODECS[name]
    create = _read_list(m.get("create", []), (name, "create"), codec, labels, problems)
    update = _read_list(m.get("update", []), (name, "update"), codec, labels, problems)
    delete: list[tuple[int, str]] = []
    raw_delete = m.get("delete", [])
    if isinstance(raw_delete, list | tuple):
        for i, item in enumerate(raw_delete):
            object_id = wire.string(item, (name, "delete", i), problems)
            if object_id is not None:
                delete.append((i, object_id))
    else:
        msg = f"expected a list of ids, got {wire.type_name(raw_delete)}"
        problems.append(Problem((name, "delete"), msg, ProblemType.LIST_TYPE))
    located: list[tuple[str, Loc]] = [(o.id, (name, "create", i, "id")) for i, o in create]
    located += [(o.id, (name, "update", i, "id")) for i, o in update]
    located += [(object_id, (name, "delete", i)) for i, object_id in delete]
    _check_unique_ids(located, problems)
    return CollectionDiff(
        tuple(o for _, o in create), tuple(o for _, o in update), tuple(d for _, d in delete)
    )


def _check_unique_ids(located: list[tuple[str, Loc]], problems: list[Problem]) -> None:
    first_seen: dict[str, Loc] = {}
    for object_id, loc in located:
        where = first_seen.get(object_id)
        if where is None:
            first_seen[object_id] = loc
        else:
            msg = f"id {object_id!r} already appears at {format_loc(where)}"
            problems.append(Problem(loc, msg, ProblemType.DUPLICATE))


def _collection_diff(old: tuple[T, ...], new: tuple[T, ...]) -> CollectionDiff[T]:
    before = {o.id: o for o in old}
    after_ids = {o.id for o in new}
    create = tuple(o for o in new if o.id not in before)
    update = tuple(o for o in new if o.id in before and before[o.id] != o)
    delete = tuple(o.id for o in old if o.id not in after_ids)
    return CollectionDiff(create, update, delete)


def _apply(
    objects: tuple[T, ...], diff: CollectionDiff[T], name: str, problems: list[Problem]
) -> tuple[T, ...]:
    by_id = {o.id: o for o in objects}
    for i, o in enumerate(diff.create):
        if o.id in by_id:
            problems.append(
                Problem((name, "create", i, "id"), f"id {o.id!r} already exists", ProblemType.DUPLICATE)
            )
    updates = {}
    for i, o in enumerate(diff.update):
        if o.id not in by_id:
            problems.append(
                Problem((name, "update", i, "id"), f"no object with id {o.id!r}", ProblemType.UNKNOWN_ID)
            )
        updates[o.id] = o
    deleted = set()
    for i, object_id in enumerate(diff.delete):
        if object_id not in by_id:
            problems.append(
                Problem((name, "delete", i), f"no object with id {object_id!r}", ProblemType.UNKNOWN_ID)
            )
        deleted.add(object_id)
    kept = tuple(updates.get(o.id, o) for o in objects if o.id not in deleted)
    return kept + diff.create
