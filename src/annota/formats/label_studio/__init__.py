"""Label Studio JSON (``label_studio``): tasks with annotations and predictions, percent coordinates, video
rectangles; an optional labeling config next to the export gives labels their colours.

`read` documents each result type, `write` what is written; docs/formats/label_studio.md has the table.
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
from annota.formats.label_studio.read import READ_OPTIONS, LabelStudioReader, is_label_studio
from annota.formats.label_studio.write import FILE, write_label_studio


def annotation_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    candidates = [f for f in sources.walk_files(path) if f.parent == path and f.suffix.lower() == ".json"]
    return next((f for f in candidates if is_label_studio(f)), None)


class LabelStudioFormat:
    name = "label_studio"
    title = "Label Studio JSON"
    description = "Label Studio tasks: annotations and predictions in percent, brush masks, video rectangles"
    carries = Carries(
        kinds=frozenset({"rectangle", "ellipse", "polygon", "points", "mask", "tag"}),
        tracks=True,
        attributes=True,
        subsets=True,
    )
    can_read = True
    can_write = True
    options = READ_OPTIONS

    def detect(self, path: Path) -> float:
        file = annotation_file(path)
        if file is None or not is_label_studio(file):
            return NO
        head = sources.head(file, 8192)
        return CERTAIN if file.name == FILE or b'"from_name"' in head or b'"to_name"' in head else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        file = annotation_file(path)
        if file is None:
            log = ProblemLog()
            log.add(
                path.name,
                "no Label Studio JSON (tasks with data and annotations) found",
                "format.missing_file",
            )
            log.raise_if_any()
        assert file is not None
        return LabelStudioReader(path.parent if path.is_file() else path, file, options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_label_studio(dataset, output, options)


FORMAT = LabelStudioFormat()
