"""CreateML JSON (``createml``): a list of ``{"image", "annotations": [{"label", "coordinates"}]}``.

``coordinates`` are ``{x, y, width, height}`` in pixels with (x, y) the box's *centre*. A folder may hold one
JSON per subset in a sub-folder (Roboflow's layout: ``train/_annotations.createml.json`` next to the train
images); a JSON at the top of the folder has no subset. Images are looked up next to their JSON.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from annota.domain import wire
from annota.domain.problems import Problem, ProblemType
from annota.domain.shapes import rectangle
from annota.domain.shapes.base import Shape, Source, build
from annota.domain.shapes.rectangle import RectangleGeometry
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
)
from annota.formats.label_book import LabelBook, read_label_name
from annota.formats.spool import Spool
from annota.media.names import InvalidMediaName, relative_name

FILE = "_annotations.createml.json"


def _is_createml(path: Path) -> bool:
    if path.name == FILE:
        return True
    text = sources.head(path, 4096).lstrip()
    return (
        path.suffix.lower() == ".json"
        and text.startswith(b"[")
        and b'"image"' in text
        and b'"coordinates"' in text
    )


def annotation_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if _is_createml(path) else []
    return [f for f in sources.walk_files(path) if f.suffix.lower() == ".json" and _is_createml(f)]


class CreateMlFormat:
    name = "createml"
    title = "CreateML JSON"
    description = "Apple CreateML object detection JSON: boxes given by their centre, one file per subset"
    carries = Carries(kinds=frozenset({"rectangle"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        files = annotation_files(path)
        if not files:
            return NO
        return CERTAIN if any(f.name == FILE for f in files) else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        root = path.parent if path.is_file() else path
        log = ProblemLog()
        files = annotation_files(path)
        if not files:
            log.add(
                path.name, "no CreateML JSON (a list of images with coordinates) found", "format.missing_file"
            )
        book = LabelBook()
        items: list[Item] = []
        for file in files:
            subset = "" if file.parent == root else sources.relative(root, file.parent)
            doc = sources.read_json(root, file, log, options.max_file_bytes)
            if doc is not None:
                items.extend(
                    _read_document(doc, sources.relative(root, file), file.parent, subset, book, log)
                )
        log.raise_if_any()
        labels = book.labels()
        items = [_fitted(item, book) for item in items]
        return Dataset(labels, items)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        names = {label.id: label.name for label in dataset.labels}
        wrote_any = False
        for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset):
            _write_subset(subset, items, names, output, options)
            wrote_any = True
        if not wrote_any:
            _write_subset("", (), names, output, options)


def _fitted(item: Item, book: LabelBook) -> Item:
    return replace(item, shapes=book.fit_shapes(item.shapes))


def _read_document(
    doc: Any, file: str, folder: Path, subset: str, book: LabelBook, log: ProblemLog
) -> list[Item]:
    problems: list[Problem] = []
    if not isinstance(doc, list):
        log.add(file, f"expected a list of images, got {wire.type_name(doc)}", "list_type")
        return []
    items: list[Item] = []
    ids = LocalIds()
    seen: set[str] = set()
    for i, entry in enumerate(doc):
        m = wire.require_mapping(entry, (i,), problems)
        if m is None:
            continue
        raw_name = wire.string(m.get("image"), (i, "image"), problems)
        name = None
        if raw_name is not None:
            try:
                name = relative_name(raw_name)
            except InvalidMediaName as error:
                problems.append(Problem((i, "image"), error.reason, "format.unsafe_path"))
        if name is not None and name in seen:
            problems.append(Problem((i, "image"), f"image {name!r} is listed twice", "duplicate"))
            name = None
        raw_annotations = m.get("annotations", [])
        if not isinstance(raw_annotations, list):
            problems.append(Problem((i, "annotations"), "expected a list", "list_type"))
            raw_annotations = []
        frame = len(items)
        shapes = [
            s
            for j, a in enumerate(raw_annotations)
            if (s := _shape(a, (i, "annotations", j), frame, ids, book, problems)) is not None
        ]
        if name is None:
            continue
        seen.add(name)
        image = sources.find_image(folder, name)
        size = sources.image_size(image) if image is not None else None
        width, height = size if size is not None else (None, None)
        items.append(Item(name, subset, frame, width, height, image, tuple(shapes)))
    log.add_domain(file, problems)
    return items


def _shape(
    raw: object, loc: tuple[Any, ...], frame: int, ids: LocalIds, book: LabelBook, problems: list[Problem]
) -> Shape | None:
    m = wire.require_mapping(raw, loc, problems)
    if m is None:
        return None
    label = read_label_name(m.get("label"), (*loc, "label"), problems)
    box = wire.require_mapping(m.get("coordinates"), (*loc, "coordinates"), problems)
    if box is None or label is None:
        return None
    where = (*loc, "coordinates")
    numbers = [wire.number(box.get(k), (*where, k), problems) for k in ("x", "y", "width", "height")]
    values = [v for v in numbers if v is not None]
    if len(values) != 4:
        return None
    cx, cy, w, h = values
    for key, extent in (("width", w), ("height", h)):
        if extent <= 0:
            problems.append(Problem((*where, key), f"must be > 0, got {extent}", ProblemType.OUT_OF_RANGE))
            return None
    corners = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    geometry, geometry_problems = build(RectangleGeometry, where, *corners)
    problems.extend(geometry_problems)
    if geometry is None:
        return None
    return Shape(ids(), rectangle.NAME, book.id_for(label), frame, geometry, source=Source.IMPORTED)


def _write_subset(
    subset: str, items: Iterable[Item], names: dict[int | None, str], output: Output, options: WriteOptions
) -> None:
    folder = f"{subset}/" if subset else ""
    with Spool() as spool:
        spool.open_array()
        for item in items:
            annotations = []
            for shape in item.shapes:
                if shape.kind != rectangle.NAME:
                    continue
                x1, y1, x2, y2 = rectangle.bbox(shape.geometry)  # type: ignore[arg-type]
                coordinates = {"x": (x1 + x2) / 2, "y": (y1 + y2) / 2, "width": x2 - x1, "height": y2 - y1}
                annotations.append({"label": names[shape.label_id], "coordinates": coordinates})
            spool.element({"image": item.name, "annotations": annotations})
            if options.with_images and item.image is not None:
                output.copy(folder + item.name, item.image)
        spool.close_array()
        spool.copy_to(output, folder + FILE)


FORMAT = CreateMlFormat()
