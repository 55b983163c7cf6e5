"""COCO 1.0 instances and person keypoints (``coco``): layout, detection, read and write.

Layouts read: a single JSON file; a folder with ``annotations/<task>_<subset>.json`` (images in
``images/<subset>/``, ``images/`` or next to the JSON); a folder with COCO JSON files at its top. The subset
is the part after ``instances_`` / ``person_keypoints_`` (``default`` means none); other file names give no
subset. Images are matched by ``file_name`` under the dataset folder.
"""

from __future__ import annotations

from collections.abc import Callable
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
    checked_items,
)
from annota.formats.coco_read import CocoDocument, CocoReader, items_of
from annota.formats.coco_write import DEFAULT_SUBSET, write_coco

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
    """Looks an image up by subset and file name under the dataset root; builds its index on first use."""

    def __init__(self, root: Path, json_dir: Path) -> None:
        self.root, self.json_dir = root, json_dir
        self._by_name: dict[str, list[Path]] | None = None

    def __call__(self, subset: str, file_name: str) -> Path | None:
        images = self.root / "images"
        folders = (images / (subset or DEFAULT_SUBSET), images / subset, images, self.root / subset)
        for folder in (*folders, self.json_dir, self.root, self.root / "data"):
            candidate = folder / file_name
            if candidate.is_file():
                return candidate
        if self._by_name is None:
            self._by_name = {}
            for file in sources.walk_files(self.root):
                if sources.is_image(file):
                    self._by_name.setdefault(file.name, []).append(file)
        matches = self._by_name.get(Path(file_name).name, [])
        in_subset = [m for m in matches if subset and subset in m.parts]
        found = in_subset or matches
        return found[0] if found else None


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
        documents = []
        for file in files:
            doc = sources.read_json(root, file, log, options.max_file_bytes)
            if doc is None:
                continue
            if not isinstance(doc, dict):
                log.add(sources.relative(root, file), "expected a JSON object", "dict_type")
                continue
            documents.append(CocoDocument(sources.relative(root, file), subset_of(file), doc))
        labels, drafts = CocoReader(documents, log).read()
        log.raise_if_any()
        find: Callable[[str, str], Path | None] = ImageFinder(root, files[0].parent)
        return Dataset(labels, checked_items(items_of(drafts, find), log))

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        write_coco(dataset, output, options)


FORMAT = CocoFormat()
