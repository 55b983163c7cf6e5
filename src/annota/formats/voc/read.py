"""Reading Pascal VOC: the full layout (Annotations, ImageSets, JPEGImages, Segmentation*) or a flat folder.

Objects become rectangles (coordinates as written, like CVAT and Datumaro); ``pose``, ``truncated``,
``difficult``, ``<actions>`` and CVAT's ``<attributes>`` become attributes, ``occluded`` the shape's flag; a
``<part>`` is a rectangle of its own label in its object's group. ``ImageSets/Main/<class>_<subset>.txt``
entries marked 1 become image tags. Subsets come from the ``ImageSets/*/<subset>.txt`` lists (``default``
means none). Segmentation masks are read by `segmentation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from annota.domain.attributes import AttrValue
from annota.domain.problems import Loc
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tags import Tag
from annota.formats import png_masks, sources
from annota.formats.base import Dataset, Item, LocalIds, ProblemLog, ReadOptions
from annota.formats.label_book import LabelBook, parse_text_value
from annota.formats.voc import segmentation
from annota.formats.voc.labelmap import BACKGROUND, VocClass, default_labelmap, read_labelmap
from annota.media.names import InvalidMediaName, natural_key, relative_name

TASKS = ("Main", "Segmentation", "Action", "Layout")
DEFAULT_SUBSET = "default"
FLAGS = ("truncated", "difficult")
_KNOWN = frozenset({"name", "bndbox", "pose", "truncated", "difficult", "occluded", "part", "actions",
                    "attributes", "point"})  # fmt: skip


def is_full_layout(root: Path) -> bool:
    return any(
        (root / d).is_dir() for d in ("Annotations", "ImageSets", "SegmentationClass", "SegmentationObject")
    )


def _is_class_list(entries: list[tuple[int, str]]) -> bool:
    """``<label>_<subset>.txt`` lists hold ``<id> <1|0|-1>`` (Action/Layout ones ``<id> <object> <flag>``)."""
    fields = entries[0][1].split() if entries else []
    return len(fields) >= 2 and fields[-1] in ("1", "0", "-1")


@dataclass
class Draft:
    """An item while its files are read; `frame` is set once every item is known."""

    id: str
    subset: str = ""
    name: str | None = None
    width: int | None = None
    height: int | None = None
    shapes: list[Shape] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    objects: int = 0


class VocReader:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.root = path.parent if path.is_file() else path
        self.single = path if path.is_file() else None
        self.max_bytes = options.max_file_bytes
        self.log = ProblemLog()
        self.full = self.single is None and is_full_layout(self.root)
        custom = read_labelmap(self.root, self.log, self.max_bytes)
        self.classes: list[VocClass] = custom or default_labelmap()
        self.book = LabelBook()
        self.ids = LocalIds()
        self.drafts: dict[str, Draft] = {}
        for c in self.classes if custom else ():
            if c.name != BACKGROUND:
                self.book.id_for(c.name, png_masks.hex_color(c.color))
        self._colors = {c.name: png_masks.hex_color(c.color) for c in self.classes}

    def read(self) -> Dataset:
        if self.full:
            self._lists()
            xml_root = self.root / "Annotations"
            files = (
                [f for f in sources.walk_files(xml_root) if f.suffix.lower() == ".xml"]
                if xml_root.is_dir()
                else []
            )
        elif self.single is not None:
            files = [self.single]
        else:
            files = [f for f in sources.walk_files(self.root) if f.suffix.lower() == ".xml"]
        if not files and not self.drafts:
            self.log.add(
                self.root.name, "no VOC annotation XML and no ImageSets list found", "format.missing_file"
            )
        for file in files:
            base = self.root / "Annotations" if self.full else self.root
            self._xml(file, str(PurePosixPath(sources.relative(base, file)).with_suffix("")))
        if self.full:
            segmentation.read_masks(self)
        self.log.raise_if_any()
        labels = self.book.labels()
        return Dataset(labels, self._items())

    def label_id(self, name: str) -> int:
        return self.book.id_for(name, self._colors.get(name))

    def draft(self, item_id: str) -> Draft:
        draft = self.drafts.get(item_id)
        if draft is None:
            draft = self.drafts[item_id] = Draft(item_id)
        return draft

    # -- ImageSets -------------------------------------------------------------------------------------

    def _lists(self) -> None:
        for task in TASKS:
            folder = self.root / "ImageSets" / task
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.txt")):
                entries = self._entries(path)
                label, _, subset = path.stem.rpartition("_")
                if label and subset and _is_class_list(entries):
                    if task == "Main":
                        self._class_list(path, label, entries)
                    continue
                self._subset_list(path, "" if path.stem == DEFAULT_SUBSET else path.stem, entries)

    def _entries(self, path: Path) -> list[tuple[int, str]]:
        """(line number, stripped line) of the entries of a list; an image id may hold spaces."""
        lines = sources.read_lines(self.root, path, self.log, self.max_bytes)
        return [
            (n, line.strip()) for n, line in enumerate(lines or [], start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]  # fmt: skip

    def _listed(self, path: Path, line: int, item_id: str) -> Draft | None:
        """The draft of an id read from a list, refused when it names a path outside the dataset."""
        try:
            relative_name(item_id)
        except InvalidMediaName as error:
            self.log.add(sources.relative(self.root, path), error.reason, "format.unsafe_path", line=line)
            return None
        return self.draft(item_id)

    def _subset_list(self, path: Path, subset: str, entries: list[tuple[int, str]]) -> None:
        for line, text in entries:
            draft = self._listed(path, line, text)
            if draft is not None and not draft.subset:
                draft.subset = subset

    def _class_list(self, path: Path, label: str, entries: list[tuple[int, str]]) -> None:
        name = sources.relative(self.root, path)
        for line, text in entries:
            fields = text.rsplit(None, 1)
            if len(fields) != 2 or fields[1] not in ("1", "0", "-1"):
                self.log.add(name, "expected '<image id> <1|0|-1>'", "format.voc", line=line)
            elif fields[1] == "1" and (draft := self._listed(path, line, fields[0])) is not None:
                draft.tags.append(Tag(self.ids(), self.label_id(label), 0, 0, source=Source.IMPORTED))

    # -- Annotations/*.xml -----------------------------------------------------------------------------

    def _xml(self, path: Path, item_id: str) -> None:
        file = sources.relative(self.root, path)
        root = sources.read_xml(self.root, path, self.log, self.max_bytes)
        if root is None:
            return
        if root.tag != "annotation":
            self.log.add(file, f"expected an <annotation> document, got <{root.tag}>", "format.voc")
            return
        draft = self.draft(item_id)
        filename = (root.findtext("filename") or "").strip()
        suffix = PurePosixPath(filename).suffix if filename else ""
        draft.name = item_id + suffix if suffix else None
        size = root.find("size")
        if size is not None:
            draft.width = self._size(size, "width", file)
            draft.height = self._size(size, "height", file)
        for i, obj in enumerate(root.findall("object")):
            self._object(obj, ("object", i), file, draft)

    def _size(self, size: Element, key: str, file: str) -> int | None:
        text = size.findtext(key)
        if text is None or not text.strip():
            return None
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not value.is_integer() or value < 1:
            self.log.add(file, f"expected a positive whole number, got {text!r}", "format.voc", ("size", key))
            return None
        return int(value)

    def _object(self, obj: Element, loc: Loc, file: str, draft: Draft) -> None:
        name = (obj.findtext("name") or "").strip()
        if not name:
            self.log.add(file, "an object needs a <name>", "format.voc", (*loc, "name"))
        box = self._box(obj, loc, file)
        attributes: dict[str, AttrValue] = {}
        pose = obj.findtext("pose")
        if pose is not None and pose.strip():
            attributes["pose"] = pose.strip()
        for flag in FLAGS:
            value = self._flag(obj, flag, loc, file)
            if value is not None:
                attributes[flag] = value
        occluded = self._flag(obj, "occluded", loc, file) or False
        actions = obj.find("actions")
        for action in actions if actions is not None else ():
            value = self._flag(actions, action.tag, (*loc, "actions"), file)  # type: ignore[arg-type]
            if value is not None:
                attributes[action.tag] = value
        for j, attribute in enumerate(obj.findall("attributes/attribute")):
            key = (attribute.findtext("name") or "").strip()
            if not key:
                self.log.add(
                    file, "an attribute needs a <name>", "format.voc", (*loc, "attributes", j, "name")
                )
                continue
            attributes[key] = parse_text_value(attribute.findtext("value") or "")
        parts = obj.findall("part")
        if not name or box is None:
            return
        draft.objects += 1
        group = draft.objects if parts else None
        label = self.label_id(name)
        self.book.note(label, attributes)
        draft.shapes.append(
            Shape(
                self.ids(),
                "rectangle",
                label,
                0,
                box,
                occluded=occluded,
                attributes=attributes,
                group=group,
                source=Source.IMPORTED,
            )
        )
        for j, part in enumerate(parts):
            part_name = (part.findtext("name") or "").strip()
            part_box = self._box(part, (*loc, "part", j), file)
            if not part_name:
                self.log.add(file, "a part needs a <name>", "format.voc", (*loc, "part", j, "name"))
            elif part_box is not None:
                part_label = self.label_id(part_name)
                draft.shapes.append(
                    Shape(
                        self.ids(), "rectangle", part_label, 0, part_box, group=group, source=Source.IMPORTED
                    )
                )

    def _box(self, element: Element, loc: Loc, file: str) -> RectangleGeometry | None:
        box = element.find("bndbox")
        if box is None:
            self.log.add(file, "missing <bndbox>", "format.voc", (*loc, "bndbox"))
            return None
        values = []
        for key in ("xmin", "ymin", "xmax", "ymax"):
            text = box.findtext(key)
            try:
                values.append(float(text or ""))
            except ValueError:
                self.log.add(file, f"expected a number, got {text!r}", "format.voc", (*loc, "bndbox", key))
        if len(values) != 4:
            return None
        x1, y1, x2, y2 = values
        if not (x1 < x2 and y1 < y2):
            msg = f"the box needs xmin < xmax and ymin < ymax, got ({x1:g}, {y1:g}, {x2:g}, {y2:g})"
            self.log.add(file, msg, "bounds_order", (*loc, "bndbox"))
            return None
        return RectangleGeometry(x1, y1, x2, y2)

    def _flag(self, element: Element, key: str, loc: Loc, file: str) -> bool | None:
        text = element.findtext(key)
        if text is None or not text.strip():
            return None
        value = parse_text_value(text)
        if value in (0, 1) and not isinstance(value, float):
            return bool(value)
        self.log.add(file, f"expected 0 or 1, got {text.strip()!r}", "format.voc", (*loc, key))
        return None

    # -- items -----------------------------------------------------------------------------------------

    def _items(self) -> list[Item]:
        by_subset: dict[str, list[Draft]] = {}
        for draft in self.drafts.values():
            by_subset.setdefault(draft.subset, []).append(draft)
        items = []
        images = self.root / "JPEGImages" if self.full else self.root
        for subset in sorted(by_subset):
            drafts = sorted(by_subset[subset], key=lambda d: natural_key(d.id))
            for frame, draft in enumerate(drafts):
                image = sources.find_image(images, draft.name or draft.id)
                name = draft.name or (draft.id + image.suffix if image is not None else draft.id + ".jpg")
                width, height = draft.width, draft.height
                if (width is None or height is None) and image is not None:
                    width, height = sources.image_size(image) or (width, height)
                shapes = tuple(replace(s, frame=frame) for s in self.book.fit_shapes(draft.shapes))
                tags = tuple(replace(t, frame=frame, stop_frame=frame) for t in draft.tags)
                items.append(Item(name, subset, frame, width, height, image, shapes, tags))
        return items
