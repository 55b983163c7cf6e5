"""COCO JSON documents to the dataset model: categories to labels, images to items, annotations to shapes.

Mapping (see docs/formats/coco.md): a bbox-only annotation is a rectangle; each polygon of ``segmentation``
is a polygon shape (several polygons of one annotation share a ``group``); an RLE ``segmentation``
(compressed or not) is a mask; ``keypoints`` make a skeleton on the category's skeleton label, and the
segmentation of such an annotation goes to the companion label ``<category>:region`` in the same group.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import DomainValidationError
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Geometry, Shape, Source, Visibility
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.formats.base import Item, LocalIds, ProblemLog, coerce_attributes, infer_attribute_specs
from annota.formats.colors import color_for

REGION_SUFFIX = ":region"
_VISIBILITY = {0: Visibility.OUTSIDE, 1: Visibility.OCCLUDED, 2: Visibility.VISIBLE}


@dataclass
class CocoDocument:
    name: str  # relative to the dataset root, for problems
    subset: str
    doc: Mapping[str, Any]


@dataclass
class _Category:
    name: str
    keypoints: list[str] | None  # None: not a keypoint category
    edges: list[tuple[int, int]]
    attributes: list[tuple[str, AttrValue]] = field(default_factory=list)
    max_points: int = 0


@dataclass
class _ItemDraft:
    name: str
    subset: str
    frame: int
    width: int | None
    height: int | None
    shapes: list[Shape] = field(default_factory=list)


class CocoReader:
    """Reads every document, then hands out labels and items (documents are in memory anyway)."""

    def __init__(self, documents: list[CocoDocument], log: ProblemLog) -> None:
        self.documents = documents
        self.log = log
        self.ids = LocalIds()
        self.categories: dict[str, _Category] = {}
        self.labels: dict[str, Label] = {}
        self.items: dict[tuple[str, str], _ItemDraft] = {}
        self.group = 0
        self.frames: dict[str, int] = {}

    def read(self) -> tuple[tuple[Label, ...], list[_ItemDraft]]:
        category_maps = [self._categories(d) for d in self.documents]
        self._make_labels()
        for document, categories in zip(self.documents, category_maps, strict=True):
            images = self._images(document)
            self._annotations(document, categories, images)
        return tuple(self.labels.values()), list(self.items.values())

    # -- categories ------------------------------------------------------------------------------------

    def _categories(self, d: CocoDocument) -> dict[int, str]:
        raw = d.doc.get("categories")
        by_id: dict[int, str] = {}
        if not isinstance(raw, list):
            self.log.add(d.name, "expected a list of categories", "list_type", ("categories",))
            return by_id
        for i, c in enumerate(raw):
            loc = ("categories", i)
            if not isinstance(c, dict):
                self.log.add(d.name, "expected an object", "dict_type", loc)
                continue
            cid, name = c.get("id"), c.get("name")
            if not _is_int(cid):
                self.log.add(d.name, f"expected an integer id, got {cid!r}", "int_type", (*loc, "id"))
                continue
            if not isinstance(name, str) or not name.strip():
                self.log.add(
                    d.name, f"expected a non-empty name, got {name!r}", "string_type", (*loc, "name")
                )
                continue
            if cid in by_id:
                self.log.add(d.name, f"category id {cid} is used twice", "duplicate", (*loc, "id"))
                continue
            by_id[cid] = name  # type: ignore[index]
            category = self.categories.setdefault(name, _Category(name, None, []))
            keypoints = c.get("keypoints")
            if isinstance(keypoints, list):
                category.keypoints = [str(k) for k in keypoints] if keypoints else category.keypoints or []
                category.edges = self._edges(d.name, loc, c.get("skeleton")) or category.edges
        return by_id

    def _edges(self, file: str, loc: tuple[Any, ...], raw: object) -> list[tuple[int, int]]:
        if raw is None:
            return []
        pairs = raw if isinstance(raw, list) else None
        if pairs is None or not all(
            isinstance(p, list) and len(p) == 2 and all(map(_is_int, p)) for p in pairs
        ):
            self.log.add(file, "expected a list of [i, j] point pairs", "format.coco", (*loc, "skeleton"))
            return []
        # COCO numbers skeleton points from 1; some tools write 0-based pairs: a 0 tells them apart.
        base = 0 if any(0 in p for p in pairs) else 1
        return [(p[0] - base, p[1] - base) for p in pairs]

    def _make_labels(self) -> None:
        """Labels need every annotation's point count and attributes: a first pass over annotations."""
        for d in self.documents:
            names = {c.get("id"): c.get("name") for c in d.doc.get("categories") or [] if isinstance(c, dict)}
            for a in d.doc.get("annotations") or []:
                if not isinstance(a, dict):
                    continue
                category = self.categories.get(names.get(a.get("category_id")))  # type: ignore[arg-type]
                if category is None:
                    continue
                attributes = a.get("attributes")
                if isinstance(attributes, dict):
                    category.attributes.extend((k, v) for k, v in attributes.items() if k != "occluded")
                keypoints = a.get("keypoints")
                if isinstance(keypoints, list) and keypoints:
                    category.max_points = max(category.max_points, len(keypoints) // 3)
                    if category.keypoints is None:
                        category.keypoints = []
        for position, category in enumerate(self.categories.values()):
            specs = _valid_specs(category.attributes)
            color = color_for(position)
            if category.keypoints is None:
                if category.name not in self.labels:
                    self._add(Label(category.name, color, LabelKind.ANY, specs, None, len(self.labels)))
                continue
            self._add(
                Label(
                    category.name, color, LabelKind.SKELETON, (), self._template(category), len(self.labels)
                )
            )
            region = category.name + REGION_SUFFIX
            if region not in self.categories:
                self._add(Label(region, color, LabelKind.ANY, specs, None, len(self.labels)))

    def _add(self, label: Label) -> None:
        self.labels[label.name] = label

    def _template(self, category: _Category) -> SkeletonTemplate:
        names = list(category.keypoints or [])
        names += [str(i + 1) for i in range(len(names), max(category.max_points, 1))]
        n = len(names)
        points = tuple(SkeletonPoint(name, round((i + 0.5) / n, 6), 0.5) for i, name in enumerate(names))
        edges = tuple(
            dict.fromkeys(e for e in category.edges if 0 <= e[0] < n and 0 <= e[1] < n and e[0] != e[1])
        )
        return SkeletonTemplate(points, edges)

    # -- images ----------------------------------------------------------------------------------------

    def _images(self, d: CocoDocument) -> dict[Any, _ItemDraft]:
        raw = d.doc.get("images")
        by_id: dict[Any, _ItemDraft] = {}
        if not isinstance(raw, list):
            self.log.add(d.name, "expected a list of images", "list_type", ("images",))
            return by_id
        for i, image in enumerate(raw):
            loc = ("images", i)
            if not isinstance(image, dict):
                self.log.add(d.name, "expected an object", "dict_type", loc)
                continue
            image_id, file_name = image.get("id"), image.get("file_name")
            width, height = image.get("width"), image.get("height")
            if not isinstance(file_name, str) or not file_name:
                self.log.add(
                    d.name, f"expected a file name, got {file_name!r}", "string_type", (*loc, "file_name")
                )
                continue
            if image_id in by_id or image_id is None:
                self.log.add(
                    d.name, f"image id {image_id!r} is missing or used twice", "duplicate", (*loc, "id")
                )
                continue
            for key, value in (("width", width), ("height", height)):
                if value is not None and not (_is_int(value) and value > 0):
                    self.log.add(
                        d.name, f"expected a positive integer, got {value!r}", "int_type", (*loc, key)
                    )
            draft = self.items.get((d.subset, file_name))
            if draft is None:
                frame = self.frames.get(d.subset, 0)
                self.frames[d.subset] = frame + 1
                draft = _ItemDraft(file_name, d.subset, frame, width, height)
                self.items[(d.subset, file_name)] = draft
            by_id[image_id] = draft
        return by_id

    # -- annotations -----------------------------------------------------------------------------------

    def _annotations(
        self, d: CocoDocument, categories: dict[int, str], images: dict[Any, _ItemDraft]
    ) -> None:
        raw = d.doc.get("annotations", [])
        if not isinstance(raw, list):
            self.log.add(d.name, "expected a list of annotations", "list_type", ("annotations",))
            return
        for i, a in enumerate(raw):
            loc = ("annotations", i)
            if not isinstance(a, dict):
                self.log.add(d.name, "expected an object", "dict_type", loc)
                continue
            item = images.get(a.get("image_id"))
            if item is None:
                self.log.add(
                    d.name, f"no image with id {a.get('image_id')!r}", "unknown_id", (*loc, "image_id")
                )
            name = categories.get(a.get("category_id"))  # type: ignore[arg-type]
            if name is None:
                msg = f"no category with id {a.get('category_id')!r}"
                self.log.add(d.name, msg, "unknown_label", (*loc, "category_id"))
            if item is None or name is None:
                continue
            self._annotation(d.name, loc, a, item, name)

    def _annotation(
        self, file: str, loc: tuple[Any, ...], a: dict[str, Any], item: _ItemDraft, name: str
    ) -> None:
        label = self.labels[name]
        region_label = self.labels.get(name + REGION_SUFFIX, label)
        raw_attributes = a.get("attributes")
        attributes: dict[str, AttrValue] = {}
        occluded = False
        if isinstance(raw_attributes, dict):
            occluded = raw_attributes.get("occluded") is True
            attributes = coerce_attributes(
                {k: v for k, v in raw_attributes.items() if k != "occluded"}, region_label.attributes
            )
        score = a.get("score")
        score = float(score) if isinstance(score, int | float) and 0 <= score <= 1 else None
        geometries: list[tuple[Label, Geometry]] = []
        keypoints = a.get("keypoints")
        if label.kind is LabelKind.SKELETON and keypoints:
            skeleton = self._skeleton(file, loc, keypoints, label)
            if skeleton is not None:
                geometries.append((label, skeleton))
        segmentation = a.get("segmentation")
        if segmentation:
            geometries += [(region_label, g) for g in self._segmentation(file, loc, segmentation, item)]
        elif label.kind is not LabelKind.SKELETON or not keypoints:
            box = self._bbox(file, loc, a.get("bbox"))
            if box is not None:
                geometries.append((region_label, box))
        group = None
        if len(geometries) > 1:
            self.group += 1
            group = self.group
        for shape_label, geometry in geometries:
            kind = type(geometry).__name__
            shape = Shape(
                self.ids(),
                _KINDS[kind],
                shape_label.id or 0,
                item.frame,
                geometry,
                occluded=occluded,
                attributes=attributes if shape_label is region_label else {},
                group=group,
                source=Source.IMPORTED,
                score=score,
            )
            item.shapes.append(shape)

    def _bbox(self, file: str, loc: tuple[Any, ...], raw: object) -> RectangleGeometry | None:
        if not (isinstance(raw, list | tuple) and len(raw) == 4 and all(map(_is_number, raw))):
            got = f"{len(raw)} numbers" if isinstance(raw, list) else repr(raw)
            self.log.add(file, f"expected 4 numbers, got {got}", "format.coco", (*loc, "bbox"))
            return None
        x, y, w, h = raw
        try:
            return RectangleGeometry(float(x), float(y), float(x + w), float(y + h))
        except DomainValidationError:
            self.log.add(
                file, f"width and height must be positive, got {w} x {h}", "bounds_order", (*loc, "bbox")
            )
            return None

    def _segmentation(self, file: str, loc: tuple[Any, ...], raw: object, item: _ItemDraft) -> list[Geometry]:
        where = (*loc, "segmentation")
        if isinstance(raw, list):
            out: list[Geometry] = []
            for j, polygon in enumerate(raw):
                geometry = self._polygon(file, (*where, j), polygon)
                if geometry is not None:
                    out.append(geometry)
            return out
        if isinstance(raw, dict):
            mask = self._rle(file, where, raw, item)
            return [] if mask is None else [mask]
        self.log.add(file, "expected a list of polygons or an RLE object", "format.coco", where)
        return []

    def _polygon(self, file: str, loc: tuple[Any, ...], raw: object) -> PolygonGeometry | None:
        if not (isinstance(raw, list) and all(map(_is_number, raw))):
            self.log.add(file, "expected a flat list of numbers [x0, y0, x1, y1, ...]", "format.coco", loc)
            return None
        points = [float(v) for v in raw]
        if len(points) >= 8 and points[:2] == points[-2:]:
            points = points[:-2]
        try:
            return PolygonGeometry(tuple(points))
        except DomainValidationError as error:
            for p in error.problems:
                self.log.add(file, p.msg, p.type, loc)
            return None

    def _rle(self, file: str, loc: tuple[Any, ...], raw: dict[str, Any], item: _ItemDraft) -> Geometry | None:
        size, counts = raw.get("size"), raw.get("counts")
        if not (isinstance(size, list) and len(size) == 2 and all(_is_int(v) and v > 0 for v in size)):
            self.log.add(file, f"expected [height, width], got {size!r}", "format.coco", (*loc, "size"))
            return None
        height, width = size
        if (
            item.width is not None
            and item.height is not None
            and (width, height) != (item.width, item.height)
        ):
            msg = f"RLE size {width}x{height} differs from the image's {item.width}x{item.height}"
            self.log.add(file, msg, "inconsistent", (*loc, "size"))
            return None
        try:
            if isinstance(counts, str):
                return _compressed_mask(counts, height, width)
            if isinstance(counts, list):
                return mask_kind.from_coco_counts(counts, width, height)
        except DomainValidationError as error:
            self.log.add(file, "; ".join(p.msg for p in error.problems), "rle", (*loc, "counts"))
            return None
        except (ValueError, TypeError) as error:
            self.log.add(file, f"invalid compressed RLE: {error}", "rle", (*loc, "counts"))
            return None
        self.log.add(file, "expected a list of run lengths or a compressed string", "rle", (*loc, "counts"))
        return None

    def _skeleton(
        self, file: str, loc: tuple[Any, ...], raw: object, label: Label
    ) -> SkeletonGeometry | None:
        n = len(label.skeleton.points) if label.skeleton else 0
        where = (*loc, "keypoints")
        if not (isinstance(raw, list) and len(raw) % 3 == 0 and all(map(_is_number, raw))):
            self.log.add(file, "expected [x1, y1, v1, x2, y2, v2, ...]", "format.coco", where)
            return None
        points: list[float] = []
        visibility: list[Visibility] = []
        for k in range(n):
            x, y, v = raw[3 * k : 3 * k + 3] if 3 * k + 3 <= len(raw) else (0, 0, 0)
            if v not in _VISIBILITY:
                self.log.add(file, f"visibility is 0, 1 or 2, got {v!r}", "format.coco", (*where, 3 * k + 2))
                return None
            points += [float(x), float(y)]
            visibility.append(_VISIBILITY[int(v)])
        return SkeletonGeometry(tuple(points), tuple(visibility))


def items_of(drafts: list[_ItemDraft], find_image: Any) -> Iterator[Item]:
    """Drafts to items (frames are numbered per subset in file order), each with its image file if found."""
    for draft in drafts:
        image = find_image(draft.subset, draft.name)
        yield Item(
            draft.name, draft.subset, draft.frame, draft.width, draft.height, image, tuple(draft.shapes)
        )


def _compressed_mask(counts: str, height: int, width: int) -> Geometry:
    from pycocotools import mask as coco_mask

    with warnings.catch_warnings():  # pycocotools 2.0 on numpy 2 warns about __array__(copy=...)
        warnings.simplefilter("ignore", DeprecationWarning)
        decoded = coco_mask.decode({"size": [height, width], "counts": counts.encode()})
    rows = np.flatnonzero(decoded.any(axis=1))
    cols = np.flatnonzero(decoded.any(axis=0))
    if len(rows) == 0:
        raise ValueError("the mask has no foreground pixel")
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    return mask_kind.encode(decoded[r0:r1, c0:c1].astype(bool), c0, r0)


def _valid_specs(values: list[tuple[str, AttrValue]]) -> tuple[Any, ...]:
    return infer_attribute_specs((k, v) for k, v in values if isinstance(k, str) and k and _is_value(v))


def _is_value(v: object) -> bool:
    return isinstance(v, str | bool) or (isinstance(v, int | float) and math.isfinite(v))


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


_KINDS = {
    "RectangleGeometry": "rectangle",
    "PolygonGeometry": "polygon",
    "MaskGeometry": "mask",
    "SkeletonGeometry": "skeleton",
}
