"""Datumaro 1.0 JSON: the corpus samples, round trips of every kind and located errors."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.formats import png_masks
from annota.formats.base import (
    Dataset,
    FormatError,
    Item,
    ReadOptions,
    WriteOptions,
    coerce_attributes,
    infer_attribute_specs,
)
from annota.formats.datumaro import FORMAT
from annota.formats.lossy import warnings_of
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.domain.strategies import GEOMETRY_FIELDS, attribute_values
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import rounded, through_a_project


def read(path: Path) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions())
    return dataset, list(dataset.items)


def geometry_of(shape: Shape) -> str:
    if isinstance(shape.geometry, mask.MaskGeometry):  # masks come back cropped to their pixels
        return repr(
            mask.dump(png_masks.tight_mask(mask.decode(shape.geometry), shape.geometry.x1, shape.geometry.y1))
        )
    return repr(rounded(get_kind(shape.kind).dump(shape.geometry)))


def described(dataset: Dataset, items: list[Item]) -> list[tuple[Any, ...]]:
    names = {label.id: label.name for label in dataset.labels}
    out = []
    for item in items:
        shapes = sorted(
            (
                names[s.label_id],
                s.kind,
                geometry_of(s),
                repr(sorted(s.attributes.items())),
                s.occluded,
                repr(s.score),
                s.z_order,
                repr(s.group),
            )
            for s in item.shapes
        )
        tags = sorted(
            (names[t.label_id], repr(sorted(t.attributes.items())), repr(t.score)) for t in item.tags
        )
        out.append((item.subset, item.name, item.width, item.height, shapes, tags))
    return sorted(out)


def write_and_read(dataset: Dataset, items: list[Item], folder: Path) -> tuple[Dataset, list[Item]]:
    FORMAT.write(Dataset(dataset.labels, items), FolderOutput(folder), WriteOptions(with_images=True))
    return read(folder)


def test_datumaro_diverse_sample_reads_every_supported_type_in_four_subsets() -> None:
    dataset, items = read(corpus_or_skip("datumaro/cdm_datumaro_diverse"))
    names = {label.id: label.name for label in dataset.labels}
    assert sorted((i.subset, i.name) for i in items) == [
        ("", "42"), ("", "43.qq"), ("test", "1"), ("test", "42"), ("train", "100.jpg"), ("train", "21"), ("val", "2"),  # noqa: E501
    ]  # fmt: skip
    kinds = Counter(s.kind for i in items for s in i.shapes)
    assert kinds == {"rectangle": 3, "points": 1, "mask": 1, "polygon": 1, "polyline": 1}
    tags = Counter(names[t.label_id] for i in items for t in i.tags)
    assert tags == {"caption": 3, "cat2": 2}
    assert sorted(str(t.attributes["caption"]) for i in items for t in i.tags if names[t.label_id] == "caption") == [  # noqa: E501
        "hello", "test", "world",
    ]  # fmt: skip
    by_name = {(i.subset, i.name): i for i in items}
    assert (by_name["train", "100.jpg"].width, by_name["train", "100.jpg"].height) == (6, 10)
    assert (by_name["", "43.qq"].width, by_name["", "43.qq"].height) == (4, 2)
    boxes = {names[s.label_id]: s for s in by_name["train", "100.jpg"].shapes if s.kind == "rectangle"}
    assert get_kind("rectangle").dump(boxes["cat4"].geometry)["points"] == [1, 2, 4, 6]
    assert (boxes["cat4"].score, boxes["cat4"].z_order) == (1.0, 1)
    assert (dict(boxes["unlabeled"].attributes), boxes["unlabeled"].group) == ({"a": 1.5, "b": "text"}, 5)
    (cat3,) = [s for s in by_name["train", "100.jpg"].shapes if s.kind == "mask"]
    assert isinstance(cat3.geometry, mask.MaskGeometry) and mask.area(cat3.geometry) == 6
    assert [names[s.label_id] for s in by_name["train", "21"].shapes] == ["label_5"]
    assert [str(w) for w in warnings_of(dataset.meta)] == [
        "annotations/test.json: items[0].annotations[0].type: cuboid_3d annotations are not kept",
        "annotations/test.json: items[1].attr: item attributes are not kept",
        "annotations/train.json: items[1].annotations[2].label_id: label_id 5 is not a category: label_5 was"
        " made for it",
    ]


def test_datumaro_fork_skeleton_sample_reads_points_visibility_and_point_attributes() -> None:
    dataset, items = read(corpus_or_skip("datumaro/cdm_datumaro_with_skeleton"))
    (label,) = dataset.labels
    assert (label.name, label.kind) == ("skeleton-label", LabelKind.SKELETON)
    assert label.skeleton is not None
    assert [p.name for p in label.skeleton.points] == ["point1-label", "point3-label", "point2-label"]
    assert label.skeleton.edges == ((1, 2), (0, 1))
    (item,) = items
    assert (item.name, item.width, item.height) == ("100.jpg", 6, 10)
    (skeleton,) = item.shapes
    assert get_kind("skeleton").dump(skeleton.geometry) == {
        "points": [0.9, 3.53, 2.45, 7.6, 5.2, 2.5],
        "visibility": ["visible", "visible", "visible"],
    }
    assert dict(skeleton.attributes) == {
        "point3-label.point3-attribute-checkbox": True,
        "point2-label.point2-attribute-text": "some text",
    }


@pytest.mark.parametrize("sample", ["cdm_datumaro_diverse", "cdm_datumaro_with_skeleton"])
def test_datumaro_samples_survive_export_and_reimport(sample: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(f"datumaro/{sample}"))
    again, again_items = write_and_read(dataset, items, tmp_path)
    assert described(again, again_items) == described(dataset, items)
    assert [(x.name, x.kind, x.skeleton) for x in again.labels] == [
        (x.name, x.kind, x.skeleton) for x in dataset.labels
    ]


def test_datumaro_export_writes_the_fork_skeleton_with_child_labels(tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip("datumaro/cdm_datumaro_with_skeleton"))
    write_and_read(dataset, items, tmp_path)
    doc = json.loads((tmp_path / "annotations" / "default.json").read_text())
    labels = doc["categories"]["label"]["labels"]
    assert [(x["name"], x["parent"]) for x in labels] == [
        ("skeleton-label", ""), ("point1-label", "skeleton-label"), ("point3-label", "skeleton-label"),
        ("point2-label", "skeleton-label"),
    ]  # fmt: skip
    (annotation,) = doc["items"][0]["annotations"]
    assert annotation["points"] == [0.9, 3.53, 2, 2.45, 7.6, 2, 5.2, 2.5, 2]
    assert annotation["points_attributes"] == [
        {},
        {"point3-attribute-checkbox": True},
        {"point2-attribute-text": "some text"},
    ]


POSE = Label(
    "pose", "#112233", LabelKind.SKELETON,
    skeleton=SkeletonTemplate((SkeletonPoint("a", 0, 0), SkeletonPoint("b", 1, 1), SkeletonPoint("c", 0.5, 0)), ((0, 1),)),  # noqa: E501
    id=1,
)  # fmt: skip
KINDS = ["rectangle", "ellipse", "polygon", "polyline", "points", "mask", "skeleton"]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    seen: list[tuple[str, Any]] = []
    items = []
    for subset in draw(st.lists(st.sampled_from(["", "train", "val"]), min_size=1, max_size=2, unique=True)):
        for frame in range(draw(st.integers(1, 3))):
            shapes = []
            for n in range(draw(st.integers(0, 4))):
                kind = draw(st.sampled_from(KINDS))
                fields = draw(GEOMETRY_FIELDS[kind])
                if kind == "skeleton":
                    fields["points"], fields["visibility"] = (
                        fields["points"][:2] * 3,
                        fields["visibility"][:1] * 3,
                    )
                if kind == "mask" and not any(fields["rle"][1::2]):
                    continue  # an empty mask is not written
                geometry, _ = get_kind(kind).parse(fields, ())
                assert geometry is not None
                attributes = {} if kind == "skeleton" else draw(attribute_values)
                attributes = {
                    k: v
                    for k, v in attributes.items()
                    if k not in ("occluded", "score", "rotation", "keyframe")
                }
                seen.extend(attributes.items())
                label = 1 if kind == "skeleton" else 0
                shapes.append(
                    Shape(
                        str(n),
                        kind,
                        label,
                        frame,
                        geometry,
                        draw(st.integers(-3, 3)),
                        draw(st.booleans()),
                        False,
                        attributes,
                        draw(st.none() | st.integers(1, 9)),
                        score=draw(st.none() | st.just(0.5)),
                    )
                )
            tags = (Tag("t", 0, frame, frame),) if draw(st.booleans()) else ()
            items.append(
                Item(
                    f"{subset or 'top'}/im{frame}.png",
                    subset,
                    frame,
                    700,
                    600,
                    shapes=tuple(shapes),
                    tags=tags,
                )
            )
    specs = infer_attribute_specs(seen)
    items = [
        replace(
            i, shapes=tuple(replace(s, attributes=coerce_attributes(s.attributes, specs)) for s in i.shapes)
        )
        for i in items
    ]
    labels = (Label("thing", "#445566", LabelKind.ANY, specs, id=0), POSE)
    return Dataset(labels, items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_datumaro_round_trip_keeps_every_kind_attribute_flag_and_subset(
    generated: tuple[Dataset, list[Item]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    again, again_items = write_and_read(dataset, items, tmp_path_factory.mktemp("datumaro"))
    assert described(again, again_items) == described(dataset, items)


def _document(*annotations: dict[str, Any], **item: Any) -> dict[str, Any]:
    return {
        "categories": {"label": {"labels": [{"name": "cat", "parent": ""}]}},
        "items": [{"id": "a", "annotations": list(annotations), **item}],
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"items": {}}, "annotations/default.json: items: expected a list"),
        (
            _document({"type": "bbox", "label_id": 0, "bbox": [1, 2, 3]}),
            "annotations/default.json: items[0].annotations[0].bbox: expected [x, y, width, height], got 3 numbers",  # noqa: E501
        ),
        (
            _document({"type": "bbox", "label_id": 0, "bbox": [1, 2, -3, 4]}),
            "annotations/default.json: items[0].annotations[0].bbox.points: rectangle needs x1 < x2 and y1 < y2, got [1.0, 2.0, -2.0, 6.0]",  # noqa: E501
        ),
        (
            _document({"type": "polygon", "label_id": 0, "points": [1, 2, 3, "4", 5, 6]}),
            "annotations/default.json: items[0].annotations[0].points[3]: expected a number, got string",
        ),
        (_document({"type": "wedge", "label_id": 0}, id="b"), None),
        (
            _document({"type": 3, "label_id": 0}),
            "annotations/default.json: items[0].annotations[0].type: expected an annotation type, got 3",
        ),
        (
            _document({"type": "label", "label_id": -1}),
            "annotations/default.json: items[0].annotations[0].label_id: expected a label index, got -1",
        ),
        (
            _document({"type": "label", "label_id": 0, "attributes": {"x": [1]}}),
            "annotations/default.json: items[0].annotations[0].attributes.x: expected a string, number or boolean, got list",  # noqa: E501
        ),
        (
            _document({"type": "mask", "label_id": 0, "rle": {"counts": [1, 2], "size": [2, 2]}}),
            "annotations/default.json: items[0].annotations[0].rle.counts: counts must be >= 0 and add up to 2x2 = 4, got 3",  # noqa: E501
        ),
        (
            _document({"type": "skeleton", "label_id": 0, "points": [1, 2, 7]}),
            "annotations/default.json: items[0].annotations[0].points: a visibility is 0, 1 or 2",
        ),
        (
            _document(image={"path": "../x.jpg"}),
            "annotations/default.json: items[0].image.path: '..' is not allowed in a path",
        ),
        (
            _document(image={"path": "x.jpg", "size": [3]}),
            "annotations/default.json: items[0].image.size: expected [height, width]",
        ),
    ],
)
def test_datumaro_bad_document_is_refused_with_a_located_problem(
    tmp_path: Path, document: dict[str, Any], message: str | None
) -> None:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "default.json").write_text(json.dumps(document))
    if message is None:  # an unknown type is skipped with a warning, not refused
        assert [str(w) for w in warnings_of(FORMAT.read(tmp_path, ReadOptions()).meta)] == [
            "annotations/default.json: items[0].annotations[0].type: wedge annotations are not kept"
        ]
        return
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


def test_datumaro_compressed_rle_is_decoded_to_a_tight_mask(tmp_path: Path) -> None:
    from pycocotools import mask as coco_mask

    bits = np.zeros((5, 7), dtype=np.uint8)
    bits[1:3, 2:6] = 1
    rle = {"counts": coco_mask.encode(np.asfortranarray(bits))["counts"].decode(), "size": [5, 7]}
    (tmp_path / "annotations").mkdir()
    document = _document({"type": "mask", "label_id": 0, "rle": rle})
    (tmp_path / "annotations" / "default.json").write_text(json.dumps(document))
    _, items = read(tmp_path)
    (shape,) = items[0].shapes
    assert isinstance(shape.geometry, mask.MaskGeometry)
    assert (shape.geometry.x1, shape.geometry.y1, shape.geometry.x2, shape.geometry.y2) == (2, 1, 6, 3)
    assert mask.area(shape.geometry) == 8


@pytest.mark.parametrize("sample", ["datumaro/cdm_datumaro_with_skeleton"])
def test_datumaro_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first


def test_datumaro_is_detected_by_its_items_and_does_not_claim_coco() -> None:
    assert FORMAT.detect(corpus_or_skip("datumaro/cdm_datumaro_diverse")) == 1.0
    assert FORMAT.detect(corpus_or_skip("coco/dm_coco_instances")) == 0.0
