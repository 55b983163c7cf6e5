"""Segmentation masks: the corpus samples (colour and palette), round trips and located errors."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.masks import FORMAT
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import through_a_project


def read(path: Path) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions())
    return dataset, list(dataset.items)


def classes(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    """Per item, each label's set of pixels (masks of one label merge in a semantic map)."""
    names = {label.id: label.name for label in dataset.labels}
    out = []
    for item in items:
        by_label: dict[str, set[tuple[int, int]]] = {}
        for s in item.shapes:
            g = s.geometry
            assert isinstance(g, mask.MaskGeometry)
            rows, cols = np.nonzero(mask.decode(g))
            by_label.setdefault(names[s.label_id], set()).update(
                zip((rows + g.y1).tolist(), (cols + g.x1).tolist(), strict=True)
            )
        out.append(
            (item.name, item.width, item.height, sorted((k, sorted(v)) for k, v in by_label.items() if v))
        )
    return out


def test_masks_colour_sample_reads_classes_through_the_segmentation_colours() -> None:
    dataset, items = read(corpus_or_skip("segmentation_masks/dm_common_semantic_segmentation"))
    names = {label.id: label.name for label in dataset.labels}
    assert [label.name for label in dataset.labels] == ["Animal", "Archway", "Bicyclist", "Child", "Road"]
    assert dict((x.name, x.color) for x in dataset.labels)["Road"] == "#804080"
    assert [(i.name, i.width, i.height) for i in items] == [("0001.png", 5, 1), ("0002.png", 5, 1)]
    assert [sorted((names[s.label_id], mask.area(s.geometry)) for s in i.shapes) for i in items] == [  # type: ignore[arg-type]
        [("Bicyclist", 4), ("Road", 1)],
        [("Animal", 3), ("Child", 2)],
    ]


def test_masks_palette_sample_reads_class_indices_and_pairs_masks_in_sub_folders() -> None:
    dataset, items = read(corpus_or_skip("segmentation_masks/lf_pascalvoc_semantic_subdir"))
    names = {label.id: label.name for label in dataset.labels}
    assert len(dataset.labels) == 21  # 22 class ids, the background excluded
    assert [(i.name, i.width, i.height) for i in items] == [
        ("2007_000032.jpg", 500, 281),
        ("subdir/2007_000033.jpg", 500, 366),
    ]
    assert [sorted(names[s.label_id] for s in i.shapes) for i in items] == [
        ["aeroplane", "person", "void"],
        ["aeroplane", "void"],
    ]
    assert all(i.image is not None for i in items)


@pytest.mark.parametrize("sample", ["dm_common_semantic_segmentation", "lf_pascalvoc_semantic_subdir"])
@pytest.mark.parametrize("mode", ["palette", "color"])
def test_masks_samples_survive_export_and_reimport(sample: str, mode: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(f"segmentation_masks/{sample}"))
    FORMAT.write(
        Dataset(dataset.labels, items),
        FolderOutput(tmp_path),
        WriteOptions(with_images=True, extra={"mode": mode}),
    )
    again, again_items = read(tmp_path)
    assert classes(again, again_items) == classes(dataset, items)
    assert [(x.name, x.color) for x in again.labels] == [(x.name, x.color) for x in dataset.labels]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    labels = tuple(
        Label(n, c, LabelKind.ANY, id=i)
        for i, (n, c) in enumerate([("sky", "#0000ff"), ("road", "#808080"), ("car", "#ff0000")])
    )
    items = []
    for frame in range(draw(st.integers(1, 3))):
        shapes = []
        for n in range(draw(st.integers(0, 3))):
            h, w = draw(st.integers(1, 4)), draw(st.integers(1, 4))
            bits = np.array(
                draw(st.lists(st.booleans(), min_size=h * w, max_size=h * w)), dtype=bool
            ).reshape(h, w)
            geometry = mask.encode(bits, draw(st.integers(0, 4)), draw(st.integers(0, 4)))
            shapes.append(Shape(str(n), "mask", draw(st.integers(0, 2)), frame, geometry, z_order=n))
        items.append(Item(f"d/im{frame}.jpg", "", frame, 8, 8, shapes=tuple(shapes)))
    assume(any(i.shapes for i in items))
    return Dataset(labels, items), items


