"""CVAT for images 1.1 (``cvat_images``): ``annotations.xml`` with ``<meta>`` labels and one ``<image>`` per
item holding its shapes and tags; task or project exports (``subset`` on each image), images in
``images/[<subset>/]``. Tracks (this format has none) are exported as one shape per frame where they are
not outside, interpolated by the export service.

Both ways stream: the reader parses one ``<image>`` at a time and drops it, the writer writes each item's
element as it comes (`cvat_body`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element
from xml.sax.saxutils import quoteattr

from annota.domain.labels import Label, LabelKind
from annota.domain.problems import DomainValidationError, Loc
from annota.formats import sources, xml_stream
from annota.formats.base import (
    CERTAIN,
    LIKELY,
    NO,
    Carries,
    Dataset,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
    checked_items,
)
from annota.formats.colors import color_for
from annota.formats.cvat_body import ImageBody
from annota.formats.cvat_meta import UNLABELED, read_labels, write_labels
from annota.formats.cvat_shapes import ELEMENTS, SOURCE_VALUES, ShapeError, attributes, fields, flag
from annota.formats.images import image_name
from annota.formats.records import (
    RecordDataset,
    RecordItem,
    ShapeRecord,
    TagRecord,
    dataset_of,
    records_of,
    tag_record,
)

FILE = "annotations.xml"
ALL_KINDS = frozenset({"rectangle", "polygon", "polyline", "points", "ellipse", "mask", "skeleton", "tag"})


def xml_file(path: Path) -> Path | None:
    if path.is_file():
        return path if path.suffix.lower() == ".xml" else None
    if (path / FILE).is_file():
        return path / FILE
    found = sorted(path.glob("*.xml"))
    return found[0] if found else None


def detect_cvat(path: Path, marker: bytes) -> float:
    file = xml_file(path)
    if file is None:
        return NO
    head = sources.head(file, 64 * 1024)
    if b"<annotations" not in head:
        return NO
    return CERTAIN if marker in head else LIKELY if b"<meta" in head else NO


class Labels:
    """The dataset's labels by name, with ``unlabeled`` (or any undeclared name) added on first use; `list`
    grows with them (a `RecordDataset`'s labels)."""

    def __init__(self, labels: list[Label]) -> None:
        self.list = list(labels)
        self.by_name = {label.name: label for label in labels}

    def get(self, name: str) -> Label:
        name = name or UNLABELED
        label = self.by_name.get(name)
        if label is None:
            label = Label(name, color_for(len(self.by_name)), LabelKind.ANY, (), None, len(self.by_name))
            self.by_name[name] = label
            self.list.append(label)
        return label


class CvatImages:
    name = "cvat_images"
    title = "CVAT for images 1.1"
    description = "CVAT XML for images: attributes, skeletons, masks, tags, subsets of project exports"
    carries = Carries(kinds=ALL_KINDS, attributes=True, subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_cvat(path, b"<image ")

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        """Streamed: labels from ``<meta>``, then each ``<image>`` as it is parsed (and dropped)."""
        log = ProblemLog()
        file = xml_file(path)
        root = path.parent if path.is_file() else path
        if file is None:
            log.add(path.name, "no CVAT annotations.xml found", "format.missing_file")
            log.raise_if_any()
        assert file is not None
        name = sources.relative(root, file)
        handle = sources.open_file(file, name, log, options.max_file_bytes)
        log.raise_if_any()
        assert handle is not None
        reader = _ImageReader(handle, name, sources.ImageIndex(root), log)
        try:
            labels = reader.labels()
        except BaseException:
            handle.close()
            raise
        items = checked_items(reader.items(), log)
        return RecordDataset(labels.list, items, labels_final=False, checked=True)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        labels = {label.id: label for label in dataset.labels}
        head = (
            '<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version><meta><task>'
            f"<mode>annotation</mode>{write_labels(dataset.labels)}</task></meta>\n"
        )
        copies: list[tuple[str, Path]] = []
        body = ImageBody(labels)
        with output.open(FILE) as out:
            out.write(head.encode())
            parts: list[str] = []
            for index, item in enumerate(dataset.items):
                subset = f" subset={quoteattr(item.subset)}" if item.subset else ""
                parts.append(
                    f'<image id="{index}" name={quoteattr(item.name)} width="{item.width or 0}"'
                    f' height="{item.height or 0}"{subset}>{body(item)}</image>\n'
                )
                if len(parts) >= 1000:
                    out.write("".join(parts).encode())
                    parts.clear()
                if options.with_images and item.image is not None:
                    copies.append((image_name(item.subset, item.name), item.image))
            out.write("".join(parts).encode() + b"</annotations>\n")
        for name, source_path in copies:
            output.copy(name, source_path)


class _ImageReader:
    """``<image>`` elements parsed one at a time by defusedxml's iterparse, each cleared once read."""

    def __init__(self, handle: IO[bytes], file: str, images: sources.ImageIndex, log: ProblemLog) -> None:
        self.handle, self.file, self.images, self.log = handle, file, images, log
        self.events = xml_stream.events(handle, file, log)
        self.root: Element | None = None
        self.depth = 0
        self.first_image: Element | None = None
        self._labels = Labels([])

    def _next(self) -> tuple[str, Element] | None:
        """The next event, or None at the end of the document or at an error (logged)."""
        found = next(self.events, None)
        if found is None:
            return None
        event, element = found
        if event == "start":
            self.depth += 1
            if self.root is None:
                self.root = element
        else:
            self.depth -= 1
        return event, element

    def labels(self) -> Labels:
        """The labels of ``<meta>``, read up to the first ``<image>`` (raises the problems found so far)."""
        while (found := self._next()) is not None:
            event, element = found
            if event == "start" and self.depth == 2 and element.tag == "image":
                self.first_image = element
                break
            if event == "end" and self.depth == 1 and element.tag == "meta":
                self._labels = Labels(read_labels(element, self.file, self.log))
                element.clear()
        if found is None or self.log:
            self.handle.close()
        self.log.raise_if_any()
        return self._labels

    def items(self) -> Iterator[RecordItem]:
        frames: dict[str, int] = {}
        index = 0
        try:
            if self.first_image is None:
                return
            while (found := self._next()) is not None:
                event, element = found
                if event != "end" or self.depth != 1 or element.tag != "image":
                    continue
                item = self._item(element, ("image", index), frames)
                index += 1
                if self.root is not None:
                    self.root.clear()  # the image and what came before it: memory stays flat
                if item is not None:
                    yield item
        finally:
            self.handle.close()

    def _item(self, image: Element, loc: Loc, frames: dict[str, int]) -> RecordItem | None:
        name = image.get("name", "")
        subset = image.get("subset", "")
        if not name:
            self.log.add(self.file, "an image needs a name", "missing", (*loc, "name"))
            return None
        frame = frames.get(subset, 0)
        frames[subset] = frame + 1
        shapes: list[ShapeRecord] = []
        tags: list[TagRecord] = []
        labels = self._labels
        for j, child in enumerate(image):
            get = child.get
            label = labels.get(get("label", ""))
            try:
                values = attributes(child, label) if len(child) else {}
                if child.tag == "tag":
                    tags.append(
                        tag_record(
                            label.id or 0, frame, values, SOURCE_VALUES.get(get("source", ""), "imported")
                        )
                    )
                    continue
                kind = ELEMENTS.get(child.tag)
                if kind is None:
                    msg = f"unknown element <{child.tag}>"
                    self.log.add(self.file, msg, "format.cvat", (*loc, child.tag, j))
                    continue
                shapes.append(
                    {
                        "kind": kind,
                        "label_id": label.id or 0,
                        "geometry": fields(child, label),
                        "z_order": int(get("z_order", "0") or 0),
                        "occluded": flag(child, "occluded"),
                        "outside": flag(child, "outside"),
                        "attributes": values,
                        "group": int(get("group_id", "0") or 0) or None,
                        "source": SOURCE_VALUES.get(get("source", ""), "imported"),
                        "score": None,
                    }
                )
            except (ShapeError, ValueError) as error:
                self.log.add(self.file, str(error), "format.cvat", (*loc, child.tag, j))
            except DomainValidationError as error:
                self.log.add_domain(self.file, error.problems, (*loc, child.tag, j))
        width, height = _int(image.get("width")), _int(image.get("height"))
        found = self.images.find(f"images/{subset}", name) or self.images.find("images", name)
        found = found or self.images.find("", name)
        return RecordItem(name, subset, frame, width, height, found, shapes, tags)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


FORMAT = CvatImages()
