"""The VOC label map: class names in class-index order with their mask colour, parts and actions.

``labelmap.txt`` (written by CVAT and Datumaro, one ``name:r,g,b:part1,part2:action1,action2`` line per class,
``#`` comments) overrides Pascal VOC's 21 classes when present. Class index 0 is the background; pixel value
255 (colour 224,224,192) marks the void border around objects in VOC masks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annota.formats import png_masks, sources
from annota.formats.base import ProblemLog
from annota.formats.png_masks import RGB

FILE = "labelmap.txt"
BACKGROUND = "background"
VOID_INDEX = 255
VOID_COLOR: RGB = (224, 224, 192)
VOC_CLASSES = (
    "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
    "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train",
    "tvmonitor",
)  # fmt: skip
PARTS = ("head", "hand", "foot")
ACTIONS = (
    "jumping", "phoning", "playinginstrument", "reading", "ridingbike", "ridinghorse", "running",
    "takingphoto", "usingcomputer", "walking", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VocClass:
    name: str
    color: RGB
    parts: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()


def default_labelmap() -> list[VocClass]:
    colors = png_masks.voc_colormap(len(VOC_CLASSES))
    return [
        VocClass(name, colors[i], PARTS if name == "person" else (), ACTIONS if name == "person" else ())
        for i, name in enumerate(VOC_CLASSES)
    ]


def read_labelmap(root: Path, log: ProblemLog, max_bytes: int) -> list[VocClass] | None:
    """The classes of ``labelmap.txt`` in file order, or None when the dataset has no label map."""
    path = root / FILE
    if not path.is_file():
        return None
    lines = sources.read_lines(root, path, log, max_bytes)
    if lines is None:
        return None
    classes: list[VocClass] = []
    colors = png_masks.voc_colormap()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split(":")
        name = fields[0].strip()
        if not name:
            log.add(FILE, "a class needs a name before the first ':'", "format.voc", line=number)
            continue
        color = _color(fields[1] if len(fields) > 1 else "", colors[len(classes) % 256], number, log)
        parts = _names(fields[2] if len(fields) > 2 else "")
        actions = _names(fields[3] if len(fields) > 3 else "")
        classes.append(VocClass(name, color, parts, actions))
    return classes


def _color(text: str, default: RGB, line: int, log: ProblemLog) -> RGB:
    if not text.strip():
        return default
    values = text.split(",")
    try:
        rgb = tuple(int(v) for v in values)
    except ValueError:
        rgb = ()
    if len(rgb) != 3 or not all(0 <= v <= 255 for v in rgb):
        log.add(FILE, f"expected a colour as r,g,b (0..255), got {text!r}", "format.voc", line=line)
        return default
    return rgb[0], rgb[1], rgb[2]


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def labelmap_text(classes: list[VocClass]) -> str:
    lines = ["# label:color_rgb:parts:actions"]
    for c in classes:
        lines.append(f"{c.name}:{','.join(map(str, c.color))}:{','.join(c.parts)}:{','.join(c.actions)}")
    return "\n".join(lines) + "\n"
