"""Datumaro 1.0 JSON (``datumaro``), with the CVAT fork's skeleton extension.

`read` documents what each annotation type becomes, `write` how annota's kinds are written;
docs/formats/datumaro.md has the table.
"""

from __future__ import annotations

from pathlib import Path

from annota.formats import sources
from annota.formats.base import CERTAIN, LIKELY, NO, Carries, Dataset, Output, ReadOptions, WriteOptions
from annota.formats.datumaro.read import UNLABELED_LABEL, DatumaroReader, annotation_files
from annota.formats.datumaro.write import write_datumaro


def _is_datumaro(path: Path) -> bool:
    """A JSON naming ``categories`` and ``items`` (COCO names ``categories`` and ``images``)."""
    text = sources.head(path, 64 * 1024)
    return (
        path.suffix.lower() == ".json"
        and b'"categories"' in text
        and (b'"items"' in text or b'"dm_format_version"' in text)
        and b'"images"' not in text
    )


class DatumaroFormat:
    name = "datumaro"
    title = "Datumaro 1.0"
    description = "Datumaro JSON: every shape kind, skeletons (CVAT fork), labels, captions, subsets"
    carries = Carries(
        kinds=frozenset({"rectangle", "ellipse", "polygon", "polyline", "points", "mask", "skeleton", "tag"}),
        attributes=True,
        subsets=True,
    )
    can_read = True
    can_write = True
    options = (UNLABELED_LABEL,)

    def detect(self, path: Path) -> float:
        files = annotation_files(path)
        if not any(_is_datumaro(f) for f in files[:3]):
            return NO
        return CERTAIN if path.is_dir() else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return DatumaroReader(path, options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_datumaro(dataset, output, options)


FORMAT = DatumaroFormat()
