"""COCO JSON files to records, streamed: categories to labels, images to items, annotations to shapes.

Mapping (see docs/formats/coco.md): a bbox-only annotation is a rectangle; each polygon of ``segmentation``
is a polygon shape (several polygons of one annotation share a ``group``); an RLE ``segmentation``
(compressed or not) is a mask; ``keypoints`` make a skeleton on the category's skeleton label, and the
segmentation of such an annotation goes to the companion label ``<category>:region`` in the same group.

Two passes, constant memory: the first streams each file (`json_stream`), checks every annotation with
plain type and float tests and spools its record under its image (`record_spool`); labels are then made
(`coco_labels`) and the second pass hands out one item per image with its records, finished with their
label ids. A file whose annotations come before its categories or images has them parked on disk until
the end of the file.
"""

from __future__ import annotations

import marshal
import math
import tempfile
import warnings
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes import skeleton as skeleton_kind
from annota.domain.shapes.base import Geometry, Visibility
from annota.domain.shapes.registry import kind_of
from annota.formats import json_stream, sources
from annota.formats.base import ProblemLog, coerce_attributes
from annota.formats.coco_labels import Categories, Category, LabelIds
from annota.formats.record_spool import RecordSpool
from annota.formats.records import Fields, RecordItem, ShapeRecord, geometry

_VISIBILITY = (Visibility.OUTSIDE, Visibility.OCCLUDED, Visibility.VISIBLE)
_NUMBER = {int, float}
_INF = math.inf
_isfinite = math.isfinite
OWN, REGION = 0, 1  # which of its category's labels a record takes
ImageLookup = Callable[[str, str], Path | None]  # (subset, file name) -> the image file
Items = Generator[RecordItem, None, None]


@dataclass(frozen=True, slots=True)
class CocoFile:
    path: Path
    name: str  # relative to the dataset root, for problems
    subset: str


@dataclass(frozen=True, slots=True)
class _Image:
    name: str
    subset: str
    frame: int
    width: Any
    height: Any