def painted(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    """What a semantic map holds: per pixel, the label of the last mask painted there."""
    out = []
    names = {label.id: label.name for label in dataset.labels}
    for item in items:
        canvas: dict[tuple[int, int], str] = {}
        for s in sorted(item.shapes, key=lambda s: s.z_order):
            g = s.geometry
            assert isinstance(g, mask.MaskGeometry)
            rows, cols = np.nonzero(mask.decode(g))
            for r, c in zip((rows + g.y1).tolist(), (cols + g.x1).tolist(), strict=True):
                canvas[(r, c)] = names[s.label_id]
        if canvas:  # without images, an item is named after its mask file: compare stems
            out.append((str(PurePosixPath(item.name).with_suffix("")), sorted(canvas.items())))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets(), mode=st.sampled_from(["palette", "color"]))
def test_masks_round_trip_keeps_what_the_semantic_map_shows(
    generated: tuple[Dataset, list[Item]], mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    folder = tmp_path_factory.mktemp("masks")
    FORMAT.write(dataset, FolderOutput(folder), WriteOptions(extra={"mode": mode}))
    again, again_items = read(folder)
    assert painted(again, again_items) == painted(dataset, items)


def _dataset(tmp_path: Path, meta: dict[str, Any], pixels: np.ndarray) -> Path:
    (tmp_path / "masks").mkdir()
    (tmp_path / "dataset_meta.json").write_text(json.dumps(meta))
    Image.fromarray(pixels.astype(np.uint8)).save(tmp_path / "masks" / "a.png")
    return tmp_path


META = {
    "label_map": {"0": "bg", "1": "cat"},
    "segmentation_colors": [[0, 0, 0], [9, 9, 9]],
    "background_label": "0",
}


@pytest.mark.parametrize(
    ("meta", "pixels", "message"),
    [
        (META, np.array([[0, 1, 7]]), "masks/a.png: class 7 is not in the label map"),
        (
            META,
            np.array([[[0, 0, 0], [1, 2, 3]]]),
            "masks/a.png: colour (1, 2, 3) at pixel (1, 0) is not in the label map",
        ),
        (
            {**META, "label_map": {"0": "bg", "x": "cat"}},
            np.array([[0]]),
            "dataset_meta.json: label_map.x: expected a class index (0..255) and a name, got 'x': 'cat'",
        ),
        (
            {**META, "segmentation_colors": [[0, 0]]},
            np.array([[0]]),
            "dataset_meta.json: segmentation_colors[0]: expected [r, g, b], got [0, 0]",
        ),
        (
            {**META, "background_label": "sky"},
            np.array([[0]]),
            "dataset_meta.json: background_label: background_label 'sky' is not in the label map",
        ),
    ],
)
def test_masks_bad_label_map_or_mask_is_refused_with_its_place(
    tmp_path: Path, meta: dict[str, Any], pixels: np.ndarray, message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        read(_dataset(tmp_path, meta, pixels))
    assert [str(p) for p in caught.value.problems] == [message]


def test_masks_file_that_is_not_a_png_is_refused(tmp_path: Path) -> None:
    _dataset(tmp_path, META, np.array([[0]]))
    (tmp_path / "masks" / "b.png").write_bytes(b"GIF89a not really")
    with pytest.raises(FormatError, match=r"masks/b\.png: not a PNG image"):
        read(tmp_path)


def test_masks_are_detected_by_their_label_map() -> None:
    assert FORMAT.detect(corpus_or_skip("segmentation_masks/dm_common_semantic_segmentation")) == 1.0
    assert FORMAT.detect(corpus_or_skip("voc/dm_voc_dataset1")) == 0.0


@pytest.mark.parametrize(
    "sample",
    ["segmentation_masks/dm_common_semantic_segmentation", "segmentation_masks/lf_pascalvoc_semantic_subdir"],
)
def test_masks_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
