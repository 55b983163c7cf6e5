"""Pascal VOC: the corpus samples, round trips in both layouts and located errors."""

from __future__ import annotations

import shutil
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
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.formats.base import Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.label_book import LabelBook
from annota.formats.output import FolderOutput
from annota.formats.voc import FORMAT
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import stored, through_a_project

ACTIONS_ON = {"other", "phoning", "reading", "ridinghorse", "takingphoto", "walking"}
ACTIONS_OFF = {"jumping", "playinginstrument", "ridingbike", "running", "usingcomputer"}


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
                repr(get_kind(s.kind).dump(s.geometry)),
                repr(sorted(s.attributes.items())),
                s.occluded,
                s.group is not None,
            )
            for s in item.shapes
        )
        out.append(
            (
                item.subset,
                item.name,
                item.width,
                item.height,
                shapes,
                sorted(names[t.label_id] for t in item.tags),
            )
        )
    return sorted(out)


def write_and_read(
    dataset: Dataset, items: list[Item], folder: Path, **extra: str
) -> tuple[Dataset, list[Item]]:
    FORMAT.write(
        Dataset(dataset.labels, items), FolderOutput(folder), WriteOptions(with_images=True, extra=extra)
    )
    return read(folder)


def test_voc_full_sample_reads_objects_parts_actions_tags_and_the_instance_mask() -> None:
    dataset, items = read(corpus_or_skip("voc/dm_voc_dataset1"))
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.subset, i.name, i.width, i.height) for i in items] == [
        ("test", "2007_000002.jpg", 20, 10),
        ("train", "2007_000001.jpg", 20, 10),
    ]
    first = items[1]
    boxes = {names[s.label_id]: s for s in first.shapes if s.kind == "rectangle"}
    assert set(boxes) == {"cat", "person", "head"}
    cat, person, head = boxes["cat"], boxes["person"], boxes["head"]
    assert cat.geometry == RectangleGeometry(1, 2, 3, 4)
    assert dict(cat.attributes) == {"pose": "Unspecified", "truncated": True, "difficult": False}
    assert person.geometry == RectangleGeometry(4, 5, 6, 7)
    assert {k for k, v in person.attributes.items() if v is True} == ACTIONS_ON
    assert {k for k, v in person.attributes.items() if v is False} == ACTIONS_OFF
    assert head.geometry == RectangleGeometry(5.5, 6, 7.5, 8)
    assert head.group == person.group is not None and cat.group is None
    assert sorted(names[t.label_id] for t in first.tags) == sorted(
        [
            "aeroplane",
            "bird",
            "bottle",
            "car",
            "chair",
            "diningtable",
            "horse",
            "ignored",
            "person",
            "sheep",
            "train",
        ]
    )
    (bicycle,) = [s for s in first.shapes if s.kind == "mask"]
    assert names[bicycle.label_id] == "bicycle"
    assert isinstance(bicycle.geometry, mask.MaskGeometry) and mask.area(bicycle.geometry) == 20 * 10
    assert not items[0].shapes and not items[0].tags
    assert all(i.image is not None for i in items)


def test_voc_minimal_sample_skips_the_comment_line_of_its_list() -> None:
    dataset, items = read(corpus_or_skip("voc/dm_voc_dataset3_minimal"))
    (item,) = items
    assert (item.subset, item.name, item.width, item.height) == ("train", "2007_000001.jpg", 20, 10)
    (cat,) = item.shapes
    assert [label.name for label in dataset.labels] == ["cat"]
    assert cat.geometry == RectangleGeometry(1, 2, 3, 4)
    assert dict(cat.attributes) == {"pose": "Unspecified", "truncated": True, "difficult": False}


def test_voc_flat_sample_reads_file_names_with_spaces_and_dots() -> None:
    dataset, items = read(corpus_or_skip("voc/lf_pascalvoc_weird_filenames"))
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.name, i.width, i.height) for i in items] == [
        ("a-weird Filename.asdf.jpg", 640, 416),
        ("aNother-weird__ filename.with.many.characters.jpg", 640, 428),
    ]
    assert [Counter(names[s.label_id] for s in i.shapes) for i in items] == [
        {"person": 4, "bench": 2, "bicycle with space": 1, "dog": 1},
        {"snowboard": 6, "bicycle with space": 1, "person": 1},
    ]