class CocoReader:
    """`read` makes the first pass and the labels; its items make the second pass (once)."""

    def __init__(self, files: list[CocoFile], log: ProblemLog, max_bytes: int) -> None:
        self.files, self.log, self.max_bytes = files, log, max_bytes
        self.categories = Categories(log)
        self.images: list[_Image] = []
        self.image_index: dict[tuple[str, str], int] = {}
        self.frames: dict[str, int] = {}
        self.spool = RecordSpool()
        self.group = 0

    def read(self, find_image: ImageLookup) -> tuple[list[Label], Items]:
        try:
            for file in self.files:
                self._file(file)
            labels, ids = self.categories.labels()
        except BaseException:
            self.spool.close()
            raise
        return labels, self._items(ids, find_image)

    # -- the first pass --------------------------------------------------------------------------------

    def _file(self, file: CocoFile) -> None:
        handle = sources.open_file(file.path, file.name, self.log, self.max_bytes)
        if handle is None:
            return
        categories: dict[int, Category] | None = None
        images: dict[Any, int] | None = None
        parked: IO[bytes] | None = None
        readable = True
        with handle:
            try:
                for member in json_stream.members(handle, ("images", "annotations")):
                    if member.key == "categories":
                        categories = self.categories.read(file.name, member.value)
                    elif member.key == "images":
                        images = {} if images is None else images
                        self._images(file, member.value, member.start, images)
                    elif member.key != "annotations":
                        continue
                    elif member.start is None:
                        self.log.add(
                            file.name, "expected a list of annotations", "list_type", ("annotations",)
                        )
                    elif categories is not None and images is not None:
                        self._annotations(file.name, member.value, member.start, categories, images)
                    else:  # rare: annotations before categories or images; parked until the file ends
                        parked = parked or tempfile.TemporaryFile()  # noqa: SIM115 - closed below
                        data = marshal.dumps((member.start, member.value))
                        parked.write(len(data).to_bytes(8, "little") + data)
            except json_stream.JsonSyntaxError as error:
                msg = f"invalid JSON: {error.msg} (column {error.column})"
                self.log.add(file.name, msg, "format.json", line=error.line)
                readable = False
            except json_stream.NotAnObject:
                self.log.add(file.name, "expected a JSON object", "dict_type")
                readable = False
        if categories is None and readable:
            self.log.add(file.name, "expected a list of categories", "list_type", ("categories",))
        if images is None and readable:
            self.log.add(file.name, "expected a list of images", "list_type", ("images",))
        if parked is not None:
            with parked:
                parked.seek(0)
                while size := parked.read(8):
                    start, batch = marshal.loads(parked.read(int.from_bytes(size, "little")))
                    self._annotations(file.name, batch, start, categories or {}, images or {})

    def _images(self, file: CocoFile, batch: Any, start: int | None, by_id: dict[Any, int]) -> None:
        if start is None:
            self.log.add(file.name, "expected a list of images", "list_type", ("images",))
            return
        log, subset = self.log, file.subset
        for i, image in enumerate(batch, start):
            loc = ("images", i)
            if type(image) is not dict:
                log.add(file.name, "expected an object", "dict_type", loc)
                continue
            image_id, file_name = image.get("id"), image.get("file_name")
            width, height = image.get("width"), image.get("height")
            if type(file_name) is not str or not file_name:
                msg = f"expected a file name, got {file_name!r}"
                log.add(file.name, msg, "string_type", (*loc, "file_name"))
                continue
            if image_id is None or isinstance(image_id, list | dict) or image_id in by_id:
                msg = f"image id {image_id!r} is missing or used twice"
                log.add(file.name, msg, "duplicate", (*loc, "id"))
                continue
            for key, value in (("width", width), ("height", height)):
                if value is not None and not (type(value) is int and value > 0):
                    msg = f"expected a positive integer, got {value!r}"
                    log.add(file.name, msg, "int_type", (*loc, key))
            index = self.image_index.get((subset, file_name))
            if index is None:
                frame = self.frames.get(subset, 0)
                self.frames[subset] = frame + 1
                index = self.image_index[(subset, file_name)] = len(self.images)
                self.images.append(_Image(file_name, subset, frame, width, height))
            by_id[image_id] = index

    def _annotations(
        self, file: str, batch: Any, start: int, categories: dict[int, Category], images: dict[Any, int]
    ) -> None:
        log, box = self.log, self._bbox
        entries: list[tuple[Any, ...]] = []
        for i, a in enumerate(batch, start):
            if type(a) is not dict:
                log.add(file, "expected an object", "dict_type", ("annotations", i))
                continue
            image_id, category_id = a.get("image_id"), a.get("category_id")
            image = images.get(image_id) if not isinstance(image_id, list | dict) else None
            category = categories.get(category_id) if type(category_id) is int else None
            if image is None or category is None:
                loc = ("annotations", i)
                if image is None:
                    log.add(file, f"no image with id {image_id!r}", "unknown_id", (*loc, "image_id"))
                if category is None:
                    msg = f"no category with id {category_id!r}"
                    log.add(file, msg, "unknown_label", (*loc, "category_id"))
                continue
            raw_attributes = a.get("attributes")
            occluded = False
            attributes: dict[str, AttrValue] | None = None
            if type(raw_attributes) is dict:
                occluded = raw_attributes.get("occluded") is True
                if len(raw_attributes) > ("occluded" in raw_attributes):
                    attributes = {k: v for k, v in raw_attributes.items() if k != "occluded"}
                    category.saw_attributes(attributes)
            score = a.get("score")
            if score is not None:
                score = float(score) if isinstance(score, int | float) and 0 <= score <= 1 else None
            keypoints, segmentation = a.get("keypoints"), a.get("segmentation")
            if not keypoints and not segmentation:  # the usual box: one shape, no group
                fields = box(file, i, a.get("bbox"))
                if fields is not None:
                    entries.append(
                        (
                            image,
                            category.index,
                            REGION,
                            "rectangle",
                            fields,
                            occluded,
                            attributes,
                            None,
                            score,
                        )
                    )
                continue
            shapes: list[tuple[int, str, Fields]] = []
            if keypoints:
                fields = self._keypoints(file, i, keypoints, category)
                if fields is not None:
                    shapes.append((OWN, "skeleton", fields))
            if segmentation:
                shapes += self._segmentation(file, i, segmentation, image)
            group = None
            if len(shapes) > 1:
                self.group += 1
                group = self.group
            for role, kind, fields in shapes:  # a tuple of plain values: cheap to spool
                entries.append(
                    (image, category.index, role, kind, fields, occluded, attributes, group, score)
                )
        self.spool.extend(entries)

    def _bbox(self, file: str, i: int, raw: object) -> Fields | None:
        if type(raw) is list and len(raw) == 4:
            x, y, w, h = raw
            if type(x) in _NUMBER and type(y) in _NUMBER and type(w) in _NUMBER and type(h) in _NUMBER:
                x1, y1, x2, y2 = float(x), float(y), float(x + w), float(y + h)
                if -_INF < x1 < x2 < _INF and -_INF < y1 < y2 < _INF:
                    return {"points": [x1, y1, x2, y2], "rotation": 0.0}
                if _isfinite(x1) and _isfinite(y1) and _isfinite(x2) and _isfinite(y2):
                    msg = f"width and height must be positive, got {w} x {h}"
                    self.log.add(file, msg, "bounds_order", ("annotations", i, "bbox"))
                    return None
        got = f"{len(raw)} numbers" if isinstance(raw, list) else repr(raw)[:40]
        self.log.add(file, f"expected 4 numbers, got {got}", "format.coco", ("annotations", i, "bbox"))
        return None

    def _segmentation(self, file: str, i: int, raw: object, image: int) -> list[tuple[int, str, Fields]]:
        where = ("annotations", i, "segmentation")
        if isinstance(raw, list):
            out = []
            for j, polygon in enumerate(raw):
                fields = self._polygon(file, (*where, j), polygon)
                if fields is not None:
                    out.append((REGION, "polygon", fields))
            return out
        if isinstance(raw, dict):
            mask = self._rle(file, where, raw, self.images[image])
            return [] if mask is None else [(REGION, "mask", kind_of(mask).dump(mask))]
        self.log.add(file, "expected a list of polygons or an RLE object", "format.coco", where)
        return []

    def _polygon(self, file: str, loc: tuple[Any, ...], raw: object) -> Fields | None:
        if type(raw) is list:
            points = raw
            if len(points) >= 8 and points[0] == points[-2] and points[1] == points[-1]:
                points = points[:-2]
            try:
                return geometry("polygon", {"points": points})  # checks (and scans) the numbers once
            except DomainValidationError as error:
                if _numbers(raw):
                    for p in error.problems:
                        self.log.add(file, p.msg, p.type, loc)
                    return None
        self.log.add(file, "expected a flat list of numbers [x0, y0, x1, y1, ...]", "format.coco", loc)
        return None

    def _rle(self, file: str, loc: tuple[Any, ...], raw: dict[str, Any], image: _Image) -> Geometry | None:
        size, counts = raw.get("size"), raw.get("counts")
        if not (isinstance(size, list) and len(size) == 2 and all(_is_int(v) and v > 0 for v in size)):
            self.log.add(file, f"expected [height, width], got {size!r}", "format.coco", (*loc, "size"))
            return None
        height, width = size
        expected = (image.width, image.height)
        if None not in expected and (width, height) != expected:
            msg = f"RLE size {width}x{height} differs from the image's {image.width}x{image.height}"
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

    def _keypoints(self, file: str, i: int, raw: object, category: Category) -> Fields | None:
        """``keypoints`` checked; the skeleton is finished (padded to the template) in the second pass."""
        where = ("annotations", i, "keypoints")
        if not (type(raw) is list and len(raw) % 3 == 0 and _numbers(raw)):
            self.log.add(file, "expected [x1, y1, v1, x2, y2, v2, ...]", "format.coco", where)
            return None
        for k in range(2, len(raw), 3):
            if raw[k] not in (0, 1, 2):
                self.log.add(file, f"visibility is 0, 1 or 2, got {raw[k]!r}", "format.coco", (*where, k))
                return None
        category.saw_keypoints(len(raw) // 3)
        return {"keypoints": raw}

    # -- the second pass -------------------------------------------------------------------------------

    def _items(self, ids: list[LabelIds], find_image: Callable[[str, str], Path | None]) -> Items:
        with self.spool:
            groups = self.spool.groups()
            group = next(groups, None)
            for index, image in enumerate(self.images):
                shapes: list[ShapeRecord] = []
                if group is not None and group[0] == index:
                    shapes = [_finished(entry, ids) for entry in group[1]]
                    group = next(groups, None)
                found = find_image(image.subset, image.name)
                yield RecordItem(
                    image.name, image.subset, image.frame, image.width, image.height, found, shapes
                )


def _finished(entry: tuple[Any, ...], ids: list[LabelIds]) -> ShapeRecord:
    """The record of a spooled entry, with its label id (and its skeleton padded to the template)."""
    _, category, role, kind, fields, occluded, attributes, group, score = entry
    label = ids[category]
    if role == REGION:
        label_id = label.region
        if attributes is None:
            attributes = {}
        elif label.text_specs is not None:
            attributes = coerce_attributes(attributes, label.text_specs)
    else:
        label_id = label.own
        fields = _skeleton(fields["keypoints"], label.points)
        attributes = {}
    return {
        "kind": kind,
        "label_id": label_id,
        "geometry": fields,
        "z_order": 0,
        "occluded": occluded,
        "outside": False,
        "attributes": attributes,
        "group": group,
        "source": "imported",
        "score": score,
    }


def _skeleton(raw: list[float], n: int) -> Fields:
    points: list[float] = []
    visibility = []
    for k in range(n):
        x, y, v = raw[3 * k : 3 * k + 3] if 3 * k + 3 <= len(raw) else (0, 0, 0)
        points += [float(x), float(y)]
        visibility.append(_VISIBILITY[int(v)])
    return skeleton_kind.dump(skeleton_kind.SkeletonGeometry(tuple(points), tuple(visibility)))


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


def _numbers(values: list[Any]) -> bool:
    """Every value is an int or a float (not a bool), and finite."""
    if not set(map(type, values)) <= _NUMBER:
        return False
    try:
        if _isfinite(sum(values)):  # a finite sum means that every value is finite
            return True
    except OverflowError:
        pass
    return all(_isfinite(v) for v in values)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
