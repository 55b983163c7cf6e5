"""VIA JSON and CSV: the corpus sample in both forms, round trips and located errors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annota.domain.shapes.base import Shape
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.label_book import LabelBook
from annota.formats.output import FolderOutput
from annota.formats.via import FORMAT
from annota.settings import Settings
from annota.storage.db import Database
from tests.domain.strategies import GEOMETRY_FIELDS
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import rounded, through_a_project

SAMPLE = "via/via1_unit_test_shapes"


def read(path: Path, **extra: str) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions(extra=extra))
    return dataset, list(dataset.items)


def described(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    names = {label.id: label.name for label in dataset.labels}
    out = []
    for item in items:
        shapes = sorted(
            (
                names[s.label_id],
                s.kind,
                repr(rounded(get_kind(s.kind).dump(s.geometry))),
                repr(sorted(s.attributes.items())),
            )
            for s in item.shapes
        )
        tags = sorted((names[t.label_id], repr(sorted(t.attributes.items()))) for t in item.tags)
        out.append((item.name, item.width, item.height, shapes, tags))
    return out


@pytest.mark.parametrize("file", ["unit_test_annotation2.json", "unit_test_annotation1.csv"])
def test_via_sample_reads_twelve_regions_of_five_shapes_with_their_attributes(file: str) -> None:
    dataset, items = read(corpus_or_skip(SAMPLE) / file)
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.name, i.width, i.height) for i in items] == [
        ("test_pattern_qbist.jpg", 640, 480), ("sinus_test_pattern.jpg", 640, 480),
        ("a_swan_swimming_in_geneve_lake.jpg", 640, 427),
    ]  # fmt: skip
    assert [len(i.shapes) for i in items] == [8, 1, 3]
    assert Counter(s.kind for i in items for s in i.shapes) == {
        "points": 5,
        "ellipse": 4,
        "rectangle": 2,
        "polygon": 1,
    }
    assert sum("name" in s.attributes for i in items for s in i.shapes) == 9
    assert {names[s.label_id] for i in items for s in i.shapes} == {"region"}
    first = {
        get_kind(s.kind).dump(s.geometry)["points"][0]: s for s in items[0].shapes if s.kind == "ellipse"
    }
    assert (
        first[148].geometry == get_kind("ellipse").parse({"points": [148, 268, 43, 43]}, ())[0]
    )  # the circle
    assert first[252].attributes["name"] == 'ellipse "red"'
    (polygon,) = items[1].shapes
    assert len(get_kind("polygon").dump(polygon.geometry)["points"]) == 22  # 12 vertices, the repeat dropped
    assert [dict(t.attributes) for i in items for t in i.tags] == [
        {"caption": "+-08374*&$£*"}, {"caption": 'a swan in geneve lake"'}, {"caption": "  "},
    ]  # fmt: skip


def test_via_json_and_csv_of_the_sample_read_the_same() -> None:
    folder = corpus_or_skip(SAMPLE)
    assert described(*read(folder / "unit_test_annotation2.json")) == described(
        *read(folder / "unit_test_annotation1.csv")
    )


@pytest.mark.parametrize("variant", ["json", "csv"])
def test_via_sample_survives_export_and_reimport(variant: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(SAMPLE))
    FORMAT.write(
        Dataset(dataset.labels, items),
        FolderOutput(tmp_path),
        WriteOptions(with_images=True, extra={"variant": variant}),
    )
    assert described(*read(tmp_path)) == described(dataset, items)


def test_via_label_attribute_option_names_the_labels(tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(SAMPLE) / "unit_test_annotation2.json", label_attribute="name")
    names = {label.id: label.name for label in dataset.labels}
    assert Counter(names[s.label_id] for s in items[2].shapes) == {
        'ellipse on "yellow"; background': 1, "a 'rect' in \"blue\", background": 1, "a point, in infinity, $, :": 1,  # noqa: E501
    }  # fmt: skip


VIA_KINDS = ["rectangle", "ellipse", "polygon", "polyline"]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    book = LabelBook()
    names = draw(st.lists(st.sampled_from(["cat", "dog", "region"]), min_size=1, max_size=3, unique=True))
    for n in names:
        book.id_for(n)
    tag_label = book.id_for("sunny")
    items = []
    for frame in range(draw(st.integers(1, 3))):
        shapes = []
        for n in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(VIA_KINDS))
            fields = draw(GEOMETRY_FIELDS[kind])
            if kind == "rectangle":
                fields["rotation"] = 0.0
            geometry, _ = get_kind(kind).parse(fields, ())
            assert geometry is not None
            label = draw(st.integers(0, len(names) - 1))
            attributes = draw(
                st.fixed_dictionaries(
                    {}, optional={"note": st.sampled_from(["a", "b c"]), "n": st.integers(0, 5)}
                )
            )
            book.note(label, attributes)
            shapes.append(Shape(str(n), kind, label, frame, geometry, attributes=attributes))
        if draw(st.booleans()):
            geometry, _ = get_kind("points").parse({"points": [1.5, 2.5]}, ())
            assert geometry is not None
            shapes.append(Shape("p", "points", 0, frame, geometry))
        tags = (Tag("t", tag_label, frame, frame, {"weather": "dry"}),) if draw(st.booleans()) else ()
        if tags:
            book.note(tag_label, {"weather": "dry"})
        items.append(Item(f"img{frame}.jpg", "", frame, shapes=tuple(shapes), tags=tags))
    return Dataset(book.labels(), items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets(), variant=st.sampled_from(["json", "csv"]))
def test_via_round_trip_keeps_regions_labels_attributes_and_tags(
    generated: tuple[Dataset, list[Item]], variant: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    folder = tmp_path_factory.mktemp("via")
    FORMAT.write(dataset, FolderOutput(folder), WriteOptions(extra={"variant": variant}))
    assert described(*read(folder)) == described(dataset, items)


def _project(*regions: dict[str, Any], **entry: Any) -> dict[str, Any]:
    image = {"filename": "a.jpg", "size": 10, "regions": list(regions), "file_attributes": {}, **entry}
    return {"_via_settings": {}, "_via_img_metadata": {"a.jpg10": image}, "_via_attributes": {}}


def _rect(**shape: Any) -> dict[str, Any]:
    return {
        "shape_attributes": {"name": "rect", "x": 1, "y": 1, "width": 2, "height": 2, **shape},
        "region_attributes": {},
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            _project(_rect(width="2")),
            "via.json: _via_img_metadata.a.jpg10.regions[0].shape_attributes.width: expected a number, got string",  # noqa: E501
        ),
        (
            _project(_rect(name="triangle")),
            "via.json: _via_img_metadata.a.jpg10.regions[0].shape_attributes.name: shape 'triangle' is unsupported; expected one of rect, circle, ellipse, polygon, polyline, point",  # noqa: E501
        ),
        (
            _project(_rect(width=-2)),
            "via.json: _via_img_metadata.a.jpg10.regions[0].shape_attributes.points: rectangle needs x1 < x2 and y1 < y2, got [1.0, 1.0, -1.0, 3.0]",  # noqa: E501
        ),
        (
            _project(
                {
                    "shape_attributes": {
                        "name": "polygon",
                        "all_points_x": [1, 2, 3],
                        "all_points_y": [1, 2],
                    },
                    "region_attributes": {},
                }
            ),
            "via.json: _via_img_metadata.a.jpg10.regions[0].shape_attributes: 3 x values but 2 y values",
        ),
        (
            _project(
                {"shape_attributes": {"name": "point", "cx": 1, "cy": 2}, "region_attributes": {"label": 3}}
            ),
            "via.json: _via_img_metadata.a.jpg10.regions[0].region_attributes.label: the label attribute 'label' must be text, got integer",  # noqa: E501
        ),
        (
            _project(
                {"shape_attributes": {"name": "point", "cx": 1, "cy": 2}, "region_attributes": {"x": [1]}}
            ),
            "via.json: _via_img_metadata.a.jpg10.regions[0].region_attributes.x: expected a string, number, boolean or checkbox object, got list",  # noqa: E501
        ),
        (
            _project(filename="../a.jpg"),
            "via.json: _via_img_metadata.a.jpg10.filename: '..' is not allowed in a path",
        ),
    ],
)
def test_via_bad_json_is_refused_with_a_located_problem(
    tmp_path: Path, document: dict[str, Any], message: str
) -> None:
    (tmp_path / "via.json").write_text(json.dumps(document))
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            'a.jpg,1,"{}",1,0,"{""name"":""rect"",""x"":1}","{}"',
            "via.csv:2: region_shape_attributes.y: expected a number, got null",
        ),
        (
            'a.jpg,1,"{}",1,0,"{""name"":""rect""","{}"',
            "via.csv:2: column 6 (region_shape_attributes): invalid JSON: unexpected end of data",
        ),
        ("a.jpg,1,{}", "via.csv:2: expected 7 columns, got 3"),
    ],
)
def test_via_bad_csv_row_is_refused_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    header = (
        "filename,file_size,file_attributes,region_count,region_id,region_shape_attributes,region_attributes"
    )
    (tmp_path / "via.csv").write_text(f"{header}\n{row}\n")
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems][:1] == [message]


def test_via_checkbox_file_attribute_of_labels_gives_one_tag_per_checked_label(tmp_path: Path) -> None:
    document = _project(file_attributes={"label": {"cat": True, "dog": False, "cow": True}, "light": "dim"})
    (tmp_path / "via.json").write_text(json.dumps(document))
    dataset, items = read(tmp_path)
    names = {label.id: label.name for label in dataset.labels}
    assert sorted((names[t.label_id], dict(t.attributes)["light"]) for t in items[0].tags) == [
        ("cat", "dim"),
        ("cow", "dim"),
    ]


def test_via_detects_a_project_with_certainty() -> None:
    assert FORMAT.detect(corpus_or_skip(SAMPLE) / "unit_test_annotation1.csv") == 1.0
    assert FORMAT.detect(corpus_or_skip("labelme/lm_primitives_all_shape_types")) == 0.0


@pytest.mark.parametrize("sample", ["via/via1_unit_test_shapes"])
def test_via_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
