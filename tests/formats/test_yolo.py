"""YOLO darknet and Ultralytics: corpus facts, round trips through the database, located row errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from annota.formats.base import FormatError, ReadOptions
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import REGISTRY, corpus_or_skip
from tests.formats.roundtrip import export_from, import_into, stored

SAMPLES = [
    ("yolo_darknet/dm_yolo_strict", "yolo"),
    ("yolo_ultralytics_detection/cdm_yolov8_detection", "ultralytics_detect"),
    ("yolo_ultralytics_detection/cdm_yolov8_detection_with_list_of_names", "ultralytics_detect"),
    ("yolo_ultralytics_detection/lf_yolov8_weird_filenames", "ultralytics_detect"),
    ("yolo_ultralytics_segmentation/cdm_yolov8_segmentation", "ultralytics_segment"),
    ("yolo_ultralytics_pose/cdm_yolov8_pose", "ultralytics_pose"),
    ("yolo_ultralytics_obb/cdm_yolov8_oriented_boxes", "ultralytics_obb"),
    ("yolo_ultralytics_classification/cdm_yolov8_classification", "ultralytics_classify"),
]


@pytest.mark.parametrize(("sample", "name"), SAMPLES)
def test_each_yolo_sample_is_detected_as_its_own_format(sample: str, name: str) -> None:
    (best, *_) = REGISTRY.detect(corpus_or_skip(sample))
    assert best.format.name == name


@pytest.mark.parametrize("sample", [s for s, n in SAMPLES[:3]])
def test_yolo_boxes_denormalise_to_the_documented_pixels(sample: str) -> None:
    name = dict(SAMPLES)[sample]
    (item,) = REGISTRY.get(name).read(corpus_or_skip(sample), ReadOptions()).items
    boxes = [(s.label_id, *(round(v, 3) for v in (s.geometry.x1, s.geometry.y1, s.geometry.x2, s.geometry.y2)))  # type: ignore[attr-defined]  # noqa: E501
             for s in item.shapes]  # fmt: skip
    assert (item.width, item.height) == (15, 10)
    assert boxes == [(2, 0.0, 2.0, 4.0, 4.0), (4, 3.0, 3.0, 5.0, 6.0)]


def test_ultralytics_samples_hold_their_documented_shapes() -> None:
    seg = next(
        iter(REGISTRY.get("ultralytics_segment").read(corpus_or_skip(SAMPLES[4][0]), ReadOptions()).items)
    )
    assert [len(s.geometry.points) // 2 for s in seg.shapes] == [3, 5]  # type: ignore[attr-defined]
    pose = REGISTRY.get("ultralytics_pose").read(corpus_or_skip(SAMPLES[5][0]), ReadOptions())
    (item,) = pose.items
    skeleton = next(s for s in item.shapes if s.kind == "skeleton")
    assert [round(v, 3) for v in skeleton.geometry.points] == [1.5, 2.0, 4.5, 4.0, 7.5, 6.0]  # type: ignore[attr-defined]
    obb = next(iter(REGISTRY.get("ultralytics_obb").read(corpus_or_skip(SAMPLES[6][0]), ReadOptions()).items))
    assert [round(s.geometry.rotation) for s in obb.shapes] == [30, 120]  # type: ignore[attr-defined]
    classify = list(
        REGISTRY.get("ultralytics_classify").read(corpus_or_skip(SAMPLES[7][0]), ReadOptions()).items
    )
    assert [item.tags[0].label_id for item in classify] == [0, 0, 1]


def test_weird_filename_sample_counts_its_boxes_per_class() -> None:
    dataset = REGISTRY.get("ultralytics_detect").read(corpus_or_skip(SAMPLES[3][0]), ReadOptions())
    names = {label.id: label.name for label in dataset.labels}
    counts: dict[str, int] = {}
    for item in dataset.items:
        for shape in item.shapes:
            counts[names[shape.label_id]] = counts.get(names[shape.label_id], 0) + 1
    assert counts == {"person": 5, "bicycle with space": 2, "bench": 2, "dog": 1, "snowboard": 6}


@pytest.mark.parametrize(("sample", "name"), SAMPLES)
def test_yolo_sample_survives_export_and_reimport(
    sample: str, name: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_into(database, settings, corpus_or_skip(sample), "first", admin_id, name)
    export_from(database, settings, "first", name, tmp_path / "out", with_images=True)
    import_into(database, settings, tmp_path / "out", "again", admin_id, name)
    assert stored(database, "again") == stored(database, "first")


def test_yolo_row_errors_are_located_by_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "labels" / "train"
    folder.mkdir(parents=True)
    (tmp_path / "data.yaml").write_text("train: images/train\nnames: [car]\n")
    (tmp_path / "images" / "train").mkdir(parents=True)
    from PIL import Image

    Image.new("RGB", (10, 10)).save(tmp_path / "images" / "train" / "a.jpg")
    (folder / "a.txt").write_text("0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2\nx 0.5 0.5 0.2 0.2\n3 0.5 0.5 0.2 0.2\n")
    with pytest.raises(FormatError) as caught:
        list(REGISTRY.get("ultralytics_detect").read(tmp_path, ReadOptions()).items)
    assert caught.value.lines() == [
        "labels/train/a.txt:2: expected class cx cy w h, got 4 values",
        "labels/train/a.txt:3: expected a class index, got 'x'",
        "labels/train/a.txt:4: class 3 is not in the class names",
    ]
