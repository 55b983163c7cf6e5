"""LabelMe JSON: the corpus samples, round trips and located errors."""

from __future__ import annotations

import base64
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.label_book import LabelBook
from annota.formats.labelme import FORMAT
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.domain.strategies import GEOMETRY_FIELDS
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import through_a_project


def read(path: Path) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions())
    return dataset, list(dataset.items)


def described(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    names = {label.id: label.name for label in dataset.labels}
    out: list[tuple[Any, ...]] = []
    for item in items:
        shapes = sorted(
            (
                names[s.label_id],
                s.kind,
                repr(get_kind(s.kind).dump(s.geometry)),
                repr(sorted(s.attributes.items())),
                repr(s.group),
            )
            for s in item.shapes
        )
        tags = sorted(names[t.label_id] for t in item.tags)
        out.append((item.name, item.width, item.height, shapes, tags))
    return out


def write_and_read(dataset: Dataset, items: list[Item], folder: Path) -> tuple[Dataset, list[Item]]:
    FORMAT.write(Dataset(dataset.labels, items), FolderOutput(folder), WriteOptions(with_images=True))
    return read(folder)


def test_labelme_instance_sample_has_polygons_grouped_into_instances() -> None:
    dataset, items = read(corpus_or_skip("labelme/lm_instance_segmentation"))
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.name, i.width, i.height) for i in items] == [
        ("2011_000003.jpg", 500, 338),
        ("2011_000006.jpg", 500, 375),
        ("2011_000025.jpg", 500, 375),
    ]
    per_image = [Counter(names[s.label_id] for s in i.shapes) for i in items]
    assert per_image == [
        {"person": 3, "bottle": 1, "__ignore__": 1},
        {"person": 4, "chair": 1, "__ignore__": 1, "sofa": 4},
        {"bus": 2, "car": 1},
    ]
    assert sum(len(i.shapes) for i in items) == 18
    assert {s.kind for i in items for s in i.shapes} == {"polygon"}
    assert Counter(s.group for s in items[0].shapes if names[s.label_id] == "person") == {0: 2, None: 1}
    assert {s.group for s in items[1].shapes if names[s.label_id] == "sofa"} == {0}
    assert all(i.image is not None for i in items)


def test_labelme_primitives_sample_maps_every_shape_type() -> None:
    dataset, items = read(corpus_or_skip("labelme/lm_primitives_all_shape_types"))
    names = {label.id: label.name for label in dataset.labels}
    (item,) = items
    assert (item.name, item.width, item.height) == ("primitives.jpg", 560, 450)
    kinds = Counter((names[s.label_id], s.kind) for s in item.shapes)
    assert kinds == {
        ("rectangle", "rectangle"): 2,
        ("circle", "ellipse"): 1,
        ("polygon", "polygon"): 1,
        ("line", "polyline"): 1,
        ("point", "points"): 1,
        ("line_strip", "polyline"): 1,
        ("octagon", "mask"): 1,
    }
    by_label = {names[s.label_id]: s.geometry for s in item.shapes}
    assert get_kind("polygon").dump(by_label["polygon"])["points"] == [69, 318, 45, 403, 173, 406, 198, 321]
    assert len(get_kind("polyline").dump(by_label["line_strip"])["points"]) == 6
    circle = get_kind("ellipse").dump(by_label["circle"])["points"]
    assert circle[:2] == [195, 84] and circle[2] == circle[3] == pytest.approx((30**2 + 41**2) ** 0.5)
    octagon = by_label["octagon"]
    assert isinstance(octagon, mask.MaskGeometry)
    assert (octagon.x1, octagon.y1, octagon.width, octagon.height) == (417, 305, 100, 100)
    assert mask.area(octagon) == 7275


@pytest.mark.parametrize("name", ["lm_instance_segmentation", "lm_primitives_all_shape_types"])
def test_labelme_samples_survive_export_and_reimport(name: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(f"labelme/{name}"))
    again, again_items = write_and_read(dataset, items, tmp_path)
    assert described(again, again_items) == described(dataset, items)
    assert all((tmp_path / i.name).is_file() for i in again_items)


