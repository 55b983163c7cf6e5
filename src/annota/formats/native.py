"""annota's own format: lossless JSON Lines, versioned, streamed both ways.

``annota.jsonl`` holds one JSON object per line:

- line 1, the header: ``{"format": "annota", "version": 1, "labels": [<label>...], "meta": {...}}``
  (labels as `label_to_dict` writes them, with their dataset ids);
- then one line per item: ``{"item": {"name", "subset", "frame", "width", "height", "shapes": [...],
  "tags": [...]}}`` with shapes and tags in the ADR 0001 wire format;
- then one line per track: ``{"track": {"subset": ..., <track wire fields>}}``.

Images, when exported, are stored under ``images/<subset>/<name>`` (``images/<name>`` without subset).
Older versions are upgraded line by line by `MIGRATIONS` before they are read; a newer version is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annota.domain import wire
from annota.domain.labels import Label, label_from_dict, label_to_dict
from annota.domain.problems import DomainValidationError, Loc, Problem
from annota.domain.tags import read_tag
from annota.domain.tracks import read_track, track_to_dict
from annota.formats import sources
from annota.formats.base import (
    CERTAIN,
    NO,
    Carries,
    Dataset,
    DatasetTrack,
    FormatError,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
    checked_items,
)
from annota.formats.images import image_name
from annota.formats.records import (
    RecordDataset,
    RecordItem,
    ShapeRecord,
    TagRecord,
    dataset_of,
    record_of_tag,
    records_of,
)
from annota.formats.records_wire import read_shape_record, wire_shape, wire_tag

FILE = "annota.jsonl"
MAGIC = "annota"
VERSION = 1
ITEM_KEYS = ("name", "subset", "frame", "width", "height", "shapes", "tags")
Record = dict[str, Any]
# MIGRATIONS[v] turns a version-v record (the header, an item line or a track line) into a version v+1 one.
MIGRATIONS: dict[int, Callable[[Record], Record]] = {}


class NativeFormat:
    name = "native"
    title = "annota JSON Lines 1"
    description = "annota's own lossless format: every kind, attributes, skeletons, tracks, tags, subsets"
    carries = Carries(
        kinds=frozenset({"rectangle", "polygon", "polyline", "points", "ellipse", "mask", "skeleton", "tag"}),
        tracks=True,
        attributes=True,
        subsets=True,
    )
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        file = path if path.is_file() else path / FILE
        return (
            CERTAIN
            if file.is_file() and b'"format":"annota"' in sources.head(file).replace(b" ", b"")
            else NO
        )

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        root, file = (path.parent, path) if path.is_file() else (path, path / FILE)
        log = ProblemLog()
        if not file.is_file():
            log.add(FILE, "no annota.jsonl in the dataset", "format.missing_file")
            log.raise_if_any()
        size = file.stat().st_size
        if size > options.max_file_bytes:
            log.add(
                file.name,
                f"file is {size} bytes, more than the limit of {options.max_file_bytes}",
                "format.too_large",
            )
            log.raise_if_any()
        lines = _lines(file)
        header = _header(file.name, lines, log)
        if header is None:
            raise FormatError(log.problems, log.dropped)
        version, labels, meta = header
        reader = _Reader(root, file.name, version, {label.id: label for label in labels}, log)
        items, tracks = reader.split(lines)
        return RecordDataset(labels, items, tracks, meta, checked=True)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        with output.open(FILE) as out:
            labels = [label_to_dict(x) for x in dataset.labels]
            header = {"format": MAGIC, "version": VERSION, "labels": labels, "meta": dict(dataset.meta)}
            out.write(orjson.dumps(header) + b"\n")
            lines: list[bytes] = []
            for item in dataset.items:
                frame = item.frame
                record = {
                    "name": item.name,
                    "subset": item.subset,
                    "frame": frame,
                    "width": item.width,
                    "height": item.height,
                    "shapes": [wire_shape(s, frame) for s in item.shapes],
                    "tags": [wire_tag(t, frame) for t in item.tags],
                }
                lines.append(orjson.dumps({"item": record}))
                if len(lines) >= 1000:
                    out.write(b"\n".join(lines) + b"\n")
                    lines.clear()
                if options.with_images and item.image is not None:
                    output.copy(image_name(item.subset, item.name), item.image)
            if lines:
                out.write(b"\n".join(lines) + b"\n")
            for entry in dataset.tracks:
                out.write(
                    orjson.dumps({"track": {"subset": entry.subset, **track_to_dict(entry.track)}}) + b"\n"
                )


def _lines(file: Path) -> Iterator[tuple[int, bytes]]:
    with file.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _parse(name: str, number: int, line: bytes, log: ProblemLog) -> Any:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as error:
        log.add(name, f"invalid JSON: {error.msg} (column {error.colno})", "format.json", line=number)
        return None


def _migrate(record: Record, version: int) -> Record:
    while version < VERSION:
        record = MIGRATIONS[version](record)
        version += 1
    return record


def _header(
    name: str, lines: Iterator[tuple[int, bytes]], log: ProblemLog
) -> tuple[int, list[Label], Any] | None:
    first = next(lines, None)
    if first is None:
        log.add(name, "the file is empty", "format.empty")
        return None
    number, raw = first
    header = _parse(name, number, raw, log)
    if not isinstance(header, dict) or header.get("format") != MAGIC:
        msg = 'the first line must be the header {"format": "annota", "version": ...}'
        log.add(name, msg, "format.header", line=number)
        return None
    version = header.get("version")
    if not (wire.is_number(version) and isinstance(version, int) and 1 <= version <= VERSION):
        log.add(
            name,
            f"unsupported version {version!r}: this annota reads versions 1..{VERSION}",
            "format.version",
            loc=("version",),
            line=number,
        )
        return None
    header = _migrate(header, version)
    labels = []
    raw_labels = header.get("labels")
    if not isinstance(raw_labels, list):
        log.add(name, "expected a list of labels", "list_type", loc=("labels",), line=number)
        return None
    for i, raw_label in enumerate(raw_labels):
        try:
            label = label_from_dict(raw_label, ("labels", i))
        except DomainValidationError as error:
            log.add_domain(name, error.problems, line=number)
            continue
        if label.id is None:
            log.add(name, "a label needs its dataset id", "missing", loc=("labels", i, "id"), line=number)
        else:
            labels.append(label)
    if log:
        return None
    meta = header.get("meta") if isinstance(header.get("meta"), dict) else {}
    return version, labels, meta


class _Reader:
    def __init__(
        self, root: Path, name: str, version: int, labels: dict[Any, Label], log: ProblemLog
    ) -> None:
        self.root, self.name, self.version, self.labels, self.log = root, name, version, labels, log
        self.tracks: list[DatasetTrack] = []
        self.images = sources.ImageIndex(root)

    def split(
        self, lines: Iterator[tuple[int, bytes]]
    ) -> tuple[Iterator[RecordItem], Iterator[DatasetTrack]]:
        """Items are read lazily; track lines, which come last, are kept for the tracks iterator."""
        return checked_items(self._items(lines), self.log), self._tracks()

    def _items(self, lines: Iterator[tuple[int, bytes]]) -> Iterator[RecordItem]:
        for number, raw in lines:
            record = _parse(self.name, number, raw, self.log)
            if not isinstance(record, dict) or len(record) != 1 or not ({"item", "track"} & record.keys()):
                if record is not None:
                    self.log.add(
                        self.name,
                        'expected {"item": {...}} or {"track": {...}}',
                        "format.record",
                        line=number,
                    )
                continue
            record = _migrate(record, self.version)
            if "item" in record:
                item = self._item(record["item"], number)
                if item is not None:
                    yield item
            else:
                self._track(record["track"], number)

    def _tracks(self) -> Iterator[DatasetTrack]:
        yield from self.tracks
        self.log.raise_if_any()

    def _item(self, raw: object, number: int) -> RecordItem | None:
        problems: list[Problem] = []
        loc: Loc = ("item",)
        m = wire.require_mapping(raw, loc, problems)
        if m is None:
            self.log.add_domain(self.name, problems, line=number)
            return None
        wire.reject_extra_keys(m, ITEM_KEYS, loc, problems)
        name = wire.string(m.get("name"), (*loc, "name"), problems)
        subset = m.get("subset", "")
        if not isinstance(subset, str):
            subset = wire.string(subset, (*loc, "subset"), problems) or ""
        frame = wire.integer(m.get("frame"), (*loc, "frame"), problems, minimum=0)
        width = wire.optional_integer(m.get("width"), (*loc, "width"), problems)
        height = wire.optional_integer(m.get("height"), (*loc, "height"), problems)
        shapes = self._shapes(m.get("shapes", []), frame, loc, problems)
        tags = self._tags(m.get("tags", []), frame, loc, problems)
        if problems:
            self.log.add_domain(self.name, problems, line=number)
            return None
        assert name is not None and frame is not None
        image = self.images.find("images/" + subset if subset else "images", name)
        return RecordItem(name, subset, frame, width, height, image, shapes, tags)

    def _shapes(
        self, values: object, frame: int | None, loc: Loc, problems: list[Problem]
    ) -> list[ShapeRecord]:
        if not isinstance(values, list):
            problems.append(Problem((*loc, "shapes"), "expected a list", "list_type"))
            return []
        out = []
        for i, value in enumerate(values):
            record, found = read_shape_record(value, (*loc, "shapes", i), self.labels)
            problems.extend(found)
            if record is None:
                continue
            if value["frame"] != frame:
                msg = f"must be the item's frame {frame}"
                problems.append(Problem((*loc, "shapes", i, "frame"), msg, "inconsistent"))
            else:
                out.append(record)
        return out

    def _tags(self, values: object, frame: int | None, loc: Loc, problems: list[Problem]) -> list[TagRecord]:
        if not isinstance(values, list):
            problems.append(Problem((*loc, "tags"), "expected a list", "list_type"))
            return []
        out = []
        for i, value in enumerate(values):
            tag, found = read_tag(value, (*loc, "tags", i), self.labels)
            problems.extend(found)
            if tag is not None and tag.frame != frame:
                problems.append(
                    Problem((*loc, "tags", i, "frame"), f"must be the item's frame {frame}", "inconsistent")
                )
            elif tag is not None:
                out.append(record_of_tag(tag))
        return out

    def _track(self, raw: object, number: int) -> None:
        if not isinstance(raw, dict):
            self.log.add(self.name, "expected an object", "dict_type", loc=("track",), line=number)
            return
        body = dict(raw)
        subset = body.pop("subset", "")
        if not isinstance(subset, str):
            self.log.add(self.name, "expected a string", "string_type", loc=("track", "subset"), line=number)
            return
        track, problems = read_track(body, ("track",), self.labels)
        if problems:
            self.log.add_domain(self.name, problems, line=number)
        elif track is not None:
            self.tracks.append(DatasetTrack(subset, track))


FORMAT = NativeFormat()
