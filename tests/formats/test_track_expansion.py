"""A format without tracks gets each track as one shape per frame where it is not outside, each the domain's
interpolation of the track on that frame (services/dataset_stream.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from annota.domain.interpolation import expand
from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import rectangle
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track
from annota.formats.base import Dataset, DatasetTrack, Item, WriteOptions
from annota.formats.cvat_video import FORMAT as CVAT_VIDEO
from annota.formats.output import FolderOutput
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.roundtrip import export_from, import_into

TRACK = Track(
    "1",
    "rectangle",
    0,
    (
        Keyframe(1, RectangleGeometry(0, 0, 4, 2)),
        Keyframe(4, RectangleGeometry(6, 3, 8, 9)),
        Keyframe(6, RectangleGeometry(20, 20, 24, 24), outside=True),
        Keyframe(8, RectangleGeometry(1, 1, 3, 3)),
    ),
)


def test_a_track_exported_to_coco_is_a_box_on_every_frame_where_it_is_not_outside(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    source, originals = tmp_path / "video", tmp_path / "originals"
    originals.mkdir()
    items = []
    for frame in range(11):
        image = originals / f"frame_{frame:06d}.png"
        Image.new("RGB", (32, 32)).save(image)
        items.append(Item(image.name, "", frame, 32, 32, image))
    dataset = Dataset((Label("car", "#112233", LabelKind.ANY, id=0),), items, [DatasetTrack("", TRACK)])
    CVAT_VIDEO.write(dataset, FolderOutput(source), WriteOptions(with_images=True))
    import_into(database, settings, source, "Video", admin_id, "cvat_video")

    result = export_from(database, settings, "Video", "coco", tmp_path / "coco")

    document = json.loads(next((tmp_path / "coco" / "annotations").glob("*.json")).read_text())
    frames = {
        image["id"]: int(image["file_name"].split("_")[1].split(".")[0]) for image in document["images"]
    }
    exported = sorted((frames[a["image_id"]], _approx(a["bbox"])) for a in document["annotations"])
    expected = [
        (s.frame, _xywh(rectangle.bbox(s.geometry)))  # type: ignore[arg-type]
        for s in expand(TRACK, 0, 10)
        if not s.outside
    ]
    assert [frame for frame, _ in exported] == [1, 2, 3, 4, 5, 8, 9, 10]
    assert exported == [(frame, _approx(box)) for frame, box in expected]
    assert result.counts["rectangle"] == 8


def _xywh(box: tuple[float, float, float, float]) -> tuple[float, ...]:
    x1, y1, x2, y2 = box
    return (x1, y1, x2 - x1, y2 - y1)


def _approx(box: Sequence[float]) -> tuple[float, ...]:
    return tuple(round(v, 2) for v in box)