def test_voc_detects_the_full_layout_with_certainty_and_a_flat_folder_as_likely() -> None:
    assert FORMAT.detect(corpus_or_skip("voc/dm_voc_dataset1")) == 1.0
    assert FORMAT.detect(corpus_or_skip("voc/lf_pascalvoc_weird_filenames")) == 0.8
    assert FORMAT.detect(corpus_or_skip("cvat_images/dm_cvat_export_project_subsets")) == 0.0


@pytest.mark.parametrize(
    ("sample", "layout"),
    [
        ("dm_voc_dataset1", "full"),
        ("dm_voc_dataset3_minimal", "full"),
        ("lf_pascalvoc_weird_filenames", "flat"),
    ],
)
def test_voc_samples_survive_export_and_reimport(sample: str, layout: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(f"voc/{sample}"))
    again, again_items = write_and_read(dataset, items, tmp_path, layout=layout)
    assert described(again, again_items) == described(dataset, items)


def test_voc_export_writes_palette_masks_and_a_label_map(tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip("voc/dm_voc_dataset1"))
    write_and_read(dataset, items, tmp_path)
    class_png = Image.open(tmp_path / "SegmentationClass" / "2007_000001.png")
    assert class_png.mode == "P"
    bicycle = 1 + [label.name for label in dataset.labels].index("bicycle")
    assert set(np.unique(np.asarray(class_png)).tolist()) == {bicycle}
    assert "bicycle:0,128,0::" in (tmp_path / "labelmap.txt").read_text()
    assert (tmp_path / "ImageSets" / "Main" / "ignored_train.txt").read_text() == "2007_000001  1\n"


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    book = LabelBook()
    names = draw(
        st.lists(st.sampled_from(["cat", "dog", "person", "a b"]), min_size=1, max_size=3, unique=True)
    )
    for n in names:
        book.id_for(n)
    head = book.id_for("head")
    items = []
    for subset in draw(st.lists(st.sampled_from(["", "train", "val"]), min_size=1, max_size=2, unique=True)):
        for frame in range(draw(st.integers(1, 3))):
            shapes: list[Shape] = []
            for n in range(draw(st.integers(0, 3))):
                label = draw(st.integers(0, len(names) - 1))
                x, y = float(draw(st.integers(0, 50))), float(draw(st.integers(0, 50)))
                w, h = float(draw(st.integers(1, 20))), draw(st.floats(0.5, 20).map(lambda v: round(v, 2)))
                attributes = draw(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "pose": st.sampled_from(["Left", "Frontal"]),
                            "truncated": st.booleans(),
                            "difficult": st.booleans(),
                            "jumping": st.booleans(),
                            "note": st.sampled_from(["x", "long text"]),
                            "count": st.integers(0, 9),
                        },
                    )
                )
                book.note(label, attributes)
                group = (
                    len(shapes) + 1 if draw(st.booleans()) else None
                )  # VOC groups an object with its parts
                box = RectangleGeometry(x, y, x + w, y + h)
                occluded = draw(st.booleans())
                shapes.append(
                    Shape(
                        f"{n}",
                        "rectangle",
                        label,
                        frame,
                        box,
                        occluded=occluded,
                        attributes=attributes,
                        group=group,
                    )
                )
                if group is not None:
                    shapes.append(
                        Shape(
                            f"{n}h",
                            "rectangle",
                            head,
                            frame,
                            RectangleGeometry(x, y, x + 1.0, y + 1.0),
                            group=group,
                        )
                    )
            for n in range(draw(st.integers(0, 2))):  # disjoint: masks are painted into one image
                r0 = draw(st.integers(6 * n, 6 * n + 5))
                r1 = draw(st.integers(r0 + 1, 6 * n + 6))
                c0 = draw(st.integers(0, 15))
                c1 = draw(st.integers(c0 + 1, 16))
                bits = np.ones((r1 - r0, c1 - c0), dtype=bool)
                if bits.shape[0] > 2 and bits.shape[1] > 2 and draw(st.booleans()):
                    bits[1, 1] = False
                label = draw(st.integers(0, len(names) - 1))
                shapes.append(Shape(f"m{n}", "mask", label, frame, mask.encode(bits, c0, r0), z_order=n))
            tags = tuple(
                Tag(f"t{t}", t, frame, frame)
                for t in draw(st.sets(st.integers(0, len(names) - 1), max_size=2))
            )
            items.append(
                Item(f"{subset}im{frame}.jpg", subset, frame, 16, 12, shapes=tuple(shapes), tags=tags)
            )
    return Dataset(book.labels(), items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_voc_round_trip_keeps_boxes_parts_attributes_masks_tags_and_subsets(
    generated: tuple[Dataset, list[Item]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    again, again_items = write_and_read(dataset, items, tmp_path_factory.mktemp("voc"))
    assert described(again, again_items) == described(dataset, items)


def _full(tmp_path: Path, xml: str, *lists: tuple[str, str]) -> Path:
    (tmp_path / "Annotations").mkdir()
    (tmp_path / "Annotations" / "a.xml").write_text(xml)
    for name, text in lists:
        path = tmp_path / "ImageSets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _object(box: str = "<xmin>1</xmin><ymin>1</ymin><xmax>3</xmax><ymax>4</ymax>", extra: str = "") -> str:
    obj = f"<object><name>cat</name><bndbox>{box}</bndbox>{extra}</object>"
    return f"<annotation><filename>a.jpg</filename>{obj}</annotation>"


@pytest.mark.parametrize(
    ("xml", "lists", "message"),
    [
        (
            "<annotation><object>\n<name>cat</name>\n</objet></annotation>",
            (),
            "Annotations/a.xml:3: invalid XML: mismatched tag",
        ),
        ("<annotations/>", (), "Annotations/a.xml: expected an <annotation> document, got <annotations>"),
        (
            _object("<xmin>1</xmin><ymin>x</ymin><xmax>3</xmax><ymax>4</ymax>"),
            (),
            "Annotations/a.xml: object[0].bndbox.ymin: expected a number, got 'x'",
        ),
        (
            _object("<xmin>3</xmin><ymin>1</ymin><xmax>3</xmax><ymax>4</ymax>"),
            (),
            "Annotations/a.xml: object[0].bndbox: the box needs xmin < xmax and ymin < ymax, got (3, 1, 3, 4)",  # noqa: E501
        ),
        (
            _object().replace("<name>cat</name>", ""),
            (),
            "Annotations/a.xml: object[0].name: an object needs a <name>",
        ),
        (
            _object(extra="<truncated>maybe</truncated>"),
            (),
            "Annotations/a.xml: object[0].truncated: expected 0 or 1, got 'maybe'",
        ),
        (
            _object(extra="<part><name>head</name></part>"),
            (),
            "Annotations/a.xml: object[0].part[0].bndbox: missing <bndbox>",
        ),
        (
            "<annotation><size><width>-4</width></size></annotation>",
            (),
            "Annotations/a.xml: size.width: expected a positive whole number, got '-4'",
        ),
        (
            _object(),
            (("Main/train.txt", "a\n../../etc/passwd\n"),),
            "ImageSets/Main/train.txt:2: '..' is not allowed in a path",
        ),
        (
            _object(),
            (("Main/cat_train.txt", "a 1\nb 2\n"),),
            "ImageSets/Main/cat_train.txt:2: expected '<image id> <1|0|-1>'",
        ),
    ],
)
def test_voc_bad_annotation_is_refused_with_a_located_problem(
    tmp_path: Path, xml: str, lists: tuple[tuple[str, str], ...], message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        FORMAT.read(_full(tmp_path, xml, *lists), ReadOptions())
    assert [str(p)[: len(message)] for p in caught.value.problems] == [message]


def test_voc_entity_bomb_is_refused_as_hostile(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">'
    bomb = f'<?xml version="1.0"?><!DOCTYPE a [{entities}]><annotation>&b;</annotation>'
    with pytest.raises(FormatError) as caught:
        FORMAT.read(_full(tmp_path, bomb), ReadOptions())
    assert [str(p) for p in caught.value.problems] == ["Annotations/a.xml: refused hostile XML: DTDForbidden"]


def _segmented(tmp_path: Path, classes: np.ndarray, objects: np.ndarray | None = None) -> Path:
    _full(tmp_path, _object())
    (tmp_path / "SegmentationClass").mkdir()
    Image.fromarray(classes.astype(np.uint8)).save(tmp_path / "SegmentationClass" / "a.png")
    if objects is not None:
        (tmp_path / "SegmentationObject").mkdir()
        Image.fromarray(objects.astype(np.uint8)).save(tmp_path / "SegmentationObject" / "a.png")
    return tmp_path


def test_voc_class_mask_alone_gives_one_mask_per_class_without_background_and_void(tmp_path: Path) -> None:
    classes = np.array([[0, 8, 8], [12, 255, 8]])
    dataset, items = read(_segmented(tmp_path, classes))
    names = {label.id: label.name for label in dataset.labels}
    masks = {names[s.label_id]: mask.area(s.geometry) for s in items[0].shapes if s.kind == "mask"}  # type: ignore[arg-type]
    assert masks == {"cat": 3, "dog": 1}


def test_voc_instances_take_the_class_most_of_their_pixels_have(tmp_path: Path) -> None:
    classes = np.array([[8, 8, 12], [8, 0, 12]])
    objects = np.array([[1, 1, 2], [1, 0, 2]])
    dataset, items = read(_segmented(tmp_path, classes, objects))
    names = {label.id: label.name for label in dataset.labels}
    assert sorted(names[s.label_id] for s in items[0].shapes if s.kind == "mask") == ["cat", "dog"]


@pytest.mark.parametrize(
    ("classes", "objects", "message"),
    [
        (
            np.array([[0, 30]]),
            None,
            "SegmentationClass/a.png: class index 30 is not in the label map (21 classes)",
        ),
        (
            np.array([[0, 0]]),
            np.array([[0, 1]]),
            "SegmentationObject/a.png: instance 1 has no class in SegmentationClass",
        ),
        (np.array([[0, 8]]), np.array([[0, 1, 1]]), "SegmentationObject/a.png: is 3x1, its class mask 2x1"),
    ],
)
def test_voc_inconsistent_masks_are_refused(
    tmp_path: Path, classes: np.ndarray, objects: np.ndarray | None, message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        read(_segmented(tmp_path, classes, objects))
    assert [str(p) for p in caught.value.problems] == [message]


def test_voc_rgb_mask_colour_outside_the_label_map_is_located(tmp_path: Path) -> None:
    _full(tmp_path, _object())
    (tmp_path / "SegmentationClass").mkdir()
    Image.fromarray(np.array([[[0, 0, 0], [1, 2, 3]]], dtype=np.uint8)).save(
        tmp_path / "SegmentationClass" / "a.png"
    )
    with pytest.raises(FormatError) as caught:
        read(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "SegmentationClass/a.png: colour (1, 2, 3) at pixel (1, 0) is not in the label map"
    ]


def test_voc_custom_label_map_gives_the_classes_their_colours_and_order(tmp_path: Path) -> None:
    _full(tmp_path, _object())
    (tmp_path / "labelmap.txt").write_text(
        "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncat:10,20,30::\nrock:1,2,3::\n"
    )
    (tmp_path / "SegmentationClass").mkdir()
    Image.fromarray(np.array([[[0, 0, 0], [1, 2, 3]]], dtype=np.uint8)).save(
        tmp_path / "SegmentationClass" / "a.png"
    )
    dataset, items = read(tmp_path)
    assert [(label.name, label.color) for label in dataset.labels] == [
        ("cat", "#0a141e"),
        ("rock", "#010203"),
    ]
    assert sorted(s.kind for s in items[0].shapes) == ["mask", "rectangle"]


def test_voc_label_map_with_a_bad_colour_is_located_by_line(tmp_path: Path) -> None:
    _full(tmp_path, _object())
    (tmp_path / "labelmap.txt").write_text("background:0,0,0::\ncat:10,20::\n")
    with pytest.raises(FormatError) as caught:
        read(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "labelmap.txt:2: expected a colour as r,g,b (0..255), got '10,20'"
    ]


def test_voc_single_xml_file_can_be_read_alone(tmp_path: Path) -> None:
    shutil.copy(
        corpus_or_skip("voc/dm_voc_dataset3_minimal") / "Annotations" / "2007_000001.xml", tmp_path / "x.xml"
    )
    _, items = read(tmp_path / "x.xml")
    assert [(i.name, len(i.shapes)) for i in items] == [("x.jpg", 1)]


@pytest.mark.parametrize("sample", ["voc/dm_voc_dataset1", "voc/dm_voc_dataset3_minimal"])
def test_voc_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first


def test_voc_flat_sample_with_its_images_goes_through_a_project_and_back(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "in"
    shutil.copytree(corpus_or_skip("voc/lf_pascalvoc_weird_filenames"), path)
    for image in (corpus_or_skip("coco/lf_coco_detection_weird_filenames") / "data").iterdir():
        shutil.copy(image, path / image.name)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first
    assert sum(stored(database, "first")["shapes"].values()) == 16
