"""LabelMe JSON (``labelme``): one JSON per image, ``shapes`` drawn on the image named by ``imagePath``.

`read` documents what is read, `write` how annota's kinds are written; docs/formats/labelme.md has the table.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from annota.formats import sources
from annota.formats.base import CERTAIN, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.labelme.read import is_labelme, read_labelme
from annota.formats.labelme.write import write_labelme


class LabelMeFormat:
    name = "labelme"
    title = "LabelMe JSON"
    description = "LabelMe: one JSON per image; rectangles, circles, polygons, lines, points, bitmap masks"
    carries = Carries(
        kinds=frozenset({"rectangle", "ellipse", "polygon", "polyline", "points", "mask", "tag"}),
        attributes=True,
    )
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        if path.is_file():
            return CERTAIN if is_labelme(path) else NO
        jsons = (f for f in sources.walk_files(path) if f.suffix.lower() == ".json")
        return CERTAIN if any(is_labelme(f) for f in itertools.islice(jsons, 5)) else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return read_labelme(path, options)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_labelme(dataset, output, options)


FORMAT = LabelMeFormat()
