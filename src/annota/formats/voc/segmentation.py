"""VOC segmentation masks: ``SegmentationClass/<id>.png`` (class index per pixel) and
``SegmentationObject/<id>.png`` (instance index per pixel), palette PNGs or RGB PNGs in the map's colours.

Reading: with both files, one mask per instance, labelled with the class most of its pixels have; with the
class file only, one mask per class. Index 0 (background) and 255 (void border) make no mask. Writing paints
the masks of an item in z-order into both files, palette PNGs whose palette is the label map's colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import numpy as np

from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.mask import MaskGeometry
from annota.formats import png_masks, sources
from annota.formats.base import Output
from annota.formats.png_masks import RGB, PixelMap
from annota.formats.voc.labelmap import VOID_COLOR, VOID_INDEX, VocClass

if TYPE_CHECKING:
    from annota.formats.voc.read import VocReader

CLASS_DIR = "SegmentationClass"
OBJECT_DIR = "SegmentationObject"


def read_masks(reader: VocReader) -> None:
    class_dir, object_dir = reader.root / CLASS_DIR, reader.root / OBJECT_DIR
    ids = sorted({*_png_ids(class_dir), *_png_ids(object_dir)})
    class_colors = {c.color: i for i, c in enumerate(reader.classes)} | {VOID_COLOR: VOID_INDEX}
    instance_colors = {rgb: i for i, rgb in enumerate(png_masks.voc_colormap())}
    for item_id in ids:
        classes = _load(reader, class_dir / f"{item_id}.png", class_colors)
        instances = _load(reader, object_dir / f"{item_id}.png", instance_colors)
        object_file = f"{OBJECT_DIR}/{item_id}.png"
        if instances is not None and classes is None:
            reader.log.add(
                object_file, f"instances need their classes in {CLASS_DIR}/{item_id}.png", "format.voc"
            )
            continue
        if classes is None:
            continue
        if instances is not None and instances.shape != classes.shape:
            got, wanted = instances.shape, classes.shape
            msg = f"is {got[1]}x{got[0]}, its class mask {wanted[1]}x{wanted[0]}"
            reader.log.add(object_file, msg, "format.voc")
            continue
        found = (
            _instances(reader, classes, instances, object_file)
            if instances is not None
            else _classes(classes)
        )
        draft = reader.draft(item_id)
        for class_index, geometry in found:
            if class_index >= len(reader.classes):
                msg = f"class index {class_index} is not in the label map ({len(reader.classes)} classes)"
                reader.log.add(f"{CLASS_DIR}/{item_id}.png", msg, "format.voc")
                continue
            label = reader.label_id(reader.classes[class_index].name)
            draft.shapes.append(Shape(reader.ids(), "mask", label, 0, geometry, source=Source.IMPORTED))


def _png_ids(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [
        str(PurePosixPath(sources.relative(folder, f)).with_suffix(""))
        for f in sources.walk_files(folder)
        if f.suffix.lower() == ".png"
    ]


def _load(reader: VocReader, path: Path, colors: dict[RGB, int]) -> PixelMap | None:
    if not path.is_file():
        return None
    decoded = png_masks.read(reader.root, path, reader.log, reader.max_bytes)
    if decoded is None:
        return None
    return png_masks.to_pixel_map(decoded[0], colors, sources.relative(reader.root, path), reader.log)


def _classes(classes: PixelMap) -> list[tuple[int, MaskGeometry]]:
    return sorted(png_masks.regions(classes, skip=(0, VOID_INDEX)).items())


def _instances(
    reader: VocReader, classes: PixelMap, instances: PixelMap, file: str
) -> list[tuple[int, MaskGeometry]]:
    out = []
    for value, geometry in sorted(png_masks.regions(instances, skip=(0, VOID_INDEX)).items()):
        inside = classes[instances == value]
        inside = inside[(inside != 0) & (inside != VOID_INDEX)]
        if len(inside) == 0:
            reader.log.add(file, f"instance {value} has no class in {CLASS_DIR}", "format.voc")
            continue
        out.append((int(np.bincount(inside).argmax()), geometry))
    return out


def write_masks(
    output: Output,
    item_id: str,
    masks: Iterable[tuple[int, Shape]],
    size: tuple[int, int],
    classes: list[VocClass],
) -> None:
    """Paints `masks` ((class index, shape) in z-order) into the class and object PNGs of `item_id`."""
    width, height = size
    class_map = np.zeros((height, width), dtype=np.uint8)
    object_map = np.zeros((height, width), dtype=np.uint8)
    for instance, (class_index, shape) in enumerate(masks, start=1):
        assert isinstance(shape.geometry, MaskGeometry)
        png_masks.paint(class_map, shape.geometry, class_index)
        png_masks.paint(object_map, shape.geometry, instance)
    class_palette = [c.color for c in classes]
    class_palette += [(0, 0, 0)] * (VOID_INDEX - len(class_palette)) + [VOID_COLOR]
    png_masks.write(output, f"{CLASS_DIR}/{item_id}.png", png_masks.encode_indexed(class_map, class_palette))
    object_palette = png_masks.voc_colormap()
    png_masks.write(
        output, f"{OBJECT_DIR}/{item_id}.png", png_masks.encode_indexed(object_map, object_palette)
    )


def extent(masks: Iterable[MaskGeometry]) -> tuple[int, int]:
    """The smallest image size that holds every mask (for items whose size is unknown)."""
    boxes = [mask_kind.bbox(m) for m in masks]
    return int(max(b[2] for b in boxes)), int(max(b[3] for b in boxes))
