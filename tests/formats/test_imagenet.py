"""ImageNet class folders: the corpus samples, round trips and refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.tags import Tag
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.imagenet import FORMAT
from annota.formats.label_book import LabelBook
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import through_a_project


def tagged(dataset: Dataset) -> list[tuple[str, int | None, int | None, list[str]]]:
    names = {label.id: label.name for label in dataset.labels}
    return [(i.name, i.width, i.height, sorted(names[t.label_id] for t in i.tags)) for i in dataset.items]


def test_imagenet_simple_sample_tags_each_image_with_its_folder() -> None:
    dataset = FORMAT.read(corpus_or_skip("imagenet/cdm_imagenet_simple"), ReadOptions())
    assert tagged(dataset) == [
        ("label_0/label_0_1.jpg", 8, 8, ["label_0"]),
        ("label_0/label_0_2.jpg", 10, 10, ["label_0"]),
        ("label_1/label_1_1.jpg", 8, 8, ["label_1"]),
    ]


def test_imagenet_nested_folders_are_labels_and_top_images_have_none() -> None:
    dataset = FORMAT.read(corpus_or_skip("imagenet/dm_imagenet_nested_and_root_images"), ReadOptions())
    assert sorted(label.name for label in dataset.labels) == ["label_0", "label_1", "label_1/label_1_1"]
    assert sorted(tagged(dataset)) == [
        ("label_0/label_0_1.jpg", 8, 8, ["label_0"]),
        ("label_0_2.jpg", 10, 10, []),
        ("label_1/label_1_1.jpg", 8, 8, ["label_1"]),
        ("label_1/label_1_1/label_1_1.jpg", 8, 8, ["label_1/label_1_1"]),
    ]


@pytest.mark.parametrize("name", ["cdm_imagenet_simple", "dm_imagenet_nested_and_root_images"])
def test_imagenet_samples_survive_export_and_reimport(name: str, tmp_path: Path) -> None:
    original = FORMAT.read(corpus_or_skip(f"imagenet/{name}"), ReadOptions())
    items = list(original.items)
    FORMAT.write(Dataset(original.labels, items), FolderOutput(tmp_path), WriteOptions())
    again = FORMAT.read(tmp_path, ReadOptions())
    assert sorted(tagged(again)) == sorted(tagged(Dataset(original.labels, items)))


def test_imagenet_is_likely_for_class_folders_and_possible_for_subset_folders() -> None:
    assert FORMAT.detect(corpus_or_skip("imagenet/cdm_imagenet_simple")) == 0.8
    classify = corpus_or_skip("yolo_ultralytics_classification/cdm_yolov8_classification")
    assert FORMAT.detect(classify) == 0.4
    assert FORMAT.detect(corpus_or_skip("voc/dm_voc_dataset1")) == 0.0


@st.composite
def datasets(draw: st.DrawFn, image: Path) -> Dataset:
    book = LabelBook()
    names = draw(st.lists(st.sampled_from(["cat", "dog", "a b", "x/y"]), min_size=1, max_size=3, unique=True))
    for name in names:
        book.id_for(name)
    items = []
    for frame in range(draw(st.integers(1, 5))):
        chosen = draw(st.sets(st.integers(0, len(names) - 1), max_size=2))
        tags = tuple(Tag(str(t), t, frame, frame) for t in sorted(chosen))
        items.append(Item(f"img{frame}.png", "", frame, 3, 2, image, tags=tags))
    return Dataset(book.labels(), items)


@pytest.fixture(scope="module")
def png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("png") / "a.png"
    Image.new("RGB", (3, 2)).save(path)
    return path


def test_imagenet_round_trip_copies_an_image_once_per_tag(
    png: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(dataset=datasets(png))
    def check(dataset: Dataset) -> None:
        folder = tmp_path_factory.mktemp("imagenet")
        items = list(dataset.items)
        FORMAT.write(Dataset(dataset.labels, items), FolderOutput(folder), WriteOptions())
        again = FORMAT.read(folder, ReadOptions())
        names = {label.id: label.name for label in dataset.labels}
        expected = sorted(
            (f"{names[t.label_id]}/{i.name}", [names[t.label_id]]) for i in items for t in i.tags
        ) + sorted((i.name, []) for i in items if not i.tags)
        got = [(name, labels) for name, _, _, labels in tagged(again)]
        assert sorted(got) == sorted(expected)

    check()


def test_imagenet_two_items_with_one_file_name_in_one_class_are_both_kept(png: Path, tmp_path: Path) -> None:
    book = LabelBook()
    cat = book.id_for("cat")
    items = [
        Item(f"{folder}/a.png", "", n, image=png, tags=(Tag(str(n), cat, n, n),))
        for n, folder in enumerate("xy")
    ]
    FORMAT.write(Dataset(book.labels(), items), FolderOutput(tmp_path), WriteOptions())
    assert sorted(p.name for p in (tmp_path / "cat").iterdir()) == ["a.png", "a_1.png"]


def test_imagenet_unreadable_image_is_refused_with_its_name(tmp_path: Path, png: Path) -> None:
    (tmp_path / "cat").mkdir()
    shutil.copy(png, tmp_path / "cat" / "good.png")
    (tmp_path / "cat" / "bad.jpg").write_bytes(b"not an image")
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == ["cat/bad.jpg: not a readable image"]


def test_imagenet_folder_without_images_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no image found"):
        FORMAT.read(tmp_path, ReadOptions())


@pytest.mark.parametrize(
    "sample", ["imagenet/cdm_imagenet_simple", "imagenet/dm_imagenet_nested_and_root_images"]
)
def test_imagenet_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
