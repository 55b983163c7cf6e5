"""What YOLO readers share: one label file per image, rows parsed into records, problems located by line.

A `RowReader` turns one row's numbers into shapes for a format variant (boxes, polygons, keypoints...).
`LabelFileReader` applies it to an image's label file and locates every problem as ``labels/train/1.txt:3:
...``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from annota.domain.labels import Label
from annota.formats import sources
from annota.formats.base import ProblemLog
from annota.formats.records import Fields, RecordItem, ShapeRecord, shape_record
from annota.formats.yolo_rows import RowError, numbers

# (numbers after the class index, image width, height) -> [(role, kind, geometry fields)]; role 0 is the
# class's own label, role 1 its companion (a pose row's box goes to `<class>:region`).
RowReader = Callable[[list[float], int, int], list[tuple[int, str, Fields]]]


@dataclass(frozen=True, slots=True)
class LabelEntry:
    """An image of the dataset and where its label file would be."""

    name: str
    subset: str
    frame: int
    image: Path | None
    label_file: Path | None


@dataclass
class LabelFileReader:
    root: Path
    labels: Mapping[tuple[int, int], Label]  # (class index, role) -> label
    row: RowReader
    log: ProblemLog
    max_bytes: int
    group: int = 0

    def items(
        self, entries: Iterable[LabelEntry], sizes: Mapping[str, tuple[int, int]]
    ) -> Iterator[RecordItem]:
        """An item per entry whose image size is known."""
        for entry in entries:
            read = None if entry.label_file is None else sources.read_file(entry.label_file, self.max_bytes)
            item = self._item(entry, read, sizes)
            if item is not None:
                yield item

    def _item(
        self, entry: LabelEntry, read: sources.FileRead, sizes: Mapping[str, tuple[int, int]]
    ) -> RecordItem | None:
        image = entry.image
        size = sources.image_size(image) if image is not None else sizes.get(entry.name)
        if size is None:
            where = sources.relative(self.root, image) if image is not None else entry.name
            self.log.add(
                where, "cannot tell the image size (YOLO coordinates are relative to it)", "format.size"
            )
            return None
        width, height = size
        shapes: list[ShapeRecord] = []
        if entry.label_file is not None:
            data = sources.accept(
                self.root, entry.label_file, read, self.log, self.max_bytes, missing_ok=True
            )
            lines = sources.lines_of(self.root, entry.label_file, data, self.log)
            shapes = self._shapes(entry.label_file, lines or [], width, height)
        return RecordItem(entry.name, entry.subset, entry.frame, width, height, image, shapes)

    def _shapes(self, path: Path, lines: list[str], width: int, height: int) -> list[ShapeRecord]:
        """The shapes of a label file's lines."""
        out: list[ShapeRecord] = []
        file = ""
        for number, line in enumerate(lines, start=1):
            tokens = line.split()
            if not tokens:
                continue
            try:
                index = int(tokens[0])
                geometries = self.row(numbers(tokens[1:]), width, height)
            except ValueError as error:
                file = file or sources.relative(self.root, path)
                msg = (
                    str(error)
                    if isinstance(error, RowError)
                    else f"expected a class index, got {tokens[0]!r}"
                )
                self.log.add(file, msg, "format.yolo", line=number)
                continue
            group = None
            if len(geometries) > 1:
                self.group += 1
                group = self.group
            for role, kind, fields in geometries:
                label = self.labels.get((index, role))
                if label is None or label.id is None:
                    file = file or sources.relative(self.root, path)
                    msg = f"class {index} is not in the class names"
                    self.log.add(file, msg, "unknown_label", line=number)
                    break
                out.append(shape_record(kind, label.id, fields, group=group))
        return out
