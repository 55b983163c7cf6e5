"""Cityscapes (``cityscapes``): ``leftImg8bit/<split>/<city>/<name>_leftImg8bit.png`` images and
``gtFine/<split>/<city>/<name>_gtFine_instanceIds.png`` (else ``_labelIds.png``) maps.

A value below 1000 is a label id covering the whole region of that class (a mask with ``is_crowd`` true); a
value of 1000 or more is one instance, ``label id × 1000 + instance`` (a mask with ``is_crowd`` false). Label
id 0 (unlabeled) makes no mask. Label ids are those of cityscapesScripts, or the line numbers of a
``label_colors.txt`` (``r g b name`` per line, Datumaro's extension) when the dataset has one. The split is
the subset (``default`` means none); an item is named ``<city>/<name>_leftImg8bit.png``.

Writing paints the masks of an item in z-order into ``_instanceIds.png`` (16-bit when needed) and
``_labelIds.png``; labels outside the Cityscapes table make a ``label_colors.txt`` numbering every label.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import numpy as np

from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.mask import MaskGeometry
from annota.formats import png_masks, sources
from annota.formats.base import (
    CERTAIN,
    NO,
    Carries,
    Dataset,
    FormatError,
    FormatProblem,
    Item,
    LocalIds,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
)
from annota.formats.cityscapes.labels import LABELS
from annota.formats.label_book import LabelBook
from annota.formats.png_masks import RGB
from annota.media.names import natural_key

IMAGES = "leftImg8bit"
GT = "gtFine"
COLORS = "label_colors.txt"
DEFAULT_SUBSET = "default"
CROWD = "is_crowd"
_GT_FILE = re.compile(r"^(?P<base>.+)_gtFine_(?P<kind>instanceIds|labelIds)\.png$")
_IMAGE_FILE = re.compile(r"^(?P<base>.+)_leftImg8bit\.[^.]+$")


@dataclass(frozen=True, slots=True)
class ClassMap:
    names: dict[int, str]
    colors: dict[int, RGB]
    custom: bool


def read_class_map(root: Path, log: ProblemLog, max_bytes: int) -> ClassMap:
    path = root / COLORS
    if not path.is_file():
        return ClassMap({x.id: x.name for x in LABELS}, {x.id: x.color for x in LABELS}, False)
    names: dict[int, str] = {}
    colors: dict[int, RGB] = {}
    for number, line in enumerate(sources.read_lines(root, path, log, max_bytes) or [], start=1):
        fields = line.split(maxsplit=3)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(fields) != 4 or not all(f.isdigit() and int(f) < 256 for f in fields[:3]):
            log.add(COLORS, "expected 'r g b name'", "format.cityscapes", line=number)
            continue
        names[len(names)] = fields[3].strip()
        colors[len(colors)] = (int(fields[0]), int(fields[1]), int(fields[2]))
    return ClassMap(names, colors, True)


class CityscapesFormat:
    name = "cityscapes"
    title = "Cityscapes 1.0"
    description = "Cityscapes: leftImg8bit images and gtFine instance/label id maps, splits as subsets"
    carries = Carries(kinds=frozenset({"mask"}), attributes=True, subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return CERTAIN if path.is_dir() and ((path / GT).is_dir() or (path / IMAGES).is_dir()) else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        log = ProblemLog()
        classes = read_class_map(path, log, options.max_file_bytes)
        book = LabelBook()
        if classes.custom:
            for class_id, name in classes.names.items():
                if class_id:
                    book.id_for(name, png_masks.hex_color(classes.colors[class_id]))
        entries: dict[tuple[str, str], dict[str, Path]] = {}
        for kind, folder in (("image", IMAGES), ("gt", GT)):
            for file in sources.walk_files(path / folder) if (path / folder).is_dir() else ():
                rel = PurePosixPath(sources.relative(path / folder, file))
                match = (_IMAGE_FILE if kind == "image" else _GT_FILE).match(rel.name)
                if match is None or len(rel.parts) < 3:
                    continue
                split, city = rel.parts[0], "/".join(rel.parts[1:-1])
                key = (split, f"{city}/{match['base']}")
                entry = entries.setdefault(key, {})
                entry[kind if kind == "image" else match["kind"]] = file
        if not entries:
            log.add(
                path.name, f"no {IMAGES}/<split>/<city>/ images and no {GT} maps found", "format.missing_file"
            )
        items = []
        ids = LocalIds()
        for split in sorted({s for s, _ in entries}):
            keys = sorted((k for k in entries if k[0] == split), key=lambda k: natural_key(k[1]))
            for frame, key in enumerate(keys):
                entry = entries[key]
                items.append(_item(path, key, frame, entry, classes, book, ids, log, options.max_file_bytes))
        log.raise_if_any()
        labels = book.labels()
        return Dataset(labels, [_fitted(i, book) for i in items])

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        _write(dataset, output, options)


def _fitted(item: Item, book: LabelBook) -> Item:
    return replace(item, shapes=book.fit_shapes(item.shapes))


def _item(
    root: Path,
    key: tuple[str, str],
    frame: int,
    entry: dict[str, Path],
    classes: ClassMap,
    book: LabelBook,
    ids: LocalIds,
    log: ProblemLog,
    max_bytes: int,
) -> Item:
    split, base = key
    image = entry.get("image")
    suffix = image.suffix if image is not None else ".png"
    name = f"{base}_leftImg8bit{suffix}"
    subset = "" if split == DEFAULT_SUBSET else split
    size = sources.image_size(image) if image is not None else None
    gt = entry.get("instanceIds") or entry.get("labelIds")
    shapes: list[Shape] = []
    decoded = png_masks.read(root, gt, log, max_bytes) if gt is not None else None
    if gt is not None and decoded is not None:
        pixels = decoded[0]
        file = sources.relative(root, gt)
        if pixels.ndim != 2:
            log.add(file, "expected a grey or palette image of ids, got a colour image", "format.cityscapes")
        else:
            size = size or (pixels.shape[1], pixels.shape[0])
            for value, geometry in sorted(png_masks.regions(pixels.astype(np.int64), skip=(0,)).items()):
                class_id = value // 1000 if value >= 1000 else value
                if class_id not in classes.names:
                    log.add(
                        file,
                        f"label id {class_id} (value {value}) is not a Cityscapes label",
                        "format.cityscapes",
                    )
                    continue
                if class_id == 0:
                    continue
                label = book.id_for(classes.names[class_id], png_masks.hex_color(classes.colors[class_id]))
                values = {CROWD: value < 1000}
                book.note(label, values)
                shapes.append(
                    Shape(ids(), "mask", label, frame, geometry, attributes=values, source=Source.IMPORTED)
                )
    width, height = size if size is not None else (None, None)
    return Item(name, subset, frame, width, height, image, tuple(shapes))


# -- writing ------------------------------------------------------------------------------------------------


def _write(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    table = {x.name: x for x in LABELS}
    custom = any(label.name not in table for label in dataset.labels)
    if custom:
        class_of = {label.id: i for i, label in enumerate(dataset.labels, start=1)}
        instances = dict.fromkeys(class_of.values(), True)
        lines = ["0 0 0 unlabeled"] + [
            " ".join(map(str, png_masks.rgb_of(label.color))) + f" {label.name}" for label in dataset.labels
        ]
        with output.open(COLORS) as file:
            file.write(("\n".join(lines) + "\n").encode())
    else:
        class_of = {label.id: table[label.name].id for label in dataset.labels}
        instances = {x.id: x.has_instances for x in LABELS}
    for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset):
        split = subset or DEFAULT_SUBSET
        for item in items:
            city, base = _place(item.name)
            stem = f"{split}/{city}/{base}"
            masks = sorted(
                (s for s in item.shapes if isinstance(s.geometry, MaskGeometry)), key=lambda s: s.z_order
            )
            if masks or (item.width and item.height):  # an empty map keeps an item without masks
                _write_maps(output, f"{GT}/{stem}_gtFine", item, masks, class_of, instances)
            if options.with_images and item.image is not None:
                suffix = PurePosixPath(item.name).suffix or ".png"  # stored media files have no suffix
                output.copy(f"{IMAGES}/{stem}_leftImg8bit{suffix}", item.image)


def _place(name: str) -> tuple[str, str]:
    """(city, base) of an item name: ``<city>/<base>_leftImg8bit.<ext>`` as it is, else its folder (or
    ``default``) and its stem."""
    path = PurePosixPath(name)
    city = str(path.parent) if str(path.parent) != "." else "default"
    match = _IMAGE_FILE.match(path.name)
    return city, match["base"] if match else path.stem


def _write_maps(
    output: Output,
    stem: str,
    item: Item,
    masks: list[Shape],
    class_of: dict[int | None, int],
    instances: dict[int, bool],
) -> None:
    boxes = [s.geometry for s in masks if isinstance(s.geometry, MaskGeometry)]
    width = item.width or max(g.x2 for g in boxes)
    height = item.height or max(g.y2 for g in boxes)
    instance_map = np.zeros((height, width), dtype=np.int64)
    counters: dict[int, int] = {}
    for shape in masks:
        class_id = class_of[shape.label_id]
        crowd = shape.attributes.get(CROWD)
        if crowd is True or (crowd is None and not instances.get(class_id, True)):
            value = class_id
        else:
            value = class_id * 1000 + counters.get(class_id, 0)
            counters[class_id] = counters.get(class_id, 0) + 1
            if value % 1000 == 999:
                msg = "more than 999 instances of one label on an image"
                raise FormatError([FormatProblem(item.name, msg, "format.cityscapes")])
        png_masks.paint(instance_map, shape.geometry, value)  # type: ignore[arg-type]
    label_map = np.where(instance_map >= 1000, instance_map // 1000, instance_map)
    png_masks.write(output, f"{stem}_instanceIds.png", png_masks.encode_indexed(instance_map))
    png_masks.write(output, f"{stem}_labelIds.png", png_masks.encode_indexed(label_map))


FORMAT = CityscapesFormat()
