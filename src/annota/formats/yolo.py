"""YOLO darknet 1.1 (``yolo``), the layout CVAT writes: ``obj.data``, ``obj.names``, ``<subset>.txt``
lists and ``obj_<subset>_data/<image>.txt`` label files of ``class cx cy w h`` rows normalised to the image.

``obj.data`` keys other than ``classes``, ``names`` and ``backup`` name subsets (``train``, ``valid``...).
Paths in it and in the lists often start with ``data/``, a folder that does not exist in the export: a
path is tried as written, then without that prefix. Export writes subset ``train`` when there is none.
"""

from __future__ import annotations

import itertools
import os
import posixpath
from collections.abc import Iterator
from pathlib import Path

from annota.domain.labels import Label, LabelKind
from annota.formats import sources
from annota.formats.base import (
    CERTAIN,
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
from annota.formats.records import RecordDataset, dataset_of, records_of
from annota.formats.ultralytics_detect import box_reader, box_rows
from annota.formats.yolo_layout import LabelEntry, LabelFileReader

NOT_SUBSETS = frozenset({"classes", "names", "backup", "eval"})
DEFAULT_SUBSET = "train"


def _resolve(root: Path, raw: str) -> Path:
    raw = raw.strip().replace("\\", "/")
    direct = root / raw
    if direct.exists() or not raw.startswith("data/"):
        return direct
    return root / raw[len("data/") :]


def _inside(root: Path, folder: str) -> str | None:
    """Where a folder of a subset list is, relative to `root` (see `_resolve`); None when outside it."""
    if not folder:
        return ""
    rel = posixpath.normpath(os.path.relpath(_resolve(root, folder), root).replace(os.sep, "/"))
    return None if rel == ".." or rel.startswith("../") or posixpath.isabs(folder) else rel


def _key_values(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


class YoloDarknet:
    name = "yolo"
    title = "YOLO darknet 1.1"
    description = "YOLO darknet (CVAT's YOLO 1.1): obj.data, obj.names, obj_<subset>_data/ boxes"
    carries = Carries(kinds=frozenset({"rectangle"}), subsets=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        root = path.parent if path.is_file() else path
        return CERTAIN if (root / "obj.data").is_file() or (root / "obj.names").is_file() else NO

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        root = path.parent if path.is_file() else path
        log = ProblemLog()
        data_file = root / "obj.data"
        config = {}
        if data_file.is_file():
            config = _key_values(sources.read_lines(root, data_file, log, options.max_file_bytes) or [])
        names_file = _resolve(root, config.get("names", "obj.names"))
        if not names_file.is_file():
            names_file = root / "obj.names"
        names = [
            n.strip()
            for n in sources.read_lines(root, names_file, log, options.max_file_bytes) or []
            if n.strip()
        ]
        if not names:
            log.add(names_file.name, "no class names", "format.missing_file")
        classes = config.get("classes")
        if classes is not None and classes.isdigit() and int(classes) != len(names):
            log.add("obj.data", f"classes = {classes} but obj.names has {len(names)} names", "inconsistent")
        subsets = {k: v for k, v in config.items() if k not in NOT_SUBSETS} or {"train": "train.txt"}
        log.raise_if_any()
        labels = {(i, 0): Label(n, color_for(i), LabelKind.ANY, (), None, i) for i, n in enumerate(names)}
        reader = LabelFileReader(root, labels, box_reader, log, options.max_file_bytes)

        images = sources.ImageIndex(root)
        folders: dict[str, str | None] = {}  # a listed folder -> where it is (None: outside the dataset)

        def entries() -> Iterator[LabelEntry]:
            for subset, list_name in subsets.items():
                list_file = _resolve(root, list_name)
                lines = sources.read_lines(root, list_file, log, options.max_file_bytes) or []
                frame = -1
                for number, entry in enumerate(lines, start=1):
                    raw = entry.strip().replace("\\", "/")
                    if not raw:
                        continue
                    frame += 1
                    folder, file_name = posixpath.split(raw)
                    if folder not in folders:
                        folders[folder] = _inside(root, folder)
                    where = folders[folder]
                    if where is None:
                        msg = f"{raw!r} is outside the dataset folder"
                        log.add(sources.relative(root, list_file), msg, "format.path", line=number)
                        continue
                    rel = posixpath.join(where, file_name)
                    prefix = f"obj_{subset}_data/"
                    name = rel[len(prefix) :] if rel.startswith(prefix) else file_name
                    label_file = (root / rel).with_suffix(".txt")
                    yield LabelEntry(name, subset, frame, images.get(rel), label_file)

        items = reader.items(entries(), options.image_sizes)
        return RecordDataset(list(labels.values()), checked_items(items, log), checked=True)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        names = [label.name for label in dataset.labels]
        index = {label.id: i for i, label in enumerate(dataset.labels) if label.id is not None}
        subsets = []
        for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset or DEFAULT_SUBSET):
            subsets.append(subset)
            listed = []
            for item in items:
                stem = Path(item.name).with_suffix("").as_posix()
                with output.open(f"obj_{subset}_data/{stem}.txt") as out:
                    out.write("".join(row + "\n" for row in box_rows(item, index)).encode())
                if options.with_images and item.image is not None:
                    output.copy(f"obj_{subset}_data/{item.name}", item.image)
                listed.append(f"data/obj_{subset}_data/{item.name}")
            with output.open(f"{subset}.txt") as out:
                out.write("".join(line + "\n" for line in listed).encode())
        with output.open("obj.names") as out:
            out.write("".join(name + "\n" for name in names).encode())
        lines = [
            f"classes = {len(names)}",
            *(f"{s} = data/{s}.txt" for s in subsets),
            "names = data/obj.names",
            "backup = backup/",
        ]
        with output.open("obj.data") as out:
            out.write("".join(line + "\n" for line in lines).encode())


FORMAT = YoloDarknet()
