"""Segmentation masks (``masks``): one PNG per image whose pixel values (palette or grey PNG) or colours (RGB
PNG) are classes, with a label map.

Layouts read: ``dataset_meta.json`` (``label_map`` {"index": name}, ``segmentation_colors`` [[r, g, b]...],
``background_label``) with ``images/`` and ``masks/``; ``class_id_to_name.json`` with ``JPEGImages/`` and
``SegmentationClass/``. A mask is paired with the image of the same path and stem. One mask shape per class
present; the background class (``background_label``, else 0) makes none. A value or colour outside the label
map is an error.

Writing: ``dataset_meta.json`` (background at index 0, then the labels in order), ``masks/<name>.png`` as a
palette PNG in the labels' colours (``mode=color`` for RGB), ``images/<name>`` with ``--with-images``. It is a
semantic format: overlapping masks are painted in z-order, and masks of one class on an image merge.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import orjson

from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.mask import MaskGeometry
from annota.formats import png_masks, sources
from annota.formats.base import (
    CERTAIN,
    LIKELY,
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
from annota.formats.label_book import LabelBook
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.formats.png_masks import RGB
from annota.media.names import natural_key

META = "dataset_meta.json"
CLASS_NAMES = "class_id_to_name.json"
MASK_DIRS = ("masks", "SegmentationClass")
IMAGE_DIRS = ("images", "JPEGImages")
MAX_CLASSES = 256


MODE = FormatOption(
    "mode", OptionKind.CHOICE, "masks as palette PNGs (class index per pixel) or RGB colour PNGs",
    Direction.WRITE, "palette", ("palette", "color"),
)  # fmt: skip


class MasksFormat:
    name = "masks"
    title = "Segmentation masks"
    description = "Semantic segmentation: one colour or palette PNG per image with a label map"
    carries = Carries(kinds=frozenset({"mask"}))
    can_read = True
    can_write = True
    options = (MODE,)

    def detect(self, path: Path) -> float:
        if not path.is_dir() or not any((path / d).is_dir() for d in MASK_DIRS):
            return NO
        if (path / META).is_file() or (path / CLASS_NAMES).is_file():
            return CERTAIN
        return LIKELY if (path / "masks").is_dir() else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return _Reader(path, options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        _write(dataset, output, options)


class _Reader:
    def __init__(self, root: Path, options: ReadOptions) -> None:
        self.root, self.options = root, options
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()

    def read(self) -> Dataset:
        names, colors, background = self._label_map()
        masks_dir = next((self.root / d for d in MASK_DIRS if (self.root / d).is_dir()), None)
        images_dir = next((self.root / d for d in IMAGE_DIRS if (self.root / d).is_dir()), None)
        if masks_dir is None:
            self.log.add(
                self.root.name, f"no mask folder ({' or '.join(MASK_DIRS)}) found", "format.missing_file"
            )
            self.log.raise_if_any()
        assert masks_dir is not None
        for index, name in sorted(names.items()):
            if index != background:
                self.book.id_for(name, png_masks.hex_color(colors[index]) if index in colors else None)
        masks = {
            str(PurePosixPath(sources.relative(masks_dir, f)).with_suffix("")): f
            for f in sources.walk_files(masks_dir)
            if f.suffix.lower() == ".png"
        }
        images = {}
        if images_dir is not None:
            for f in sources.walk_files(images_dir):
                if sources.is_image(f):
                    images[str(PurePosixPath(sources.relative(images_dir, f)).with_suffix(""))] = f
        by_color = {rgb: i for i, rgb in colors.items()}
        items = []
        for frame, stem in enumerate(sorted({*masks, *images}, key=natural_key)):
            image = images.get(stem)
            name = sources.relative(images_dir, image) if image is not None and images_dir else f"{stem}.png"
            size = sources.image_size(image) if image is not None else None
            shapes: tuple[Shape, ...] = ()
            if stem in masks:
                shapes, mask_size = self._shapes(masks[stem], frame, names, by_color, background)
                size = size or mask_size
            width, height = size if size is not None else (None, None)
            items.append(Item(name, "", frame, width, height, image, shapes))
        self.log.raise_if_any()
        return Dataset(self.book.labels(), items)

    def _label_map(self) -> tuple[dict[int, str], dict[int, RGB], int]:
        names: dict[int, str] = {}
        colors: dict[int, RGB] = {}
        background = 0
        meta, classes = self.root / META, self.root / CLASS_NAMES
        path = meta if meta.is_file() else classes if classes.is_file() else None
        if path is None:
            self.log.add(
                self.root.name, f"no label map ({META} or {CLASS_NAMES}) found", "format.missing_file"
            )
            return names, colors, background
        doc = sources.read_json(self.root, path, self.log, self.options.max_file_bytes)
        if doc is None:
            return names, colors, background
        raw_map: Any = doc.get("label_map") if path == meta and isinstance(doc, dict) else doc
        loc: tuple[str, ...] = ("label_map",) if path == meta else ()
        if not isinstance(raw_map, dict):
            self.log.add(path.name, "expected an object of class index to name", "dict_type", loc)
            return names, colors, background
        for key, name in raw_map.items():
            if (
                not (key.isdigit() and int(key) < MAX_CLASSES)
                or not isinstance(name, str)
                or not name.strip()
            ):
                self.log.add(
                    path.name,
                    f"expected a class index (0..255) and a name, got {key!r}: {name!r}",
                    "format.masks",
                    (*loc, key),
                )
                continue
            names[int(key)] = name
        if path == meta:
            background = self._background(doc, path.name, names)
            raw_colors = doc.get("segmentation_colors") or []
            for i, rgb in enumerate(raw_colors if isinstance(raw_colors, list) else []):
                if (
                    isinstance(rgb, list)
                    and len(rgb) == 3
                    and all(isinstance(v, int) and 0 <= v < 256 for v in rgb)
                ):
                    colors[i] = (rgb[0], rgb[1], rgb[2])
                else:
                    self.log.add(
                        path.name,
                        f"expected [r, g, b], got {rgb!r}",
                        "format.masks",
                        ("segmentation_colors", i),
                    )
        palette = png_masks.voc_colormap()
        for index in names:
            colors.setdefault(index, palette[index])
        return names, colors, background

    def _background(self, doc: dict[str, Any], file: str, names: dict[int, str]) -> int:
        raw = doc.get("background_label", "0")
        if isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
            return int(raw)
        found = next((i for i, n in names.items() if n == raw), None)
        if found is None:
            self.log.add(
                file,
                f"background_label {raw!r} is not in the label map",
                "format.masks",
                ("background_label",),
            )
            return 0
        return found

    def _shapes(
        self, path: Path, frame: int, names: dict[int, str], by_color: dict[RGB, int], background: int
    ) -> tuple[tuple[Shape, ...], tuple[int, int] | None]:
        decoded = png_masks.read(self.root, path, self.log, self.options.max_file_bytes)
        if decoded is None:
            return (), None
        file = sources.relative(self.root, path)
        pixel_map = png_masks.to_pixel_map(decoded[0], by_color, file, self.log)
        if pixel_map is None:
            return (), None
        shapes = []
        for value, geometry in sorted(png_masks.regions(pixel_map, skip=(background,)).items()):
            if value not in names:
                self.log.add(file, f"class {value} is not in the label map", "format.masks")
                continue
            label = self.book.id_for(names[value])
            shapes.append(Shape(self.ids(), "mask", label, frame, geometry, source=Source.IMPORTED))
        return tuple(shapes), (pixel_map.shape[1], pixel_map.shape[0])


# -- writing ------------------------------------------------------------------------------------------------


def _write(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    labels = list(dataset.labels)
    if len(labels) >= MAX_CLASSES:
        msg = (
            f"{len(labels)} labels: a palette mask holds at most {MAX_CLASSES - 1} classes and the background"
        )
        raise FormatError([FormatProblem("", msg, "format.masks")])
    index = {label.id: i for i, label in enumerate(labels, start=1)}
    colors: list[RGB] = [(0, 0, 0), *(png_masks.rgb_of(label.color) for label in labels)]
    color_mode = MODE.value(options.extra) == "color"
    for item in dataset.items:
        masks = sorted(
            (s for s in item.shapes if isinstance(s.geometry, MaskGeometry)), key=lambda s: s.z_order
        )
        if masks:
            boxes = [s.geometry for s in masks if isinstance(s.geometry, MaskGeometry)]
            width = item.width or max(g.x2 for g in boxes)
            height = item.height or max(g.y2 for g in boxes)
            pixel_map = np.zeros((height, width), dtype=np.uint8)
            for shape in masks:
                png_masks.paint(pixel_map, shape.geometry, index[shape.label_id])  # type: ignore[arg-type]
            if color_mode:
                data = png_masks.encode_rgb(np.asarray(colors, dtype=np.uint8)[pixel_map])
            else:
                data = png_masks.encode_indexed(pixel_map, colors)
            png_masks.write(output, f"masks/{PurePosixPath(item.name).with_suffix('.png')}", data)
        if options.with_images and item.image is not None:
            output.copy(f"images/{item.name}", item.image)
    meta = {
        "label_map": {str(i): name for i, name in enumerate(["background", *(x.name for x in labels)])},
        "segmentation_colors": [list(rgb) for rgb in colors],
        "background_label": "0",
    }
    with output.open(META) as file:
        file.write(orjson.dumps(meta, option=orjson.OPT_INDENT_2))


FORMAT = MasksFormat()