LABELME_KINDS = ["rectangle", "polygon", "polyline", "points", "mask"]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    book = LabelBook()
    names = draw(
        st.lists(
            st.text("ab _-", min_size=1, max_size=4).filter(str.strip), min_size=1, max_size=3, unique=True
        )
    )
    for n in names:
        book.id_for(n)
    items = []
    for frame in range(draw(st.integers(1, 3))):
        shapes = []
        for n in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(LABELME_KINDS))
            fields = draw(GEOMETRY_FIELDS[kind])
            if kind == "rectangle":
                fields["rotation"] = 0.0
            geometry, problems = get_kind(kind).parse(fields, ())
            assert geometry is not None, problems
            label = draw(st.integers(0, len(names) - 1))
            attributes = draw(
                st.dictionaries(st.sampled_from(["truncated", "difficult"]), st.booleans(), max_size=2)
            )
            book.note(label, attributes)
            group = draw(st.none() | st.integers(0, 5))
            shapes.append(Shape(str(n), kind, label, frame, geometry, attributes=attributes, group=group))
        tags = tuple(
            Tag(f"t{t}", t, frame, frame) for t in draw(st.sets(st.integers(0, len(names) - 1), max_size=2))
        )
        items.append(Item(f"dir/img{frame}.jpg", "", frame, 640, 480, shapes=tuple(shapes), tags=tags))
    return Dataset(book.labels(), items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_labelme_round_trip_keeps_every_kind_it_can_hold(
    generated: tuple[Dataset, list[Item]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    again, again_items = write_and_read(dataset, items, tmp_path_factory.mktemp("labelme"))
    assert described(again, again_items) == described(dataset, items)


def test_labelme_rotated_rectangle_is_written_as_its_corner_polygon(tmp_path: Path) -> None:
    book = LabelBook()
    geometry, _ = get_kind("rectangle").parse({"points": [0, 0, 4, 2], "rotation": 90}, ())
    assert geometry is not None
    shape = Shape("1", "rectangle", book.id_for("car"), 0, geometry)
    _, items = write_and_read(Dataset(book.labels(), []), [Item("a.jpg", shapes=(shape,))], tmp_path)
    (written,) = items[0].shapes
    assert written.kind == "polygon"
    assert get_kind("polygon").dump(written.geometry)["points"] == pytest.approx([3, -1, 3, 3, 1, 3, 1, -1])


def _png_b64(bits: np.ndarray) -> str:
    buffer = io.BytesIO()
    Image.fromarray(bits.astype(np.uint8)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _document(*shapes: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {
        "version": "5.7.0",
        "flags": {},
        "shapes": list(shapes),
        "imagePath": "a.jpg",
        "imageData": None,
        "imageHeight": 10,
        "imageWidth": 10,
        **top,
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            _document({"label": "a", "points": [[0, 0], [1, 1], [2, 0]], "shape_type": "triangle"}),
            "a.json: shapes[0].shape_type: shape_type is unsupported: 'triangle'",
        ),
        (
            _document({"label": "a", "points": [[0, 0], [1, 1]], "shape_type": "polygon"}),
            "a.json: shapes[0].points: a polygon has at least 3 points, got 2",
        ),
        (
            _document({"label": "a", "points": [[0, 0], [1]], "shape_type": "line"}),
            "a.json: shapes[0].points[1]: a point is [x, y], got 1 numbers",
        ),
        (
            _document({"label": "a", "points": [[0, 0], [0, 5]], "shape_type": "rectangle"}),
            "a.json: shapes[0].points: rectangle needs x1 < x2 and y1 < y2, got [0.0, 0.0, 0.0, 5.0]",
        ),
        (
            _document({"label": "", "points": [[0, 0]], "shape_type": "point"}),
            "a.json: shapes[0].label: a label name must not be blank",
        ),
        (
            _document(
                {"label": "a", "points": [[0, 0], [3, 3]], "shape_type": "mask", "mask": "not base64!"}
            ),
            "a.json: shapes[0].mask: not a base64 PNG: Only base64 data is allowed",
        ),
        (
            _document(imagePath="../../etc/passwd"),
            "a.json: imagePath: '../../etc/passwd' leads outside the dataset folder",
        ),
        (_document(imageWidth="10"), "a.json: imageWidth: expected an integer, got string"),
        (_document(flags={"x": 1}), "a.json: flags.x: expected a boolean, got integer"),
        (
            _document({"label": "a", "points": [[0, 0]], "shape_type": "point", "flags": {"f": "yes"}}),
            "a.json: shapes[0].flags.f: expected a boolean, got string",
        ),
    ],
)
def test_labelme_bad_document_is_refused_with_a_located_problem(
    tmp_path: Path, document: dict[str, Any], message: str
) -> None:
    (tmp_path / "a.json").write_text(json.dumps(document))
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


def test_labelme_mask_bitmap_above_the_pixel_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (40_000, 40_000)).save(buffer, format="PNG", compress_level=1)
    shape = {
        "label": "a",
        "points": [[0, 0], [1, 1]],
        "shape_type": "mask",
        "mask": base64.b64encode(buffer.getvalue()).decode(),
    }
    (tmp_path / "a.json").write_text(json.dumps(_document(shape)))
    with pytest.raises(FormatError, match="more than the limit of 900000000 pixels"):
        FORMAT.read(tmp_path, ReadOptions())


def test_labelme_two_files_for_one_image_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(_document()))
    (tmp_path / "b.json").write_text(json.dumps(_document()))
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [
        "b.json: imagePath: image 'a.jpg' is already annotated by a.json"
    ]


def test_labelme_image_path_may_climb_to_a_sibling_folder_inside_the_dataset(tmp_path: Path) -> None:
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "a.json").write_text(json.dumps(_document(imagePath="../img/a.jpg")))
    dataset = FORMAT.read(tmp_path, ReadOptions())
    assert [i.name for i in dataset.items] == ["img/a.jpg"]


@pytest.mark.parametrize(
    "sample", ["labelme/lm_instance_segmentation", "labelme/lm_primitives_all_shape_types"]
)
def test_labelme_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first


def test_labelme_is_detected_by_its_shapes_and_does_not_claim_other_json() -> None:
    assert FORMAT.detect(corpus_or_skip("labelme/lm_primitives_all_shape_types")) == 1.0
    assert FORMAT.detect(corpus_or_skip("coco/dm_coco_instances")) == 0.0
    assert FORMAT.detect(corpus_or_skip("label_studio/lss_rectangles")) == 0.0
