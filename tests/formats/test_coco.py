"""COCO: the corpus samples' facts, round trips through the database, pycocotools as oracle, bad input."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO

from annota.formats.base import FormatError, ReadOptions
from annota.formats.coco import FORMAT
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import export_from, import_into, stored


def test_coco_instances_sample_reads_with_its_facts() -> None:
    dataset = FORMAT.read(corpus_or_skip("coco/dm_coco_instances"), ReadOptions())
    labels = {label.id: label.name for label in dataset.labels}
    items = {item.subset: item for item in dataset.items}
    assert sorted(labels.values()) == ["a", "b", "c"]
    assert (items["train"].name, items["train"].width, items["train"].height) == ("a.jpg", 10, 5)
    (box,) = items["train"].shapes
    assert (box.kind, labels[box.label_id], box.geometry.x1, box.geometry.y1, box.geometry.x2) == (  # type: ignore[attr-defined]
        "rectangle",
        "b",
        2.0,
        2.0,
        5.0,
    )
    kinds = {s.kind: s for s in items["val"].shapes}
    assert kinds["polygon"].attributes == {"x": 1, "y": "hello"}
    assert kinds["polygon"].geometry.points == (0.0, 0.0, 1.0, 0.0, 1.0, 2.0, 0.0, 2.0)  # type: ignore[attr-defined]
    mask = kinds["mask"].geometry
    assert (mask.x1, mask.y1, mask.x2, mask.y2) == (0, 0, 2, 10)  # type: ignore[attr-defined]


def test_coco_keypoints_sample_makes_skeletons_and_region_labels() -> None:
    dataset = FORMAT.read(corpus_or_skip("coco/cdm_coco_person_keypoints"), ReadOptions())
    labels = {label.id: label for label in dataset.labels}
    a = next(label for label in labels.values() if label.name == "a")
    assert a.skeleton is not None and [p.name for p in a.skeleton.points] == ["a_1", "a_2", "a_3"]
    assert a.skeleton.edges == ((0, 1), (1, 2))
    shapes = [(item.subset, s) for item in dataset.items for s in item.shapes]
    skeletons = [s for _, s in shapes if s.kind == "skeleton"]
    assert len(skeletons) == 3
    train_skeleton = next(s for subset, s in shapes if subset == "train")
    assert [v.value for v in train_skeleton.geometry.visibility] == ["outside", "occluded", "visible"]  # type: ignore[attr-defined]
    assert Counter(labels[s.label_id].name for _, s in shapes if s.kind != "skeleton") == {
        "a:region": 1,
        "b:region": 1,
    }


def test_coco_detection_sample_with_odd_file_names_counts_its_labels() -> None:
    dataset = FORMAT.read(corpus_or_skip("coco/lf_coco_detection_weird_filenames"), ReadOptions())
    names = {label.id: label.name for label in dataset.labels}
    items = list(dataset.items)
    assert len(dataset.labels) == 32 and all(item.image is not None for item in items)
    per_label = Counter(names[s.label_id] for item in items for s in item.shapes)
    assert per_label == {"snowboard": 6, "person": 5, "bench": 2, "bicycle with space": 2, "dog": 1}


@pytest.mark.parametrize("sample", ["coco/dm_coco_instances", "coco/cdm_coco_person_keypoints",
                                    "coco/lf_coco_detection_weird_filenames"])  # fmt: skip
def test_coco_sample_survives_export_and_reimport(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_into(database, settings, corpus_or_skip(sample), "first", admin_id)
    export_from(database, settings, "first", "coco", tmp_path / "out.zip", with_images=True)
    import_into(database, settings, tmp_path / "out.zip", "again", admin_id)
    assert stored(database, "again") == stored(database, "first")


@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")  # pycocotools on numpy 2
def test_pycocotools_reads_our_export_with_the_same_areas_and_masks(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_into(database, settings, corpus_or_skip("coco/dm_coco_instances"), "p", admin_id)
    export_from(database, settings, "p", "coco", tmp_path / "out")
    coco = COCO(str(tmp_path / "out" / "annotations" / "instances_val.json"))
    for annotation in coco.loadAnns(coco.getAnnIds()):
        rle = coco.annToRLE(annotation)
        assert float(mask_utils.area(rle)) == pytest.approx(annotation["area"], abs=1.0)
        if annotation["iscrowd"]:
            assert np.array_equal(coco.annToMask(annotation)[:, :2], np.ones((10, 2), dtype=np.uint8))


def _write_coco(folder: Path, annotations: list[dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"images": [{"id": 1, "file_name": "a.jpg", "width": 10, "height": 10}],
           "categories": [{"id": 1, "name": "car"}], "annotations": annotations}  # fmt: skip
    path = folder / "instances_val.json"
    path.write_text(json.dumps(doc))
    return path


def test_import_coco_reports_every_bad_annotation_located(tmp_path: Path) -> None:
    path = _write_coco(tmp_path, [
        {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]},
        {"id": 2, "image_id": 9, "category_id": 1, "bbox": [1, 2, 3, 4]},
        {"id": 3, "image_id": 1, "category_id": 7, "bbox": [1, 2, 3, 4]},
        {"id": 4, "image_id": 1, "category_id": 1, "segmentation": [[0, 0, 1, 1]]},
    ])  # fmt: skip
    with pytest.raises(FormatError) as caught:
        list(FORMAT.read(path, ReadOptions()).items)
    assert caught.value.lines() == [
        "instances_val.json: annotations[0].bbox: expected 4 numbers, got 3 numbers",
        "instances_val.json: annotations[1].image_id: no image with id 9",
        "instances_val.json: annotations[2].category_id: no category with id 7",
        "instances_val.json: annotations[3].segmentation[0]: polygon needs at least 3 points, got 2",
    ]


def test_compressed_rle_reads_as_the_same_mask_as_uncompressed(tmp_path: Path) -> None:
    pixels = np.zeros((10, 10), dtype=np.uint8, order="F")
    pixels[2:5, 3:7] = 1
    compressed = mask_utils.encode(pixels)
    segmentation = {"size": [10, 10], "counts": compressed["counts"].decode()}
    path = _write_coco(tmp_path, [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": segmentation,
                                   "iscrowd": 1, "bbox": [3, 2, 4, 3]}])  # fmt: skip
    (item,) = FORMAT.read(path, ReadOptions()).items
    g = item.shapes[0].geometry
    assert (g.x1, g.y1, g.x2, g.y2, sum(g.rle[1::2])) == (3, 2, 7, 5, 12)  # type: ignore[attr-defined]


def test_import_coco_reports_invalid_json_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "instances_val.json").write_text('{"images": [],\n "annotations": [,]}')
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path / "instances_val.json", ReadOptions())
    assert caught.value.lines()[0].startswith("instances_val.json:2: invalid JSON")
