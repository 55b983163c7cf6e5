"""CVAT for images 1.1 (``cvat_images``): ``annotations.xml`` with ``<meta>`` labels and one ``<image>`` per
item holding its shapes and tags; task or project exports (``subset`` on each image), images in
``images/[<subset>/]``. Tracks are exported per keyframe by the export service (this format has none).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from annota.domain.labels import Label, LabelKind
from annota.domain.problems import DomainValidationError
from annota.domain.shapes.base import Shape
from annota.domain.tags import Tag
from annota.formats import sources
from annota.formats.base import (
    CERTAIN,
    LIKELY,
    NO,
    Carries,
    Dataset,
    Item,
    LocalIds,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
    checked_items,
)
from annota.formats.colors import color_for
from annota.formats.cvat_meta import UNLABELED, read_labels, write_labels
from annota.formats.cvat_shapes import (
    ELEMENTS,
    SOURCE_OUT,
    TAG_OF,
    ShapeError,
    attributes,
    attributes_xml,
    element,
    flag,
    geometry,
    geometry_attrs,
    skeleton_points_xml,
    source,
)
from annota.formats.images import image_name

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
    """The dataset's labels by name, with ``unlabeled`` added on first use."""

    def __init__(self, labels: list[Label]) -> None:
        self.by_name = {label.name: label for label in labels}

    def get(self, name: str) -> Label:
        name = name or UNLABELED
        label = self.by_name.get(name)
        if label is None:
            label = Label(name, color_for(len(self.by_name)), LabelKind.ANY, (), None, len(self.by_name))
            self.by_name[name] = label
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
        log = ProblemLog()
        file = xml_file(path)
        root = path.parent if path.is_file() else path
        if file is None:
            log.add(path.name, "no CVAT annotations.xml found", "format.missing_file")
            log.raise_if_any()
        assert file is not None
        document = sources.read_xml(root, file, log, options.max_file_bytes)
        log.raise_if_any()
        assert document is not None
        name = sources.relative(root, file)
        labels = Labels(read_labels(document.find("meta"), name, log))
        log.raise_if_any()
        ids = LocalIds()
        items = list(self._items(document, root, name, labels, ids, log))  # labels may grow: read all first
        return Dataset(tuple(labels.by_name.values()), checked_items(items, log))

    def _items(
        self, document: Element, root: Path, file: str, labels: Labels, ids: LocalIds, log: ProblemLog
    ) -> Iterator[Item]:
        frames: dict[str, int] = {}
        for i, image in enumerate(document.findall("image")):
            loc = ("image", i)
            name = image.get("name", "")
            subset = image.get("subset", "")
            if not name:
                log.add(file, "an image needs a name", "missing", (*loc, "name"))
                continue
            frame = frames.get(subset, 0)
            frames[subset] = frame + 1
            shapes: list[Shape] = []
            tags: list[Tag] = []
            for j, child in enumerate(image):
                where = (*loc, child.tag, j)
                label = labels.get(child.get("label", ""))
                try:
                    values = attributes(child, label)
                    if child.tag == "tag":
                        tags.append(Tag(ids(), label.id or 0, frame, frame, values, source(child)))
                        continue
                    if child.tag not in ELEMENTS:
                        log.add(file, f"unknown element <{child.tag}>", "format.cvat", where)
                        continue
                    group = int(child.get("group_id", "0") or 0) or None
                    shapes.append(
                        Shape(
                            ids(),
                            ELEMENTS[child.tag],
                            label.id or 0,
                            frame,
                            geometry(child, label),
                            int(child.get("z_order", "0") or 0),
                            flag(child, "occluded"),
                            flag(child, "outside"),
                            values,
                            group,
                            source(child),
                        )
                    )
                except (ShapeError, ValueError) as error:
                    log.add(file, str(error), "format.cvat", where)
                except DomainValidationError as error:
                    log.add_domain(file, error.problems, where)
            width, height = _int(image.get("width")), _int(image.get("height"))
            found = sources.find_image(root / "images" / subset, name) or sources.find_image(
                root / "images", name
            )
            found = found or sources.find_image(root, name)
            yield Item(name, subset, frame, width, height, found, tuple(shapes), tuple(tags))

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        labels = {label.id: label for label in dataset.labels}
        head = (
            '<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version><meta><task>'
            f"<mode>annotation</mode>{write_labels(dataset.labels)}</task></meta>\n"
        )
        copies: list[tuple[str, Path]] = []
        with output.open(FILE) as out:
            out.write(head.encode())
            index = 0
            for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset):
                for item in items:
                    attrs = {
                        "id": str(index),
                        "name": item.name,
                        "width": str(item.width or 0),
                        "height": str(item.height or 0),
                    }
                    if subset:
                        attrs["subset"] = subset
                    out.write((element("image", attrs, image_body(item, labels)) + "\n").encode())
                    index += 1
                    if options.with_images and item.image is not None:
                        copies.append((image_name(subset, item.name), item.image))
            out.write(b"</annotations>\n")
        for name, source_path in copies:
            output.copy(name, source_path)


def image_body(item: Item, labels: dict[int | None, Label]) -> str:
    parts = []
    for shape in item.shapes:
        label = labels.get(shape.label_id)
        if label is None:
            continue
        attrs = {
            "label": label.name,
            "source": SOURCE_OUT[shape.source],
            "occluded": "1" if shape.occluded else "0",
            "z_order": str(shape.z_order),
            **geometry_attrs(shape.geometry, shape.kind),
        }
        if shape.group:
            attrs["group_id"] = str(shape.group)
        body = attributes_xml(shape.attributes)
        if shape.kind == "skeleton":
            body += skeleton_points_xml(shape.geometry, label)  # type: ignore[arg-type]
        parts.append(element(TAG_OF[shape.kind], attrs, body))
    for tag in item.tags:
        label = labels.get(tag.label_id)
        if label is not None:
            parts.append(
                element(
                    "tag",
                    {"label": label.name, "source": SOURCE_OUT[tag.source]},
                    attributes_xml(tag.attributes),
                )
            )
    return "".join(parts)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


FORMAT = CvatImages()
