"""The Ultralytics YOLO layout shared by its detect, segment, pose and oriented-box formats.

``data.yaml`` (any ``*.yaml`` naming ``names``) gives ``path``, the subsets (``train``, ``val``, ``test``:
a folder of images, a text file listing them, or a list of either) and ``names`` (a list, or a dict of
index to name). Labels of ``.../images/<x>/a.jpg`` are in ``.../labels/<x>/a.txt``. Export writes
``data.yaml``, ``images/<subset>/`` and ``labels/<subset>/`` (subset ``train`` when the dataset has none).

`RowFormat` is a whole format made of one row reader and one row writer (detect, segment, oriented boxes).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from annota.domain.labels import Label, LabelKind
from annota.formats import sources
from annota.formats.base import (
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
from annota.formats.records import Fields, RecordDataset, RecordItem, dataset_of, records_of
from annota.formats.yolo_layout import LabelEntry, LabelFileReader, RowReader

SUBSET_KEYS = ("train", "val", "test")
DEFAULT_SUBSET = "train"
YAML = "data.yaml"


def find_yaml(path: Path) -> Path | None:
    if path.is_file():
        return path if path.suffix.lower() in (".yaml", ".yml") else None
    candidates = [path / YAML, *sorted(path.glob("*.yaml")), *sorted(path.glob("*.yml"))]
    for candidate in candidates:
        if candidate.is_file() and b"names" in sources.head(candidate, 64 * 1024):
            return candidate
    return None


def load_yaml(root: Path, file: Path, log: ProblemLog, max_bytes: int) -> dict[str, Any] | None:
    data = sources.read_bytes(root, file, log, max_bytes)
    if data is None:
        return None
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        log.add(file.name, f"invalid YAML: {error}", "format.yaml", line=mark.line + 1 if mark else None)
        return None
    if not isinstance(doc, dict):
        log.add(file.name, "expected a mapping with names and subsets", "format.yaml")
        return None
    return doc


def class_names(doc: dict[str, Any], file: str, log: ProblemLog) -> list[str]:
    names = doc.get("names")
    if isinstance(names, list) and all(isinstance(n, str | int) for n in names):
        return [str(n) for n in names]
    if isinstance(names, dict) and all(isinstance(k, int) for k in names):
        if sorted(names) != list(range(len(names))):
            log.add(file, "class indices must be 0..n-1", "format.yaml", ("names",))
            return []
        return [str(names[i]) for i in range(len(names))]
    log.add(file, "expected names as a list or as a dict of index to name", "format.yaml", ("names",))
    return []


def subset_images(base: Path, yaml_dir: Path, value: object) -> list[Path]:
    """The images of one subset entry: folders are walked, text files list images (one per line)."""
    out: list[Path] = []
    for entry in value if isinstance(value, list) else [value]:
        if not isinstance(entry, str):
            continue
        target = next((p for p in (base / entry, yaml_dir / entry) if p.exists()), None)
        if target is None:
            continue
        if target.is_dir():
            out += [f for f in sources.walk_files(target) if sources.is_image(f)]
        else:
            for line in target.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line:
                    image = next(
                        (p for p in (base / line, yaml_dir / line, target.parent / line) if p.is_file()), None
                    )
                    if image is not None:
                        out.append(image)
    return out


def label_path(image: Path) -> Path:
    parts = list(image.parts)
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] == "images":
            parts[i] = "labels"
            return Path(*parts).with_suffix(".txt")
    return image.with_suffix(".txt")


def first_label_rows(path: Path, limit: int = 20) -> list[list[str]]:
    """A few rows of the first label files, for `detect`."""
    rows: list[list[str]] = []
    labels = path / "labels" if path.is_dir() else path.parent / "labels"
    if not labels.is_dir():
        return rows
    for file in itertools.islice((f for f in sources.walk_files(labels) if f.suffix == ".txt"), 5):
        rows += [
            line.split() for line in sources.head(file, 4096).decode("utf-8", "replace").splitlines()[:limit]
        ]
    return [r for r in rows if r]


LabelMaker = Callable[[list[str], dict[str, Any]], dict[tuple[int, int], Label]]


def read_layout(path: Path, options: ReadOptions, make_labels: LabelMaker, row: RowReader) -> RecordDataset:
    log = ProblemLog()
    file = find_yaml(path)
    root = path.parent if path.is_file() else path
    if file is None:
        log.add(path.name, "no data.yaml (a YAML file with names and subsets) found", "format.missing_file")
        log.raise_if_any()
    assert file is not None
    doc = load_yaml(root, file, log, options.max_file_bytes)
    names = class_names(doc, file.name, log) if doc is not None else []
    log.raise_if_any()
    assert doc is not None
    by_class = make_labels(names, doc)
    labels = sorted(by_class.values(), key=lambda label: label.id or 0)
    base = file.parent / str(doc.get("path", "")) if doc.get("path") else file.parent
    base = base if base.is_dir() else file.parent
    subsets = [(key, subset_images(base, file.parent, doc[key])) for key in SUBSET_KEYS if doc.get(key)]
    if not any(images for _, images in subsets):
        log.add(file.name, "no subset (train, val, test) lists any image that exists", "format.missing_image")
        log.raise_if_any()
    reader = LabelFileReader(root, by_class, row, log, options.max_file_bytes)

    entries = (
        LabelEntry(image.name, subset, frame, image, label_path(image))
        for subset, images in subsets
        for frame, image in enumerate(images)
    )
    return RecordDataset(labels, checked_items(reader.items(entries, options.image_sizes), log), checked=True)


def plain_labels(names: list[str], doc: dict[str, Any]) -> dict[tuple[int, int], Label]:
    return {(i, 0): Label(name, color_for(i), LabelKind.ANY, (), None, i) for i, name in enumerate(names)}


def write_layout(
    dataset: RecordDataset,
    output: Output,
    options: WriteOptions,
    rows: Callable[[RecordItem, dict[int, int]], list[str]],
    extra: dict[str, Any] | None = None,
    label_filter: Callable[[Label], bool] = lambda label: True,
) -> None:
    labels = [label for label in dataset.labels if label_filter(label)]
    index = {label.id: i for i, label in enumerate(labels) if label.id is not None}
    subsets: list[str] = []
    for subset, items in itertools.groupby(dataset.items, key=lambda item: item.subset or DEFAULT_SUBSET):
        subsets.append(subset)
        for item in items:
            stem = Path(item.name).with_suffix("").as_posix()
            with output.open(f"labels/{subset}/{stem}.txt") as out:
                out.write("".join(line + "\n" for line in rows(item, index)).encode())
            if options.with_images and item.image is not None:
                output.copy(f"images/{subset}/{item.name}", item.image)
    doc: dict[str, Any] = {"path": ".", **{s: f"images/{s}" for s in subsets or [DEFAULT_SUBSET]}}
    doc["names"] = {i: label.name for i, label in enumerate(labels)}
    doc.update(extra or {})
    with output.open(YAML) as out:
        out.write(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode())


def detect_variant(path: Path, accepts: Callable[[list[list[str]], dict[str, Any]], float]) -> float:
    file = find_yaml(path)
    if file is None:
        return NO
    try:
        doc = yaml.safe_load(sources.head(file, 64 * 1024))
    except yaml.YAMLError:
        return NO
    if not isinstance(doc, dict) or "names" not in doc:
        return NO
    return accepts(first_label_rows(file.parent), doc)


Accepts = Callable[[list[list[str]], dict[str, Any]], float]
ItemRows = Callable[[RecordItem, dict[int, int]], list[str]]


def rows_of(kind: str, row: Callable[[Fields, int, int], str]) -> ItemRows:
    """An item's rows: ``<class> <row(geometry, width, height)>`` for each shape of `kind` whose label is
    exported (in `index`); none for an item of unknown size (coordinates are normalised to it)."""

    def item_rows(item: RecordItem, index: dict[int, int]) -> list[str]:
        width, height = item.width, item.height
        if not (width and height):
            return []
        return [
            f"{index[shape['label_id']]} {row(shape['geometry'], width, height)}"
            for shape in item.shapes
            if shape["kind"] == kind and shape["label_id"] in index
        ]

    return item_rows


@dataclass(frozen=True)
class RowFormat:
    """An Ultralytics format whose labels are plain names and whose rows one function reads (`read_row`:
    the numbers after the class, to shapes) and another writes (`item_rows`: an item's rows); `accepts` tells
    from the first label rows and ``data.yaml`` how sure `detect` is."""

    name: str
    title: str
    description: str
    carries: Carries
    accepts: Accepts
    read_row: RowReader
    item_rows: ItemRows
    can_read: bool = True
    can_write: bool = True

    def detect(self, path: Path) -> float:
        return detect_variant(path, self.accepts)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return dataset_of(self.read_records(path, options))

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        return read_layout(path, options, plain_labels, self.read_row)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.write_records(records_of(dataset), output, options)

    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        write_layout(dataset, output, options, self.item_rows)
