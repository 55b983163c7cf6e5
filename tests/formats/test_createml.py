"""CreateML JSON: the corpus sample, round trips and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annota.domain.shapes.base import Shape
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.createml import FILE, FORMAT
from annota.formats.label_book import LabelBook
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import through_a_project


def boxes(dataset: Dataset) -> list[tuple[str, str, str, tuple[float, ...]]]:
    names = {label.id: label.name for label in dataset.labels}
    out = []
    for item in dataset.items:
        for shape in item.shapes:
            g = shape.geometry
            assert isinstance(g, RectangleGeometry)
            out.append((item.subset, item.name, names[shape.label_id], (g.x1, g.y1, g.x2, g.y2)))
    return out


def write_and_read(dataset: Dataset, folder: Path, with_images: bool = False) -> Dataset:
    FORMAT.write(dataset, FolderOutput(folder), WriteOptions(with_images=with_images))
    return FORMAT.read(folder, ReadOptions())


def test_createml_sample_reads_centre_coordinates_as_pixel_boxes() -> None:
    dataset = FORMAT.read(corpus_or_skip("createml/dm_roboflow_createml_train"), ReadOptions())
    items = list(dataset.items)
    assert [(i.name, i.width, i.height) for i in items] == [
        ("train_001.jpg", 10, 5),
        ("train_002.jpg", 10, 5),
    ]
    assert boxes(Dataset(dataset.labels, items)) == [
        ("", "train_001.jpg", "label_0", (0.5, 0.5, 3.5, 1.5)),
        ("", "train_002.jpg", "label_1", (-1.0, -2.0, 1.0, 2.0)),
    ]
    assert all(i.image is not None and i.image.is_file() for i in items)


def test_createml_sample_is_detected_with_certainty() -> None:
    assert FORMAT.detect(corpus_or_skip("createml/dm_roboflow_createml_train")) == 1.0


def test_createml_sample_survives_export_with_images_and_reimport(tmp_path: Path) -> None:
    original = FORMAT.read(corpus_or_skip("createml/dm_roboflow_createml_train"), ReadOptions())
    items = list(original.items)
    again = write_and_read(Dataset(original.labels, items), tmp_path, with_images=True)
    again_items = list(again.items)
    assert boxes(Dataset(again.labels, again_items)) == boxes(Dataset(original.labels, items))
    assert [(i.width, i.height) for i in again_items] == [(10, 5), (10, 5)]
    assert json.loads((tmp_path / FILE).read_text())[0]["annotations"][0]["coordinates"] == {
        "x": 2.0,
        "y": 1.0,
        "width": 3.0,
        "height": 1.0,
    }


coordinate = st.floats(-1e4, 1e4, allow_nan=False).map(lambda v: round(v, 3))
extent = st.floats(0.01, 1e3, allow_nan=False).map(lambda v: round(v, 3))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    book = LabelBook()
    label_names = draw(
        st.lists(
            st.text("abc xyz", min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=3, unique=True
        )
    )
    for name in label_names:
        book.id_for(name)
    items = []
    for subset in draw(st.lists(st.sampled_from(["", "train", "val"]), unique=True, min_size=1)):
        for frame in range(draw(st.integers(0, 3))):
            shapes = []
            for n in range(draw(st.integers(0, 3))):
                x, y, w, h = draw(coordinate), draw(coordinate), draw(extent), draw(extent)
                label = draw(st.integers(0, len(label_names) - 1))
                shapes.append(Shape(str(n), "rectangle", label, frame, RectangleGeometry(x, y, x + w, y + h)))
            items.append(Item(f"img {frame}.jpg", subset, frame, shapes=tuple(shapes)))
    return Dataset(book.labels(), items)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(dataset=datasets())
def test_createml_round_trip_keeps_boxes_labels_and_subsets(
    dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("createml")
    again = write_and_read(dataset, folder)
    expected = sorted(boxes(dataset), key=lambda box: box[0])  # subsets come back in folder order
    got = sorted(boxes(again), key=lambda box: box[0])
    assert [e[:3] for e in got] == [e[:3] for e in expected]
    for (_, _, _, a), (_, _, _, b) in zip(got, expected, strict=True):
        assert a == pytest.approx(b, abs=1e-6)


def test_createml_rotated_boxes_are_written_as_their_bounding_box(tmp_path: Path) -> None:
    book = LabelBook()
    label = book.id_for("car")
    shape = Shape("1", "rectangle", label, 0, RectangleGeometry(0.0, 0.0, 4.0, 2.0, 90.0))
    again = write_and_read(Dataset(book.labels(), [Item("a.jpg", shapes=(shape,))]), tmp_path)
    assert boxes(again) == [("", "a.jpg", "car", (1.0, -1.0, 3.0, 3.0))]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"image": "a.jpg"}, f"{FILE}: expected a list of images, got object"),
        ([{"annotations": []}], f"{FILE}: [0].image: expected a string, got null"),
        ([{"image": "../a.jpg", "annotations": []}], f"{FILE}: [0].image: '..' is not allowed in a path"),
        (
            [
                {
                    "image": "a.jpg",
                    "annotations": [
                        {"label": "x", "coordinates": {"x": 1, "y": 1, "width": "2", "height": 1}}
                    ],
                }
            ],
            f"{FILE}: [0].annotations[0].coordinates.width: expected a number, got string",
        ),
        (
            [
                {
                    "image": "a.jpg",
                    "annotations": [
                        {"label": "x", "coordinates": {"x": 1, "y": 1, "width": -2, "height": 1}}
                    ],
                }
            ],
            f"{FILE}: [0].annotations[0].coordinates.width: must be > 0, got -2.0",
        ),
        (
            [{"image": "a.jpg", "annotations": [{"coordinates": {"x": 1, "y": 1, "width": 2, "height": 1}}]}],
            f"{FILE}: [0].annotations[0].label: expected a label name, got null",
        ),
        (
            [{"image": "a.jpg", "annotations": []}, {"image": "a.jpg", "annotations": []}],
            f"{FILE}: [1].image: image 'a.jpg' is listed twice",
        ),
    ],
)
def test_createml_bad_document_is_refused_with_a_located_problem(
    tmp_path: Path, document: object, message: str
) -> None:
    (tmp_path / FILE).write_text(json.dumps(document))
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


def test_createml_invalid_json_is_located_by_line(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text('[\n{"image": "a.jpg",\n "annotations": [}\n]')
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (FILE, 3)


def test_createml_file_above_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text(json.dumps([{"image": "a.jpg", "annotations": []}]))
    with pytest.raises(FormatError, match="more than the limit of 10"):
        FORMAT.read(tmp_path, ReadOptions(max_file_bytes=10))


@pytest.mark.parametrize("sample", ["createml/dm_roboflow_createml_train"])
def test_createml_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
