"""The fast path between formats and the database: annotations as plain record dicts, no domain objects.

Importing or exporting a million boxes through domain `Shape`s costs more in object churn than the rest of
the work together. A format that also implements `RecordReader` / `RecordWriter` trades in records instead:

- `ShapeRecord`: a shape as stored (ADR 0001 fields, geometry nested as the kind's wire fields, e.g.
  ``{"points": [x1, y1, x2, y2], "rotation": 0.0}``); `TagRecord` likewise. ``label_id`` is a dataset label
  id, as in `base.Dataset`; the frame is the item's.
- `RecordItem` / `RecordDataset`: `base.Item` / `base.Dataset` holding records. A `RecordDataset`'s
  ``labels`` list may grow while its items are read (a CVAT file may use label names it never declared);
  consumers map the new labels when a record refers to one.

Records from files are untrusted: `geometry` turns a kind's fields into their canonical form or raises the
kind's own located problems. It checks rectangles and vertex lists (polygons, polylines, points) inline,
with plain float and length tests, and hands every other kind, and every doubtful case, to the kind's
`parse`, so it accepts exactly what the domain accepts. Readers use it to report problems at their place
in the file. The import service runs it again, with checks of the other fields, on the records of a reader
that does not promise to have done so (`RecordDataset.checked`): a record reader is a plugin like any
other.

`records_of` and `dataset_of` convert between the two models, so the services speak records only and the
formats that do not (yet) read or write records keep working through the domain model. `records_wire`
reads and writes records as ADR 0001 wire dicts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, Protocol, TypedDict, runtime_checkable

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Problem, ProblemType
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.formats.base import (
    Dataset,
    DatasetTrack,
    Item,
    LocalIds,
    Output,
    ReadOptions,
    WriteOptions,
)

Fields = dict[str, Any]
_INF = math.inf
_isfinite = math.isfinite
_FLOAT = {float}
_NUMBER = {float, int}


class ShapeRecord(TypedDict):
    kind: str
    label_id: int
    geometry: Fields  # the kind's wire fields
    z_order: int
    occluded: bool
    outside: bool
    attributes: dict[str, AttrValue]
    group: int | None
    source: str  # a `Source` value
    score: float | None
    id: NotRequired[str]  # set on export (the stored id); readers leave it out


class TagRecord(TypedDict):
    label_id: int
    stop_frame: int  # an item frame of the same subset; the item's own frame for an image tag
    attributes: dict[str, AttrValue]
    source: str
    score: float | None
    id: NotRequired[str]


@dataclass(frozen=True, slots=True)
class RecordItem:
    """`base.Item` with records. On export, ``image`` is set only when images are asked for."""

    name: str
    subset: str = ""
    frame: int = 0
    width: int | None = None
    height: int | None = None
    image: Path | None = None
    shapes: Sequence[ShapeRecord] = ()
    tags: Sequence[TagRecord] = ()

    @property
    def is_annotated(self) -> bool:
        return bool(self.shapes or self.tags)


@dataclass
class RecordDataset:
    """`base.Dataset` with record items; the same rules, except that ``labels`` may grow while items are read
    when ``labels_final`` is false."""

    labels: list[Label]
    items: Iterable[RecordItem]
    tracks: Iterable[DatasetTrack] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    labels_final: bool = True
    # The reader's promise that every record's geometry went through `geometry` (or was dumped from a domain
    # geometry) and that its other fields have their types: the import then checks only what depends on the
    # project (labels, kinds, attribute specs, skeleton templates). False: it checks everything again.
    checked: bool = False


@runtime_checkable
class RecordReader(Protocol):
    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        """Like `Format.read`, with records; raises FormatError with every problem."""
        ...


@runtime_checkable
class RecordWriter(Protocol):
    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        """Like `Format.write`, with records (they come from the database: trusted)."""
        ...


def shape_record(
    kind: str,
    label_id: int,
    geometry: Fields,
    *,
    occluded: bool = False,
    attributes: dict[str, AttrValue] | None = None,
    group: int | None = None,
    source: str = Source.IMPORTED.value,
    score: float | None = None,
    z_order: int = 0,
    outside: bool = False,
) -> ShapeRecord:
    """A record with the defaults a reader usually wants (imported, not occluded, no attributes)."""
    return {
        "kind": kind,
        "label_id": label_id,
        "geometry": geometry,
        "z_order": z_order,
        "occluded": occluded,
        "outside": outside,
        "attributes": {} if attributes is None else attributes,
        "group": group,
        "source": source,
        "score": score,
    }


def tag_record(
    label_id: int, stop_frame: int, attributes: dict[str, AttrValue] | None = None, source: str = "imported"
) -> TagRecord:
    return {
        "label_id": label_id,
        "stop_frame": stop_frame,
        "attributes": {} if attributes is None else attributes,
        "source": source,
        "score": None,
    }


# -- geometry, checked -------------------------------------------------------------------------------------


def _canonical_rectangle(fields: Fields) -> Fields | None:
    points = fields.get("points")
    rotation = fields.get("rotation")
    if type(points) is not list or len(points) != 4 or type(rotation) is not float or len(fields) != 2:
        return None
    x1, y1, x2, y2 = points
    floats = type(x1) is float and type(y1) is float and type(x2) is float and type(y2) is float
    if floats and -_INF < x1 < x2 < _INF and -_INF < y1 < y2 < _INF and 0.0 <= rotation < 360.0:
        return fields
    return None


def _canonical_vertices(minimum: int, closed: bool) -> Callable[[Fields], Fields | None]:
    def canonical(fields: Fields) -> Fields | None:
        points = fields.get("points")
        if type(points) is not list or len(fields) != 1:
            return None
        n = len(points)
        if n % 2 or n < 2 * minimum:
            return None
        if set(map(type, points)) != _FLOAT:
            try:
                points = [float(v) for v in points] if set(map(type, points)) <= _NUMBER else None
            except OverflowError:
                return None
            if points is None:
                return None
        if not _isfinite(sum(points)):  # a finite sum of floats means that every one is finite
            return None
        if closed and points[0] == points[-2] and points[1] == points[-1]:
            return None
        return fields if points is fields["points"] else {"points": points}

    return canonical


_CANONICAL: dict[str, Callable[[Fields], Fields | None]] = {
    "rectangle": _canonical_rectangle,
    "polygon": _canonical_vertices(3, closed=True),
    "polyline": _canonical_vertices(2, closed=False),
    "points": _canonical_vertices(1, closed=False),
}


def geometry(kind: str, fields: Fields) -> Fields:
    """`fields` of a `kind` in canonical form (floats, rotation in [0, 360)); raises DomainValidationError
    with the kind's problems, located inside the fields (``("points",)``), exactly as its `parse` would."""
    fast = _CANONICAL.get(kind)
    if fast is not None:
        canonical = fast(fields)
        if canonical is not None:
            return canonical
    ops = get_kind(kind, ("kind",))
    if not ops.HAS_GEOMETRY:
        msg = f"a {kind} has no geometry: it is a tag, not a shape"
        raise DomainValidationError([Problem(("kind",), msg, ProblemType.NOT_SPATIAL)])
    parsed, problems = ops.parse(fields, ())
    if parsed is None:
        raise DomainValidationError(problems)
    return ops.dump(parsed)


