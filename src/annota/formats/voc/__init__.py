"""Pascal VOC 1.1 (``voc``): detection boxes with parts and actions, class/instance masks, image tags.

`read` reads the full layout or a flat folder of XMLs, `write` writes either (``layout=full|flat``);
`segmentation` reads and writes the masks, `labelmap` the class list. docs/formats/voc.md has the mapping.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from annota.formats import sources
from annota.formats.base import CERTAIN, LIKELY, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.voc.read import VocReader, is_full_layout
from annota.formats.voc.write import LAYOUT, write_voc


def _is_voc_xml(path: Path) -> bool:
    text = sources.head(path, 2048)
    return path.suffix.lower() == ".xml" and (b"<annotation>" in text or b"<annotation " in text)


class VocFormat:
    name = "voc"
    title = "Pascal VOC 1.1"
    description = "Pascal VOC: boxes with parts and actions, class and instance masks, classification lists"
    carries = Carries(kinds=frozenset({"rectangle", "mask", "tag"}), attributes=True, subsets=True)
    can_read = True
    can_write = True
    options = (LAYOUT,)

    def detect(self, path: Path) -> float:
        if path.is_file():
            return CERTAIN if _is_voc_xml(path) else NO
        if is_full_layout(path):
            annotations = path / "Annotations"
            first = sorted(annotations.glob("*.xml"))[:3] if annotations.is_dir() else []
            lists = (path / "ImageSets").is_dir()
            return CERTAIN if any(map(_is_voc_xml, first)) or lists else LIKELY
        xmls = itertools.islice((f for f in sources.walk_files(path) if f.suffix.lower() == ".xml"), 3)
        return LIKELY if any(map(_is_voc_xml, xmls)) else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return VocReader(path, options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_voc(dataset, output, options)


FORMAT = VocFormat()
