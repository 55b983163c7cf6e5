"""Ultralytics YOLO classification (``ultralytics_classify``): ``<subset>/<class>/<image>`` folders.

An image's folder is its class, imported as an image tag. Export writes each image with a tag under its
first tag's class (the images are the dataset, so they are always copied); untagged images are left out.
Reading goes through records (`read_records`, the import's fast path): one tag record per image.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annota.domain.labels import Label, LabelKind
from annota.formats import sources
from annota.formats.base import (
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
from annota.formats.colors import color_for
from annota.formats.records import RecordDataset, RecordItem, dataset_of, tag_record

SUBSETS = ("train", "val", "test")


def _layout(path: Path) -> dict[str, dict[str, list[Path]]]:
    """subset -> class -> images, for subset folders whose children are class folders of images."""
    out: dict[str, dict[str, list[Path]]] = {}
    if not path.is_dir():
        return out
    for subset_dir in sorted(p for p in path.iterdir() if p.is_dir() and p.name in SUBSETS):
        classes = {}
        for class_dir in sorted(p for p in subset_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            images = [f for f in sources.walk_files(class_dir) if sources.is_image(f)]
            if images:
                classes[class_dir.name] = images
        if classes:
            out[subset_dir.name] = classes
    return out


class UltralyticsClassify:
    name = "ultralytics_classify"
    title = "Ultralytics YOLO classification"
    description = "Ultralytics YOLO classification folders: <subset>/<class>/<image> (image tags)"
    carries = Carries(kinds=frozenset({"tag"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return LIKELY if _layout(path) else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        log = ProblemLog()
        layout = _layout(path)
        if not layout:
            log.add(
                path.name,
                "expected <subset>/<class>/<image> folders (subsets: train, val, test)",
                "format.missing_file",
            )
            log.raise_if_any()
        names = sorted({c for classes in layout.values() for c in classes})
        labels = [Label(n, color_for(i), LabelKind.ANY, (), None, i) for i, n in enumerate(names)]
        index = {name: i for i, name in enumerate(names)}

        def items() -> Iterator[RecordItem]:
            for subset, classes in layout.items():
                frame = 0
                for class_name, images in classes.items():
                    for image in images:
                        size = sources.image_size(image)
                        if size is None:
                            log.add(sources.relative(path, image), "not a readable image", "format.image")
                            continue
                        name = f"{class_name}/{image.relative_to(path / subset / class_name).as_posix()}"
                        tags = (tag_record(index[class_name], frame),)
                        yield RecordItem(name, subset, frame, size[0], size[1], image, tags=tags)
                        frame += 1

        return RecordDataset(labels, checked_items(items(), log), checked=True)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        names = {label.id: label.name for label in dataset.labels}
        for item in dataset.items:
            if not item.tags or item.image is None:
                continue
            class_name = names.get(item.tags[0].label_id)
            if class_name is None:
                continue
            file_name = Path(item.name).name
            output.copy(f"{item.subset or 'train'}/{class_name}/{file_name}", item.image)


FORMAT = UltralyticsClassify()
