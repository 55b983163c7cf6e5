"""Label Studio's labeling config (``<View>`` XML beside the export): the labels it declares, their colours.

A config is optional on import: it only gives labels their order and colour (``background`` may be
``#rrggbb``, ``rgb(...)``, ``rgba(...)`` or a CSS colour name). Export writes one, declaring each label under
the controls it is used with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from PIL import ImageColor

from annota.formats import png_masks, sources
from annota.formats.base import ProblemLog

FILE = "label_config.xml"
CONTROLS = {
    "rectanglelabels": "RectangleLabels",
    "polygonlabels": "PolygonLabels",
    "keypointlabels": "KeyPointLabels",
    "ellipselabels": "EllipseLabels",
    "brushlabels": "BrushLabels",
    "videorectangle": "VideoRectangle",
    "choices": "Choices",
}
FROM_NAMES = {
    "rectanglelabels": "label",
    "polygonlabels": "polygon",
    "keypointlabels": "keypoint",
    "ellipselabels": "ellipse",
    "brushlabels": "brush",
    "videorectangle": "box",
    "choices": "choice",
}
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")


def find_config(folder: Path) -> Path | None:
    for path in sorted(folder.glob("*.xml")):
        if sources.head(path, 512).lstrip().startswith(b"<View"):
            return path
    return None


def read_config(root: Path, path: Path, log: ProblemLog, max_bytes: int) -> dict[str, str | None]:
    """Label names declared by the config, in order, with their colour (None when it has none)."""
    view = sources.read_xml(root, path, log, max_bytes)
    labels: dict[str, str | None] = {}
    if view is None:
        return labels
    for element in view.iter():
        if element.tag in ("Label", "Choice") and element.get("value"):
            labels.setdefault(element.get("value", ""), _color(element.get("background")))
    return labels


def _color(text: str | None) -> str | None:
    if not text:
        return None
    match = _RGB.match(text.strip())
    try:
        rgb = tuple(int(v) for v in match.groups()) if match else ImageColor.getrgb(text.strip())[:3]
    except ValueError:
        return None
    return png_masks.hex_color((rgb[0] % 256, rgb[1] % 256, rgb[2] % 256))


def config_text(used: Mapping[str, Iterable[str]], colors: Mapping[str, str], video: bool) -> bytes:
    """A config declaring, for each result type used, the labels used with it."""
    view = Element("View")
    SubElement(
        view,
        "Video" if video else "Image",
        name="video" if video else "image",
        value="$video" if video else "$image",
    )
    target = "video" if video else "image"
    for result_type, names in used.items():
        control = SubElement(view, CONTROLS[result_type], name=FROM_NAMES[result_type], toName=target)
        tag = "Choice" if result_type == "choices" else "Label"
        for name in names:
            SubElement(control, tag, value=name, background=colors.get(name, "#000000"))
    return tostring(view, encoding="utf-8")
