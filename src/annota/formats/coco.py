"""COCO 1.0 instances and person keypoints (``coco``): layout, detection, read and write.

Layouts read: a single JSON file; a folder with ``annotations/<task>_<subset>.json`` (images in
``images/<subset>/``, ``images/`` or next to the JSON); a folder with COCO JSON files at its top. The subset
is the part after ``instances_`` / ``person_keypoints_`` (``default`` means none); other file names give no
subset. Images are matched by ``file_name`` under the dataset folder.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

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
    checked_items,
)
from annota.formats.coco_read import CocoFile, CocoReader
from annota.formats.coco_write import DEFAULT_SUBSET, write_coco
from annota.formats.records import RecordDataset, dataset_of, records_of

TASK_PREFIXES = ("instances_", "person_keypoints_", "captions_", "image_info_", "panoptic_", "labels_")


def subset_of(path: Path) -> str:
    stem = path.stem
    for prefix in TASK_PREFIXES:
        if stem.startswith(prefix):
            subset = stem[len(prefix) :]
            return "" if subset == DEFAULT_SUBSET else subset
    return ""


def _looks_like_coco(path: Path) -> bool:
    text = sources.head(path, 64 * 1024).replace(b" ", b"").replace(b"\n", b"")
    return (
        path.suffix.lower() == ".json"
        and b'"images":' in text
        and (b'"annotations":' in text or b'"categories":' in text or len(text) == 64 * 1024)
    )


def annotation_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if path.suffix.lower() == ".json" else []
    folder = path / "annotations"
    candidates = sorted(folder.glob("*.json")) if folder.is_dir() else []
    candidates = candidates or sorted(path.glob("*.json"))
    return [c for c in candidates if _looks_like_coco(c)]


class ImageFinder:
    """Looks an image up by subset and file name under the dataset root (one walk, then lookups)."""

    def __init__(self, root: Path, json_dir: Path) -> None:
        self.index = sources.ImageIndex(root)
        self.json_dir = sources.relative(root, json_dir) if json_dir != root else ""

    def __call__(self, subset: str, file_name: str) -> Path | None:
        matches = self.index.named(PurePosixPath(file_name).name)
        if not matches:  # the usual answer when the dataset comes without its images: no lookups
            return None
        folders = (
            f"images/{subset or DEFAULT_SUBSET}",
            f"images/{subset}",
            "images",
            subset,
            self.json_dir,
            "",
            "data",
        )
        for folder in folders:
            found = self.index.get(posixpath.join(folder, file_name))
            if found is not None:
                return found
        in_subset = [m for m in matches if subset and subset in m.split("/")]
        return self.index.root / (in_subset or matches)[0]


class CocoFormat:
    name = "coco"
    title = "COCO 1.0"
    description = "COCO instances (boxes, polygons, RLE masks, iscrowd) and person keypoints (skeletons)"
    carries = Carries(
        kinds=frozenset({"rectangle", "polygon", "mask", "skeleton", "ellipse"}),
        attributes=True,
        subsets=True,
    )
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        files = annotation_files(path)
        if not files:
            return NO
        return (
            CERTAIN
            if any(f.parent.name == "annotations" or f.stem.startswith(TASK_PREFIXES) for f in files)
            else LIKELY
        )

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        root = path.parent if path.is_file() else path
        log = ProblemLog()
        files = annotation_files(path)
        if not files:
            log.add(
                path.name,
                "no COCO annotation file (a JSON with images and annotations) found",
                "format.missing_file",
            )
            log.raise_if_any()
        coco_files = [CocoFile(f, sources.relative(root, f), subset_of(f)) for f in files]
        reader = CocoReader(coco_files, log, options.max_file_bytes)
        labels, items = reader.read(ImageFinder(root, files[0].parent))
        if log:
            reader.spool.close()
            log.raise_if_any()
        return RecordDataset(labels, checked_items(items, log), checked=True)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_coco(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        write_coco(dataset, output, options)


FORMAT = CocoFormat()
