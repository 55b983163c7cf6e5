"""VIA, VGG Image Annotator 1.x and 2.x (``via``): JSON project or export, and CSV.

`read` documents how regions, labels and file attributes are read, `write` what is written;
docs/formats/via.md has the table and the options.
"""

from __future__ import annotations

from pathlib import Path

from annota.formats import sources
from annota.formats.base import (
    CERTAIN,
    LIKELY,
    NO,
    Carries,
    Dataset,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
)
from annota.formats.via.read import READ_OPTIONS, ViaReader, is_via_csv, is_via_json
from annota.formats.via.write import WRITE_OPTIONS, write_via


def annotation_file(path: Path) -> Path | None:
    """The VIA file to read: `path` itself, else the folder's first VIA JSON, else its first VIA CSV."""
    if path.is_file():
        return path
    files = [f for f in sources.walk_files(path) if f.parent == path]
    return next((f for f in files if is_via_json(f)), None) or next((f for f in files if is_via_csv(f)), None)


class ViaFormat:
    name = "via"
    title = "VIA 1.x/2.x"
    description = (
        "VGG Image Annotator JSON or CSV: rect, circle, ellipse, polygon, polyline, point; attributes"
    )
    carries = Carries(
        kinds=frozenset({"rectangle", "ellipse", "polygon", "polyline", "points", "tag"}), attributes=True
    )
    can_read = True
    can_write = True
    options = (*READ_OPTIONS, *WRITE_OPTIONS)

    def detect(self, path: Path) -> float:
        file = annotation_file(path)
        if file is None or not (is_via_json(file) or is_via_csv(file)):
            return NO
        return CERTAIN if is_via_csv(file) or b'"_via_' in sources.head(file, 4096) else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        file = annotation_file(path)
        root = path.parent if path.is_file() else path
        if file is None:
            log = ProblemLog()
            log.add(path.name, "no VIA JSON or CSV found", "format.missing_file")
            log.raise_if_any()
        assert file is not None
        return ViaReader(root, file, options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_via(dataset, output, options)


FORMAT = ViaFormat()
