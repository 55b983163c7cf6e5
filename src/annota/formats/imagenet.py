"""ImageNet-style class folders (``imagenet``): ``<class>/<image>``, the folder path naming the image's label.

A nested folder is a label of its own, named by its path (``label_1/label_1_1``); an image at the top of the
dataset has no label. Labels become image tags. The images *are* the dataset: an export always writes them
(``--with-images`` or not), once per tag, and an item without a tag at the top.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from annota.domain.tags import Tag
from annota.formats import sources
from annota.formats.base import (
    LIKELY,
    NO,
    POSSIBLE,
    Carries,
    Dataset,
    Item,
    LocalIds,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
)
from annota.formats.label_book import LabelBook
from annota.media.names import natural_key

# Top folders with these names suggest a classification dataset split in subsets (ultralytics_classify).
SUBSET_NAMES = frozenset({"train", "val", "valid", "validation", "test"})
# Image folders of other formats (Cityscapes, VOC, MOT, mask datasets): not classes.
OTHER_LAYOUTS = frozenset({"leftimg8bit", "gtfine", "jpegimages", "segmentationclass", "masks", "img1"})


class ImageNetFormat:
    name = "imagenet"
    title = "ImageNet folders"
    description = "Image classification as class folders: <label>/<image>; labels become image tags"
    carries = Carries(kinds=frozenset({"tag"}))
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        if not path.is_dir():
            return NO
        files = list(sources.walk_files(path))
        if not files or not all(sources.is_image(f) for f in files):
            return NO
        if not any(f.parent != path for f in files):
            return NO
        tops = {p.name.lower() for p in path.iterdir() if p.is_dir()}
        if tops & OTHER_LAYOUTS:
            return NO
        return POSSIBLE if tops & SUBSET_NAMES else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        log = ProblemLog()
        if not path.is_dir():
            log.add(path.name, "an ImageNet dataset is a folder of class folders", "format.layout")
            log.raise_if_any()
        book = LabelBook()
        ids = LocalIds()
        images = [f for f in sources.walk_files(path) if sources.is_image(f)]
        names = sorted((sources.relative(path, f) for f in images), key=natural_key)
        items = []
        for frame, name in enumerate(names):
            image = path / name
            folder = str(PurePosixPath(name).parent)
            tags = () if folder == "." else (Tag(ids(), book.id_for(folder), frame, frame),)
            size = sources.image_size(image)
            if size is None:
                log.add(name, "not a readable image", "format.image")
                continue
            items.append(Item(name, "", frame, size[0], size[1], image, tags=tags))
        if not items:
            log.add(path.name, "no image found", "format.missing_file")
        log.raise_if_any()
        return Dataset(book.labels(), items)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        names = {label.id: label.name for label in dataset.labels}
        written: set[str] = set()
        for item in dataset.items:
            if item.image is None:
                continue
            base = PurePosixPath(item.name).name
            folders = dict.fromkeys(names[tag.label_id] for tag in item.tags) or {"": None}
            for folder in folders:
                target = _free_name(f"{folder}/{base}" if folder else base, written)
                output.copy(target, item.image)


def _free_name(name: str, written: set[str]) -> str:
    """`name`, or ``<stem>_<n><suffix>`` when two items of one class share a file name."""
    candidate, n = name, 1
    path = PurePosixPath(name)
    while candidate in written:
        candidate = str(path.with_name(f"{path.stem}_{n}{path.suffix}"))
        n += 1
    written.add(candidate)
    return candidate


FORMAT = ImageNetFormat()
