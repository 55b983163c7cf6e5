"""Cityscapes: the corpus sample, instance ids, round trips and located errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.cityscapes import FORMAT
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import through_a_project

SAMPLE = "cityscapes/dm_cityscapes_instanceids"
CROWD = (AttributeSpec("is_crowd", AttributeKind.CHECKBOX),)


def read(path: Path) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions())
    return dataset, list(dataset.items)


def pixels(shape: Shape) -> list[tuple[int, int]]:
    g = shape.geometry
    assert isinstance(g, mask.MaskGeometry)
    rows, cols = np.nonzero(mask.decode(g))
    return sorted(zip((rows + g.y1).tolist(), (cols + g.x1).tolist(), strict=True))


def described(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    names = {label.id: label.name for label in dataset.labels}
    return [
        (
            i.subset,
            i.name,
            i.width,
            i.height,
            sorted((names[s.label_id], pixels(s), dict(s.attributes).get("is_crowd")) for s in i.shapes),
        )
        for i in items
    ]


def test_cityscapes_sample_reads_nine_masks_of_plain_label_ids() -> None:
    dataset, items = read(corpus_or_skip(SAMPLE))
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.subset, i.name, i.width, i.height) for i in items] == [
        ("test", "defaultcity/defaultcity_000001_000031_leftImg8bit.png", 5, 1),
        ("test", "defaultcity/defaultcity_000001_000032_leftImg8bit.png", 5, 1),
        ("train", "defaultcity/defaultcity_000002_000045_leftImg8bit.png", 5, 1),
        ("val", "defaultcity/defaultcity_000001_000019_leftImg8bit.png", 5, 1),
    ]
    assert Counter(names[s.label_id] for i in items for s in i.shapes) == {
        "out of roi": 4, "truck": 1, "wall": 1, "train": 1, "person": 1, "ego vehicle": 1,
    }  # fmt: skip
    assert [sorted((names[s.label_id], mask.area(s.geometry)) for s in i.shapes) for i in items] == [  # type: ignore[arg-type]
        [("out of roi", 2), ("truck", 3)],
        [("out of roi", 2), ("train", 2), ("wall", 1)],
        [("out of roi", 4), ("person", 1)],
        [("ego vehicle", 2), ("out of roi", 3)],
    ]
    assert all(s.attributes == {"is_crowd": True} for i in items for s in i.shapes)
    assert all(i.image is not None for i in items)


def test_cityscapes_sample_survives_export_with_images_and_reimport(tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(SAMPLE))
    FORMAT.write(Dataset(dataset.labels, items), FolderOutput(tmp_path), WriteOptions(with_images=True))
    assert described(*read(tmp_path)) == described(dataset, items)
    assert not (tmp_path / "label_colors.txt").exists()


def test_cityscapes_instance_ids_give_one_mask_per_instance(tmp_path: Path) -> None:
    folder = tmp_path / "gtFine" / "train" / "bonn"
    folder.mkdir(parents=True)
    ids = np.array([[26000, 26000, 26001], [7, 0, 26001]], dtype=np.uint16)
    Image.fromarray(ids).save(folder / "bonn_000000_000001_gtFine_instanceIds.png")
    dataset, items = read(tmp_path)
    names = {label.id: label.name for label in dataset.labels}
    (item,) = items
    assert (item.subset, item.name, item.width, item.height) == (
        "train",
        "bonn/bonn_000000_000001_leftImg8bit.png",
        3,
        2,
    )
    assert sorted((names[s.label_id], len(pixels(s)), s.attributes["is_crowd"]) for s in item.shapes) == [
        ("car", 2, False), ("car", 2, False), ("road", 1, True),
    ]  # fmt: skip


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    names = draw(st.sampled_from([["car", "road", "person"], ["car", "robot"]]))
    labels = tuple(Label(n, "#102030", LabelKind.ANY, CROWD, id=i) for i, n in enumerate(names))
    items = []
    for subset in draw(st.lists(st.sampled_from(["", "train"]), min_size=1, max_size=2, unique=True)):
        for frame in range(draw(st.integers(1, 2))):
            shapes = []
            for n in range(draw(st.integers(0, 3))):  # disjoint rows: masks are painted into one map
                x0 = draw(st.integers(0, 5))
                bits = np.ones((1, draw(st.integers(1, 6 - x0))), dtype=bool)
                crowd = draw(st.booleans())
                geometry = mask.encode(bits, x0, n)
                shapes.append(
                    Shape(
                        str(n),
                        "mask",
                        draw(st.integers(0, len(names) - 1)),
                        frame,
                        geometry,
                        attributes={"is_crowd": crowd},
                    )
                )
            crowds = {(s.label_id, True) for s in shapes if s.attributes["is_crowd"]}
            if len(crowds) != sum(1 for s in shapes if s.attributes["is_crowd"]):
                continue  # two crowd regions of one label merge into one
            items.append(Item(f"city/im{frame}_leftImg8bit.png", subset, frame, 6, 4, shapes=tuple(shapes)))
    assume(items)  # an empty dataset writes no file to read back
    return Dataset(labels, items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_cityscapes_round_trip_keeps_instances_crowds_and_splits(
    generated: tuple[Dataset, list[Item]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    folder = tmp_path_factory.mktemp("cityscapes")
    FORMAT.write(dataset, FolderOutput(folder), WriteOptions())
    assert sorted(described(*read(folder))) == sorted(described(dataset, items))


def test_cityscapes_labels_outside_the_table_are_numbered_in_label_colors(tmp_path: Path) -> None:
    labels = (Label("robot", "#0a0b0c", LabelKind.ANY, id=0),)
    shape = Shape("1", "mask", 0, 0, mask.encode(np.ones((1, 2), dtype=bool), 1, 0))
    FORMAT.write(
        Dataset(labels, [Item("x/a.png", "", 0, 4, 1, shapes=(shape,))]),
        FolderOutput(tmp_path),
        WriteOptions(),
    )
    assert (tmp_path / "label_colors.txt").read_text() == "0 0 0 unlabeled\n10 11 12 robot\n"
    dataset, items = read(tmp_path)
    assert [(label.name, label.color) for label in dataset.labels] == [("robot", "#0a0b0c")]
    assert [(i.name, len(i.shapes)) for i in items] == [("x/a_leftImg8bit.png", 1)]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (
            np.array([[99, 0]], dtype=np.uint8),
            "gtFine/val/c/c_1_gtFine_instanceIds.png: label id 99 (value 99) is not a Cityscapes label",
        ),
        (
            np.array([[[1, 2, 3]]], dtype=np.uint8),
            "gtFine/val/c/c_1_gtFine_instanceIds.png: expected a grey or palette image of ids, got a colour image",  # noqa: E501
        ),
    ],
)
def test_cityscapes_bad_map_is_refused_with_its_file(tmp_path: Path, ids: np.ndarray, message: str) -> None:
    folder = tmp_path / "gtFine" / "val" / "c"
    folder.mkdir(parents=True)
    Image.fromarray(ids).save(folder / "c_1_gtFine_instanceIds.png")
    with pytest.raises(FormatError) as caught:
        read(tmp_path)
    assert [str(p) for p in caught.value.problems] == [message]


def test_cityscapes_is_detected_by_its_folders() -> None:
    assert FORMAT.detect(corpus_or_skip(SAMPLE)) == 1.0
    assert FORMAT.detect(corpus_or_skip("voc/dm_voc_dataset1")) == 0.0


@pytest.mark.parametrize("sample", ["cityscapes/dm_cityscapes_instanceids"])
def test_cityscapes_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
