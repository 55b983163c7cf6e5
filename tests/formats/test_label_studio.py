"""Label Studio JSON: the corpus samples, percent coordinates, predictions, videos, round trips and errors."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import get_kind
from annota.domain.tags import Tag
from annota.domain.tracks import Keyframe, Track
from annota.formats.base import Dataset, DatasetTrack, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.label_studio import FORMAT, brush
from annota.formats.label_studio.read import media_name
from annota.formats.lossy import warnings_of
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.domain.strategies import GEOMETRY_FIELDS, bool_arrays
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import rounded, through_a_project


def read(path: Path, **extra: str) -> tuple[Dataset, list[Item]]:
    dataset = FORMAT.read(path, ReadOptions(extra=extra))
    return dataset, list(dataset.items)


def geometry_of(shape: Shape) -> str:
    if isinstance(shape.geometry, mask.MaskGeometry):
        g = shape.geometry
        rows, cols = np.nonzero(mask.decode(g))
        return repr(sorted(zip((rows + g.y1).tolist(), (cols + g.x1).tolist(), strict=True)))
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
                s.source.value,
                repr(s.score),
            )
            for s in item.shapes
        )
        out.append((item.subset, item.name, shapes, sorted(names[t.label_id] for t in item.tags)))
    return out


def write_and_read(dataset: Dataset, items: list[Item], folder: Path) -> tuple[Dataset, list[Item]]:
    FORMAT.write(Dataset(dataset.labels, items, dataset.tracks), FolderOutput(folder), WriteOptions())
    return read(folder)


def test_label_studio_rectangles_sample_reads_three_annotations_of_two_tasks() -> None:
    dataset, items = read(corpus_or_skip("label_studio/lss_rectangles"))
    names = {label.id: label.name for label in dataset.labels}
    assert [(i.name, i.width, i.height) for i in items] == [("image1", 2800, 2800), ("image2", 2800, 2800)]
    assert Counter(names[s.label_id] for i in items for s in i.shapes) == {"white": 4, "parasites": 2}
    first = items[0].shapes[0]
    assert names[first.label_id] == "parasites"
    x1, y1, x2, y2 = get_kind("rectangle").dump(first.geometry)["points"]
    assert (x1, y1) == pytest.approx((37.15846994535519 * 28, 70.67395264116576 * 28))
    assert (x2 - x1, y2 - y1) == pytest.approx((4.189435336976321 * 28, 4.735883424408015 * 28))
    assert [(x.name, x.color) for x in dataset.labels] == [("parasites", "#da01ee"), ("white", "#00ff00")]


def test_label_studio_polygon_sample_converts_percent_points_to_pixels() -> None:
    dataset, items = read(corpus_or_skip("label_studio/lss_polygons"))
    (item,) = items
    (polygon,) = item.shapes
    assert (item.width, item.height, dataset.labels[polygon.label_id].name) == (640, 426, "Airplane")
    points = get_kind("polygon").dump(polygon.geometry)["points"]
    assert points[:2] == pytest.approx([60 * 6.4, 19.55922865013774 * 4.26])


def test_label_studio_keypoints_sample_groups_keypoints_related_to_their_box() -> None:
    dataset, items = read(corpus_or_skip("label_studio/lss_keypoints"))
    names = {label.id: label.name for label in dataset.labels}
    assert len(dataset.labels) == 18  # declared by the labeling config
    (item,) = items
    assert (item.name, item.width, item.height) == ("image1.jpg", 216, 174)
    assert Counter((names[s.label_id], s.kind) for s in item.shapes) == {
        ("person", "rectangle"): 1, ("nose", "points"): 1, ("left_eye", "points"): 1, ("right_eye", "points"): 1,  # noqa: E501
    }  # fmt: skip
    assert len({s.group for s in item.shapes}) == 1 and item.shapes[0].group is not None


@pytest.mark.parametrize("sample", ["lss_rectangles", "lss_polygons", "lss_keypoints"])
def test_label_studio_samples_survive_export_and_reimport(sample: str, tmp_path: Path) -> None:
    dataset, items = read(corpus_or_skip(f"label_studio/{sample}"))
    again, again_items = write_and_read(dataset, items, tmp_path)
    assert described(again, again_items) == described(dataset, items)
    groups = [sorted(Counter(s.group for s in i.shapes if s.group is not None).values()) for i in items]
    assert [
        sorted(Counter(s.group for s in i.shapes if s.group is not None).values()) for i in again_items
    ] == groups


@pytest.mark.parametrize(
    ("reference", "name"),
    [
        ("/data/upload/18/1a2b3c4d-image1.jpg", "image1.jpg"),
        ("/data/local-files/?d=photos/cat%201.png", "cat 1.png"),
        ("https://example.com/a/b.jpg?sig=1", "b.jpg"),
        ("s3://bucket/x/y.png", "y.png"),
    ],
)
def test_label_studio_task_data_names_the_media_file(reference: str, name: str) -> None:
    assert media_name(reference) == name


def test_label_studio_brush_rle_round_trips_any_mask() -> None:
    @settings(max_examples=60, deadline=None)
    @given(bits=bool_arrays(max_side=20))
    def check(bits: np.ndarray) -> None:
        h, w = bits.shape
        assert (brush.decode(brush.encode(bits), w, h) == bits).all()

    check()


def test_label_studio_brush_decoder_reads_literal_chunks() -> None:
    # count 8 (2 pixels), word 8, run sizes 3,4,8,16; one literal chunk of 8 bytes: 0,0,0,0,255,255,255,255
    fields = [(8, 32), (7, 5), (2, 4), (3, 4), (7, 4), (15, 4), (0, 1), (0, 2), (7, 3)]
    fields += [(0, 8)] * 4 + [(255, 8)] * 4
    text = "".join(format(v, f"0{n}b") for v, n in fields)
    text += "0" * (-len(text) % 8)
    rle = list(int(text, 2).to_bytes(len(text) // 8, "big"))
    assert brush.decode(rle, 2, 1).tolist() == [[False, True]]


KINDS = ["rectangle", "ellipse", "polygon", "points"]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item]]:
    labels = (Label("cat", "#112233", LabelKind.ANY, id=0), Label("dog", "#445566", LabelKind.ANY, id=1))
    items = []
    for frame in range(draw(st.integers(1, 3))):
        shapes = []
        for n in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from([*KINDS, "mask"]))
            fields = draw(GEOMETRY_FIELDS[kind])
            if kind == "mask":
                fields = mask.dump(
                    mask.encode(
                        draw(bool_arrays(max_side=6)), draw(st.integers(0, 30)), draw(st.integers(0, 20))
                    )
                )
                if not any(fields["rle"][1::2]):
                    continue
            geometry, _ = get_kind(kind).parse(fields, ())
            assert geometry is not None
            if kind == "points":
                geometry, _ = get_kind(kind).parse({"points": fields["points"][:2]}, ())
            model = draw(st.booleans())
            attributes = draw(
                st.fixed_dictionaries(
                    {}, optional={"note": st.just("x y"), "n": st.integers(0, 5), "ok": st.booleans()}
                )
            )
            shapes.append(
                Shape(
                    str(n),
                    kind,
                    draw(st.integers(0, 1)),
                    frame,
                    geometry,
                    attributes=attributes,
                    source=Source.MODEL if model else Source.IMPORTED,
                    score=0.5 if model else None,
                )
            )
        tags = (Tag("t", 1, frame, frame),) if draw(st.booleans()) else ()
        items.append(Item(f"img{frame}.jpg", "", frame, 40, 30, shapes=tuple(shapes), tags=tags))
    return Dataset(labels, items), items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_label_studio_round_trip_keeps_regions_sources_attributes_and_tags(
    generated: tuple[Dataset, list[Item]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items = generated
    again, again_items = write_and_read(dataset, items, tmp_path_factory.mktemp("ls"))
    expected = described(dataset, items)
    got = described(again, again_items)
    assert [(s, n, sh, t) for s, n, sh, t in got] == [(s, n, sh, t) for s, n, sh, t in expected]


def test_label_studio_video_rectangles_become_tracks_and_back(tmp_path: Path) -> None:
    sequence = [
        {"frame": 1, "enabled": True, "x": 10, "y": 10, "width": 20, "height": 20, "rotation": 0, "time": 0},
        {
            "frame": 4,
            "enabled": False,
            "x": 40,
            "y": 10,
            "width": 20,
            "height": 20,
            "rotation": 0,
            "time": 0.1,
        },
    ]
    result = {
        "id": "v1",
        "type": "videorectangle",
        "from_name": "box",
        "to_name": "video",
        "value": {"sequence": sequence, "labels": ["car"], "framesCount": 6},
    }
    task = {
        "id": 1,
        "data": {"video": "/data/upload/3/0a1b2c3d-street.mp4"},
        "annotations": [{"id": 1, "result": [result]}],
    }
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tasks.json").write_text(json.dumps([task]))
    dataset = FORMAT.read(tmp_path / "in", ReadOptions(extra={"frame_width": "200", "frame_height": "100"}))
    items, tracks = list(dataset.items), list(dataset.tracks)
    assert [(i.subset, i.name) for i in items] == [("street", f"frame_{n:06d}") for n in range(6)]
    (entry,) = tracks
    assert entry.subset == "street"
    assert [(k.frame, k.outside) for k in entry.track.keyframes] == [(0, False), (3, False), (4, True)]
    assert entry.track.keyframes[1].geometry == RectangleGeometry(80, 10, 120, 30)
    items = [Item(i.name, i.subset, i.frame, 200, 100) for i in items]
    FORMAT.write(Dataset(dataset.labels, items, tracks), FolderOutput(tmp_path / "out"), WriteOptions())
    again = FORMAT.read(tmp_path / "out", ReadOptions())
    (back,) = list(again.tracks)
    assert [(k.frame, k.outside, k.geometry) for k in back.track.keyframes] == [
        (k.frame, k.outside, k.geometry) for k in entry.track.keyframes
    ]


def test_label_studio_track_ending_later_repeats_its_box_before_the_outside_frame(tmp_path: Path) -> None:
    box = RectangleGeometry(0, 0, 10, 10)
    track = Track("t", "rectangle", 0, (Keyframe(0, box), Keyframe(5, box, outside=True)))
    labels = (Label("car", "#112233", LabelKind.ANY, id=0),)
    items = [Item(f"frame_{n:06d}", "clip", n, 100, 100) for n in range(8)]
    FORMAT.write(
        Dataset(labels, items, [DatasetTrack("clip", track)]), FolderOutput(tmp_path), WriteOptions()
    )
    (back,) = list(FORMAT.read(tmp_path, ReadOptions()).tracks)
    assert [(k.frame, k.outside) for k in back.track.keyframes] == [(0, False), (4, False), (5, True)]


def _task(*results: dict[str, Any], **data: Any) -> list[dict[str, Any]]:
    return [
        {"id": 1, "data": data or {"image": "a.jpg"}, "annotations": [{"id": 1, "result": list(results)}]}
    ]


def _rect(**value: Any) -> dict[str, Any]:
    v = {"x": 1, "y": 1, "width": 2, "height": 2, "rotation": 0, "rectanglelabels": ["cat"], **value}
    return {
        "id": "r",
        "type": "rectanglelabels",
        "from_name": "label",
        "to_name": "image",
        "original_width": 100,
        "original_height": 50,
        "value": v,
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"tasks": []}, "tasks.json: data: expected an object, got null"),
        (
            _task(_rect(width="2")),
            "tasks.json: [0].annotations[0].result[0].value.width: expected a number, got string",
        ),
        (
            _task(_rect(rectanglelabels=[])),
            "tasks.json: [0].annotations[0].result[0].value.rectanglelabels: expected a list of label names",
        ),
        (
            _task(_rect(width=-2)),
            "tasks.json: [0].annotations[0].result[0].value.points: rectangle needs x1 < x2 and y1 < y2, got [1.0, 0.5, -1.0, 1.5]",  # noqa: E501
        ),
        (
            _task({**_rect(), "original_width": None}),
            "tasks.json: [0].annotations[0].result[0]: cannot turn percent into pixels: no original_width/original_height and no image file",  # noqa: E501
        ),
        (_task(_rect(), image="../../x.jpg"), None),
        (_task(_rect(), video_url=3), "tasks.json: [0].data: expected the image or video the task refers to"),
        (
            _task(
                {
                    "id": "b",
                    "type": "brushlabels",
                    "original_width": 2,
                    "original_height": 1,
                    "value": {"format": "rle", "rle": [0, 0, 0, 9], "brushlabels": ["cat"]},
                }
            ),
            "tasks.json: [0].annotations[0].result[0].value.rle: the mask holds 9 bytes, the 2x1 image needs 8",  # noqa: E501
        ),
    ],
)
def test_label_studio_bad_task_is_refused_with_a_located_problem(
    tmp_path: Path, document: Any, message: str | None
) -> None:
    (tmp_path / "tasks.json").write_text(json.dumps(document))
    if message is None:  # only the file name counts: a path in data cannot lead outside the dataset
        _, items = read(tmp_path)
        assert [i.name for i in items] == ["x.jpg"]
        return
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path / "tasks.json", ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


def test_label_studio_video_without_frame_size_is_refused(tmp_path: Path) -> None:
    result = {
        "id": "v",
        "type": "videorectangle",
        "value": {"sequence": [{"frame": 1, "x": 1, "y": 1, "width": 1, "height": 1}], "labels": ["car"]},
    }
    (tmp_path / "tasks.json").write_text(json.dumps(_task(result, video="a.mp4")))
    with pytest.raises(FormatError, match="give the options frame_width and frame_height"):
        FORMAT.read(tmp_path, ReadOptions())


def test_label_studio_sample_goes_through_a_project_and_back(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    sample = corpus_or_skip("label_studio/lss_keypoints")
    path = tmp_path / "in"
    shutil.copytree(sample, path)
    Image.new("RGB", (216, 174)).save(path / "image1.jpg")
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first


def test_label_studio_results_without_an_annota_kind_are_skipped_and_counted(tmp_path: Path) -> None:
    spans = {"id": "s", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["name"]}}
    (tmp_path / "tasks.json").write_text(json.dumps(_task(_rect(), spans, spans)))
    dataset, items = read(tmp_path)
    assert [len(i.shapes) for i in items] == [1]
    (warning,) = warnings_of(dataset.meta)
    assert (str(warning), warning.count) == (
        "tasks.json: [0].annotations[0].result[1].type: 'labels' results are not kept (2 times; first here)",
        2,
    )


def test_label_studio_cancelled_annotations_are_skipped_with_a_located_warning(tmp_path: Path) -> None:
    tasks = _task(_rect())
    tasks[0]["annotations"].append({"id": 2, "was_cancelled": True, "result": [_rect(x=5)]})
    (tmp_path / "tasks.json").write_text(json.dumps(tasks))
    dataset, items = read(tmp_path)
    assert [len(i.shapes) for i in items] == [1]
    assert [str(w) for w in warnings_of(dataset.meta)] == [
        "tasks.json: [0].annotations[1].was_cancelled: cancelled annotations are not kept"
    ]


def test_label_studio_is_detected_by_its_tasks_and_does_not_claim_other_json() -> None:
    assert FORMAT.detect(corpus_or_skip("label_studio/lss_rectangles")) == 1.0
    assert FORMAT.detect(corpus_or_skip("labelme/lm_primitives_all_shape_types")) == 0.0
    assert FORMAT.detect(corpus_or_skip("coco/dm_coco_instances")) == 0.0
