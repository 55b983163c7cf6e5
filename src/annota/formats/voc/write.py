"""Writing Pascal VOC, full layout (default) or flat (``layout=flat``: the XMLs only, next to the images).

Full layout: ``Annotations/<id>.xml``; ``ImageSets/Main/<subset>.txt`` (``default`` when there is no
subset) and ``<label>_<subset>.txt`` (1 / -1) for labels used as tags; ``ImageSets/Segmentation`` lists and
``SegmentationClass``/``SegmentationObject`` palette PNGs for items with masks; ``labelmap.txt`` with every
label's colour, parts and actions; ``JPEGImages/<name>`` with ``--with-images``.

A rectangle whose group holds an earlier rectangle and whose label is a part name (head, hand, foot, or a name
already written as a part of that label) is written as a ``<part>`` of it. Checkbox attributes other than
truncated/difficult are written as ``<actions>``, other attributes as CVAT's ``<attributes>``; ``pose``,
``truncated``, ``difficult`` and the occluded flag as VOC's own elements.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, SubElement, tostring

from annota.domain.labels import Label
from annota.domain.shapes import rectangle
from annota.domain.shapes.base import Shape
from annota.domain.shapes.mask import MaskGeometry
from annota.formats import png_masks
from annota.formats.base import Dataset, FormatError, FormatProblem, Item, Output, WriteOptions
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.formats.voc import segmentation
from annota.formats.voc.labelmap import BACKGROUND, FILE, PARTS, VOID_INDEX, VocClass, labelmap_text
from annota.formats.voc.read import DEFAULT_SUBSET, FLAGS

MAX_INSTANCES = VOID_INDEX - 1


@dataclass
class _Subset:
    ids: list[str] = field(default_factory=list)
    tags: list[set[int]] = field(default_factory=list)
    segmented: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)


LAYOUT = FormatOption(
    "layout", OptionKind.CHOICE, "the VOC folder tree (full) or every file in one folder (flat)",
    Direction.WRITE, "full", ("full", "flat"),
)  # fmt: skip


class VocWriter:
    def __init__(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.dataset, self.output, self.options = dataset, output, options
        self.flat = LAYOUT.value(options.extra) == "flat"
        self.labels = {label.id: label for label in dataset.labels}
        named = [label for label in dataset.labels if label.name != BACKGROUND]
        background = png_masks.rgb_of(
            next((x.color for x in dataset.labels if x.name == BACKGROUND), "#000000")
        )
        self.classes = [
            VocClass(BACKGROUND, background),
            *(VocClass(x.name, png_masks.rgb_of(x.color)) for x in named),
        ]
        self.class_index = {x.name: i for i, x in enumerate(self.classes)}
        self.parts: dict[str, set[str]] = {}
        self.actions: dict[str, set[str]] = {}
        self.tag_labels: set[int] = set()
        self.subset_of: dict[str, str] = {}

    def write(self) -> None:
        for subset, items in itertools.groupby(self.dataset.items, key=lambda item: item.subset):
            record = _Subset()
            for item in items:
                self._item(item, record)
            if not self.flat:
                self._lists(subset or DEFAULT_SUBSET, record)
        if not self.flat:
            classes = [
                # Parts are not listed: a part's label is a class of its own here, and Datumaro refuses a
                # label map naming one label both ways. `<part>` elements carry the parts.
                VocClass(c.name, c.color, (), tuple(sorted(self.actions.get(c.name, ()))))
                for c in self.classes
            ]
            with self.output.open(FILE) as file:
                file.write(labelmap_text(classes).encode())

    def _item(self, item: Item, record: _Subset) -> None:
        item_id = str(PurePosixPath(item.name).with_suffix(""))
        if item_id in self.subset_of:
            where = f"subsets {self.subset_of[item_id]!r} and {item.subset!r}"
            msg = f"VOC names an image by its id: {item_id!r} is used twice ({where})"
            raise FormatError([FormatProblem(item.name, msg, "format.voc")])
        self.subset_of[item_id] = item.subset
        masks = sorted(
            (s for s in item.shapes if isinstance(s.geometry, MaskGeometry)), key=lambda s: s.z_order
        )
        annotation, has_actions, has_parts = self._annotation(item, bool(masks))
        xml_name = f"{item_id}.xml" if self.flat else f"Annotations/{item_id}.xml"
        with self.output.open(xml_name) as file:
            file.write(tostring(annotation, encoding="utf-8", xml_declaration=True))
        if self.options.with_images and item.image is not None:
            self.output.copy(item.name if self.flat else f"JPEGImages/{item.name}", item.image)
        if self.flat:
            return
        record.ids.append(item_id)
        record.tags.append({t.label_id for t in item.tags})
        self.tag_labels.update(t.label_id for t in item.tags)
        if has_actions:
            record.actions.append(item_id)
        if has_parts:
            record.layout.append(item_id)
        if masks:
            if len(masks) > MAX_INSTANCES:
                msg = f"{len(masks)} masks on one image: VOC instance masks hold at most {MAX_INSTANCES}"
                raise FormatError([FormatProblem(item.name, msg, "format.voc")])
            size = (item.width, item.height) if item.width and item.height else None
            size = size or segmentation.extent(m.geometry for m in masks)  # type: ignore[misc]
            named = [(self.class_index[self.labels[m.label_id].name], m) for m in masks]
            segmentation.write_masks(self.output, item_id, named, size, self.classes)
            record.segmented.append(item_id)

    def _annotation(self, item: Item, segmented: bool) -> tuple[Element, bool, bool]:
        root = Element("annotation")
        SubElement(root, "folder").text = "VOC"
        SubElement(root, "filename").text = PurePosixPath(item.name).name
        size = SubElement(root, "size")
        for key, value in (("width", item.width), ("height", item.height), ("depth", 3)):
            if value is not None:
                SubElement(size, key).text = str(value)
        SubElement(root, "segmented").text = "1" if segmented else "0"
        boxes = [s for s in item.shapes if s.kind == rectangle.NAME]
        parents: dict[int, Element] = {}
        has_actions = has_parts = False
        for shape in boxes:
            label = self.labels[shape.label_id]
            parent = parents.get(shape.group) if shape.group is not None else None
            if parent is not None and self._is_part(parent, label.name):
                part = SubElement(parent, "part")
                SubElement(part, "name").text = label.name
                _bndbox(part, shape)
                self.parts.setdefault(parent.findtext("name") or "", set()).add(label.name)
                has_parts = True
                continue
            obj, acted = self._object(root, shape, label)
            has_actions = has_actions or acted
            if shape.group is not None and shape.group not in parents:
                parents[shape.group] = obj
        return root, has_actions, has_parts

    def _is_part(self, parent: Element, name: str) -> bool:
        return name in PARTS or name in self.parts.get(parent.findtext("name") or "", set())

    def _object(self, root: Element, shape: Shape, label: Label) -> tuple[Element, bool]:
        obj = SubElement(root, "object")
        SubElement(obj, "name").text = label.name
        values = dict(shape.attributes)
        pose = values.pop("pose", None)
        if isinstance(pose, str):
            SubElement(obj, "pose").text = pose
        elif pose is not None:
            values["pose"] = pose
        for flag in FLAGS:
            value = values.pop(flag, None)
            if isinstance(value, bool):
                SubElement(obj, flag).text = "1" if value else "0"
            elif value is not None:
                values[flag] = value
        if shape.occluded:
            SubElement(obj, "occluded").text = "1"
        _bndbox(obj, shape)
        actions = {k: v for k, v in values.items() if isinstance(v, bool)}
        if actions:
            element = SubElement(obj, "actions")
            for key, value in actions.items():
                SubElement(element, key).text = "1" if value else "0"
            self.actions.setdefault(label.name, set()).update(actions)
        others = {k: v for k, v in values.items() if not isinstance(v, bool)}
        if others:
            element = SubElement(obj, "attributes")
            for key, value in others.items():
                attribute = SubElement(element, "attribute")
                SubElement(attribute, "name").text = key
                SubElement(attribute, "value").text = str(value)
        return obj, bool(actions)

    def _lists(self, subset: str, record: _Subset) -> None:
        self._list(f"ImageSets/Main/{subset}.txt", record.ids)
        names = {label_id: self.labels[label_id].name for label_id in self.tag_labels}
        for label_id, name in sorted(names.items(), key=lambda x: x[1]):
            lines = (
                f"{i} {' 1' if label_id in tags else '-1'}"
                for i, tags in zip(record.ids, record.tags, strict=True)
            )
            self._list(f"ImageSets/Main/{name}_{subset}.txt", lines)
        for task, ids in (
            ("Segmentation", record.segmented),
            ("Action", record.actions),
            ("Layout", record.layout),
        ):
            if ids:
                self._list(f"ImageSets/{task}/{subset}.txt", ids)

    def _list(self, name: str, lines: Iterable[str]) -> None:
        with self.output.open(name) as file:
            file.write("".join(f"{line}\n" for line in lines).encode())


def _bndbox(parent: Element, shape: Shape) -> None:
    x1, y1, x2, y2 = rectangle.bbox(shape.geometry)  # type: ignore[arg-type]
    box = SubElement(parent, "bndbox")
    for key, value in (("xmin", x1), ("ymin", y1), ("xmax", x2), ("ymax", y2)):
        SubElement(box, key).text = _number(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_voc(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    VocWriter(dataset, output, options).write()