# -- the domain model and back ----------------------------------------------------------------------------


def record_of_shape(shape: Shape) -> ShapeRecord:
    return {
        "id": shape.id,
        "kind": shape.kind,
        "label_id": shape.label_id,
        "geometry": get_kind(shape.kind).dump(shape.geometry),
        "z_order": shape.z_order,
        "occluded": shape.occluded,
        "outside": shape.outside,
        "attributes": dict(shape.attributes),
        "group": shape.group,
        "source": shape.source.value,
        "score": shape.score,
    }


def record_of_tag(tag: Tag) -> TagRecord:
    return {
        "id": tag.id,
        "label_id": tag.label_id,
        "stop_frame": tag.stop_frame,
        "attributes": dict(tag.attributes),
        "source": tag.source.value,
        "score": tag.score,
    }


def record_item(item: Item) -> RecordItem:
    return RecordItem(
        item.name,
        item.subset,
        item.frame,
        item.width,
        item.height,
        item.image,
        [record_of_shape(s) for s in item.shapes],
        [record_of_tag(t) for t in item.tags],
    )


def records_of(dataset: Dataset) -> RecordDataset:
    """`dataset` as records, its items converted as they are read."""
    items = (record_item(item) for item in dataset.items)
    return RecordDataset(list(dataset.labels), items, dataset.tracks, dataset.meta, checked=True)


def shape_of(record: ShapeRecord, frame: int, ids: Callable[[], str]) -> Shape:
    """The domain shape of a record; its geometry is parsed (so checked) by the kind."""
    ops = get_kind(record["kind"])
    parsed, problems = ops.parse(record["geometry"], ())
    if parsed is None:
        raise DomainValidationError(problems)
    return Shape(
        record.get("id") or ids(),
        record["kind"],
        record["label_id"],
        frame,
        parsed,
        record["z_order"],
        record["occluded"],
        record["outside"],
        record["attributes"],
        record["group"],
        Source(record["source"]),
        record["score"],
    )


def tag_of(record: TagRecord, frame: int, ids: Callable[[], str]) -> Tag:
    return Tag(
        record.get("id") or ids(),
        record["label_id"],
        frame,
        record["stop_frame"],
        record["attributes"],
        Source(record["source"]),
        record["score"],
    )


def domain_item(item: RecordItem, ids: Callable[[], str]) -> Item:
    return Item(
        item.name,
        item.subset,
        item.frame,
        item.width,
        item.height,
        item.image,
        tuple(shape_of(s, item.frame, ids) for s in item.shapes),
        tuple(tag_of(t, item.frame, ids) for t in item.tags),
    )


def dataset_of(dataset: RecordDataset) -> Dataset:
    """`dataset` in the domain model. Labels must be final first: when they may still grow (see
    `RecordDataset`), the items are read before the dataset is returned."""
    ids = LocalIds()
    items: Iterable[Item] = (domain_item(item, ids) for item in dataset.items)
    if not dataset.labels_final:
        items = list(items)
    return Dataset(tuple(dataset.labels), items, dataset.tracks, dataset.meta)
