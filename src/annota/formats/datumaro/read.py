"""Reading Datumaro 1.0 JSON: ``annotations/<subset>.json`` (``default`` means no subset), images in
``images/<subset>/``.

Annotation types read: label (a tag), bbox, polygon, polyline, points (visibility is not kept), ellipse, mask
(COCO RLE, compressed or not), caption (a tag of the ``caption`` label with the text as its ``caption``
attribute) and the CVAT fork's skeleton. The ``occluded`` attribute is the shape's flag, ``score`` its
score, ``rotation`` a box's or ellipse's rotation; ``keyframe`` is dropped. An annotation without a label gets
the ``unlabeled`` label (option ``unlabeled_label``), one whose label id is not in the categories a label
called ``label_<id>``. Types annota has no kind for (cuboid_3d, ...) and item attributes are skipped and
listed in ``Dataset.meta["warnings"]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annota.domain import wire
from annota.domain.labels import SkeletonPoint, SkeletonTemplate
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Shape, Source
from annota.domain.tags import Tag
from annota.formats import sources
from annota.formats.base import Dataset, Item, LocalIds, ProblemLog, ReadOptions
from annota.formats.datumaro.categories import Category, colors, read_categories, skeleton_labels
from annota.formats.datumaro.geometry import KINDS, EmptyMask
from annota.formats.datumaro.geometry import geometry as read_geometry
from annota.formats.label_book import LabelBook, attribute_value
from annota.formats.lossy import WarningLog
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.media.names import InvalidMediaName, relative_name

DEFAULT_SUBSET = "default"
CAPTION = "caption"
UNLABELED = "unlabeled"
UNLABELED_LABEL = FormatOption(
    "unlabeled_label", OptionKind.TEXT, "the label of annotations without one", Direction.READ, UNLABELED
)
_DROPPED_ATTRIBUTES = frozenset({"keyframe"})


@dataclass
class _File:
    name: str
    subset: str
    categories: list[Category] = field(default_factory=list)


def annotation_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / "annotations"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


class DatumaroReader:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.root = path.parent.parent if path.is_file() and path.parent.name == "annotations" else path
        if path.is_file() and path.parent.name != "annotations":
            self.root = path.parent
        self.path = path
        self.options = options
        self.unlabeled = UNLABELED_LABEL.value(options.extra) or UNLABELED
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()
        self.warnings = WarningLog()

    def read(self) -> Dataset:
        files = annotation_files(self.path)
        if not files:
            msg = "no Datumaro annotations/<subset>.json found"
            self.log.add(self.path.name, msg, "format.missing_file")
        documents = []
        for path in files:
            doc = sources.read_json(self.root, path, self.log, self.options.max_file_bytes)
            subset = "" if path.stem == DEFAULT_SUBSET else path.stem
            if doc is not None:
                documents.append((_File(sources.relative(self.root, path), subset), doc))
        self.skeletons = {name for _, doc in documents for name in skeleton_labels(doc)}
        items: list[Item] = []
        for file, doc in documents:
            items.extend(self._document(doc, file))
        self.log.raise_if_any()
        labels = self.book.labels()
        fitted = [
            replace(i, shapes=self.book.fit_shapes(i.shapes), tags=self.book.fit_tags(i.tags)) for i in items
        ]
        return Dataset(labels, fitted, meta=self.warnings.meta())

    # -- categories ------------------------------------------------------------------------------------

    def _document(self, doc: object, file: _File) -> list[Item]:
        problems: list[Problem] = []
        m = wire.require_mapping(doc, (), problems)
        if m is None:
            self.log.add_domain(file.name, problems)
            return []
        file.categories = read_categories(m.get("categories") or {}, problems)
        items: list[Item] = []
        raw_items = m.get("items", [])
        if not isinstance(raw_items, list):
            problems.append(Problem(("items",), "expected a list", ProblemType.LIST_TYPE))
            raw_items = []
        self._declare(file.categories, m.get("categories") or {})
        for i, raw in enumerate(raw_items):
            item = self._item(raw, ("items", i), len(items), file, problems)
            if item is not None:
                items.append(item)
        self.log.add_domain(file.name, problems)
        return items

    def _declare(self, categories: list[Category], raw: Any) -> None:
        label_colors = colors(raw, len(categories))
        for i, c in enumerate(categories):
            if c.parent in self.skeletons:
                continue
            if c.name in self.skeletons:
                children = tuple(x.name for x in categories if x.parent == c.name)
                names = c.points or children
                n = max(len(names), 1)
                template_points = tuple(
                    SkeletonPoint(name, round((k + 0.5) / n, 6), 0.5)
                    for k, name in enumerate(names or ("1",))
                )
                edges = tuple(dict.fromkeys(e for e in c.joints if max(e) < n and e[0] != e[1]))
                self.book.skeleton(c.name, SkeletonTemplate(template_points, edges), label_colors.get(i))
            else:
                self.book.id_for(c.name, label_colors.get(i))

    # -- items and annotations ---------------------------------------------------------------------------

    def _item(self, raw: object, loc: Loc, frame: int, file: _File, problems: list[Problem]) -> Item | None:
        m = wire.require_mapping(raw, loc, problems)
        if m is None:
            return None
        item_id = m.get("id")
        if not isinstance(item_id, str | int) or isinstance(item_id, bool) or str(item_id) == "":
            problems.append(Problem((*loc, "id"), "expected a non-empty id", ProblemType.STRING_TYPE))
            return None
        if m.get("attr"):
            self.warnings.add(file.name, "item attributes are not kept", (*loc, "attr"))
        width = height = None
        raw_name: object = str(item_id)
        image = m.get("image")
        if image is not None:
            im = wire.require_mapping(image, (*loc, "image"), problems) or {}
            raw_name = im.get("path") or raw_name
            size = im.get("size")
            if size is not None:
                hw = wire.integer_list(size, (*loc, "image", "size"), problems)
                if hw is not None and len(hw) == 2 and min(hw) > 0:
                    height, width = hw
                elif hw is not None:
                    problems.append(
                        Problem((*loc, "image", "size"), "expected [height, width]", "format.size")
                    )
        try:
            name = relative_name(str(raw_name))
        except InvalidMediaName as error:
            problems.append(Problem((*loc, "image", "path"), error.reason, "format.unsafe_path"))
            return None
        path = self._find_image(file.subset, name)
        if path is not None and (width is None or height is None):
            width, height = sources.image_size(path) or (width, height)
        shapes: list[Shape] = []
        tags: list[Tag] = []
        raw_annotations = m.get("annotations", [])
        if not isinstance(raw_annotations, list):
            problems.append(Problem((*loc, "annotations"), "expected a list", ProblemType.LIST_TYPE))
            raw_annotations = []
        for j, a in enumerate(raw_annotations):
            self._annotation(
                a, (*loc, "annotations", j), frame, file, (width, height), shapes, tags, problems
            )
        return Item(name, file.subset, frame, width, height, path, tuple(shapes), tuple(tags))

    def _find_image(self, subset: str, name: str) -> Path | None:
        images = self.root / "images"
        for folder in (images / (subset or DEFAULT_SUBSET), images / subset, images, self.root):
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return None

    def _annotation(
        self,
        raw: object,
        loc: Loc,
        frame: int,
        file: _File,
        size: tuple[int | None, int | None],
        shapes: list[Shape],
        tags: list[Tag],
        problems: list[Problem],
    ) -> None:
        m = wire.require_mapping(raw, loc, problems)
        if m is None:
            return
        kind = m.get("type")
        before = len(problems)
        attributes, occluded, score, rotation = self._attributes(
            m.get("attributes") or {}, (*loc, "attributes"), problems
        )
        raw_group = m.get("group") or None
        group = raw_group if isinstance(raw_group, int) and not isinstance(raw_group, bool) else None
        if raw_group is not None and group is None:
            problems.append(Problem((*loc, "group"), "expected an integer", ProblemType.INT_TYPE))
        raw_z = m.get("z_order", 0)
        z_order = raw_z if isinstance(raw_z, int) and not isinstance(raw_z, bool) else 0
        if z_order is not raw_z:
            problems.append(Problem((*loc, "z_order"), "expected an integer", ProblemType.INT_TYPE))
        if kind == CAPTION:
            text = wire.string(m.get(CAPTION), (*loc, CAPTION), problems, non_empty=False)
            if text is not None and len(problems) == before:
                caption = self.book.id_for(CAPTION)
                values = {CAPTION: text}
                self.book.note(caption, values)
                tags.append(Tag(self.ids(), caption, frame, frame, values, Source.IMPORTED))
            return
        if kind not in ("label", "bbox", "polygon", "polyline", "points", "ellipse", "mask", "skeleton"):
            if isinstance(kind, str):
                self.warnings.add(file.name, f"{kind} annotations are not kept", (*loc, "type"))
            else:
                problems.append(
                    Problem((*loc, "type"), f"expected an annotation type, got {kind!r}", ProblemType.ENUM)
                )
            return
        label = self._label(m.get("label_id"), file, (*loc, "label_id"), problems)
        if kind == "label":
            if label is not None and len(problems) == before:
                self.book.note(label, attributes)
                tags.append(Tag(self.ids(), label, frame, frame, attributes, Source.IMPORTED, score))
            return
        template = self.book.template(label) if label is not None else None
        names = [p.name for p in template.points] if template is not None else []
        try:
            geometry = read_geometry(kind, m, loc, rotation, names, attributes, problems)
        except EmptyMask as error:
            self.warnings.add(file.name, f"empty masks are not kept ({error})", loc)
            return
        if geometry is None or label is None or len(problems) > before:
            return
        self.book.note(label, attributes)
        shapes.append(
            Shape(
                self.ids(),
                KINDS[kind],
                label,
                frame,
                geometry,
                z_order,
                occluded,
                False,
                attributes,
                group,
                Source.IMPORTED,
                score,
            )
        )

    def _label(self, raw: object, file: _File, loc: Loc, problems: list[Problem]) -> int | None:
        if raw is None:
            return self.book.id_for(self.unlabeled)
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            problems.append(Problem(loc, f"expected a label index, got {raw!r}", ProblemType.INT_TYPE))
            return None
        if raw >= len(file.categories):
            self.warnings.add(
                file.name, f"label_id {raw} is not a category: label_{raw} was made for it", loc
            )
            return self.book.id_for(f"label_{raw}")
        return self.book.id_for(file.categories[raw].name)

    def _attributes(
        self, raw: object, loc: Loc, problems: list[Problem]
    ) -> tuple[dict[str, Any], bool, float | None, float]:
        m = wire.require_mapping(raw, loc, problems) or {}
        out: dict[str, Any] = {}
        occluded, score, rotation = False, None, 0.0
        for key, value in m.items():
            if key in _DROPPED_ATTRIBUTES:
                continue
            if key == "occluded" and isinstance(value, bool):
                occluded = value
            elif key == "score" and isinstance(value, int | float) and 0 <= value <= 1:
                score = float(value)
            elif key == "rotation" and isinstance(value, int | float) and math.isfinite(value):
                rotation = float(value) % 360.0
            elif (checked := attribute_value(value)) is not None:
                out[key] = checked
            else:
                msg = f"expected a string, number or boolean, got {wire.type_name(value)}"
                problems.append(Problem((*loc, key), msg, ProblemType.ATTRIBUTE_VALUE))
        return out, occluded, score, rotation
