"""CVAT for images and for video: corpus facts, round trips, hostile XML refused."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from annota.formats.base import FormatError, ReadOptions
from annota.formats.cvat_images import FORMAT as IMAGES
from annota.formats.cvat_video import FORMAT as VIDEO
from annota.services.datasets import import_dataset
from annota.settings import Settings
from annota.storage import projects, tasks
from annota.storage.db import Database
from tests.formats.corpus import REGISTRY, corpus_or_skip
from tests.formats.roundtrip import export_from, import_into, stored

SKELETON = "cvat_images/cdm_cvat_for_images_skeleton"
SUBSETS = "cvat_images/dm_cvat_export_project_subsets"
VIDEO_SAMPLE = "cvat_video/cdm_cvat_for_video_skeleton_tracks"


def test_cvat_images_skeleton_sample_reads_with_its_facts() -> None:
    dataset = IMAGES.read(corpus_or_skip(SKELETON), ReadOptions())
    names = {label.id: label.name for label in dataset.labels}
    items = list(dataset.items)
    assert Counter(s.kind for item in items for s in item.shapes) == {
        "skeleton": 2,
        "rectangle": 1,
        "points": 1,
        "polygon": 1,
        "polyline": 1,
    }
    box = next(s for s in items[0].shapes if s.kind == "rectangle")
    assert (names[box.label_id], box.occluded, box.z_order) == ("label1", True, 1)
    assert box.attributes == {"a1": True, "a2": "v3", "a3": "0003", "a4": 2.4}
    skeletons = [s for item in items for s in item.shapes if s.kind == "skeleton"]
    assert [[v.value for v in s.geometry.visibility] for s in skeletons] == [  # type: ignore[attr-defined]
        ["outside", "visible", "visible", "visible"],
        ["visible", "visible", "outside", "visible"],
    ]
    assert names[next(s for s in items[1].shapes if s.kind == "polygon").label_id] == "unlabeled"


def test_cvat_project_export_keeps_its_three_subsets() -> None:
    items = list(IMAGES.read(corpus_or_skip(SUBSETS), ReadOptions()).items)
    assert Counter(item.subset for item in items) == {"Train": 2, "Test": 2, "Validation": 2}
    assert Counter(s.kind for item in items for s in item.shapes) == {
        "rectangle": 3,
        "polyline": 3,
        "polygon": 3,
        "points": 3,
    }


def _visible(track: object, frame: int) -> bool:
    before = [k for k in track.keyframes if k.frame <= frame]  # type: ignore[attr-defined]
    return bool(before) and not before[-1].outside


def test_cvat_video_sample_has_its_tracks_on_the_right_frames() -> None:
    dataset = VIDEO.read(corpus_or_skip(VIDEO_SAMPLE), ReadOptions())
    items = list(dataset.items)
    tracks = [entry.track for entry in dataset.tracks]
    assert [item.name for item in items][:2] == ["frame_000010.png", "frame_000013.png"]
    visible = {f: sorted(t.kind for t in tracks if _visible(t, f)) for f in range(3)}
    assert visible == {0: ["points", "rectangle", "skeleton"], 1: ["polyline", "skeleton"], 2: ["skeleton"]}
    points = next(t for t in tracks if t.kind == "points")
    assert [k.attributes["hgl"] for k in points.keyframes] == ["hgkf", "jk"]
    skeleton = next(t for t in tracks if t.kind == "skeleton")
    assert [v.value for v in skeleton.keyframes[-1].geometry.visibility].count("visible") == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize("sample", [SKELETON, SUBSETS])
def test_cvat_images_sample_survives_export_and_reimport(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_into(database, settings, corpus_or_skip(sample), "first", admin_id)
    export_from(database, settings, "first", "cvat_images", tmp_path / "out.zip", with_images=True)
    import_into(database, settings, tmp_path / "out.zip", "again", admin_id)
    assert stored(database, "again") == stored(database, "first")


def test_cvat_video_import_reports_frames_without_an_image(
    database: Database, settings: Settings, admin_id: int
) -> None:
    with pytest.raises(FormatError) as caught:
        import_into(database, settings, corpus_or_skip(VIDEO_SAMPLE), "video", admin_id)
    assert (
        "frame_000016: no image file in the dataset and no media with this name in task 'video'"
        in caught.value.lines()
    )


def test_cvat_video_imports_onto_uploaded_frames_and_round_trips(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    frames = tmp_path / "frames"
    frames.mkdir()
    for n in (10, 13, 16, 19):
        Image.new("RGB", (25, 20)).save(frames / f"frame_{n:06d}.png")
    from annota.services.media import add_media_from_paths

    with database.write() as session:
        project = projects.create_project(session, owner_id=admin_id, name="video")
        task = tasks.create_task(session, project.id, name="video", owner_id=admin_id)
        add_media_from_paths(session, settings, task.id, sorted(frames.iterdir()))
    for path in sorted(frames.iterdir())[2:]:
        path.rename(path.with_suffix(""))  # the dataset names frames without images by their stem
    with database.write() as session:
        task_row = tasks.get_task(session, task.id)
        for item in tasks.list_media(session, task_row.id).items[2:]:
            item.name = item.name.removesuffix(".png")
    result = import_into(database, settings, corpus_or_skip(VIDEO_SAMPLE), "video", admin_id)
    assert result.counts["tracks"] == 4
    export_from(database, settings, "video", "cvat_video", tmp_path / "out", with_images=True)
    with database.write() as session:
        again = import_dataset(
            session,
            settings,
            REGISTRY,
            tmp_path / "out",
            project_name="again",
            owner_id=admin_id,
            format_name="cvat_video",
        )
    assert again.counts["tracks"] == 4
    expected = {
        ("rectangle", "II"): 1,
        ("points", "klhg"): 1,
        ("polyline", "II"): 1,
        ("skeleton", "skeleton"): 1,
    }
    assert stored(database, "again")["tracks"] == stored(database, "video")["tracks"] == expected


BOMB = b"""<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;">]>
<annotations><meta/><image name="&y;" width="1" height="1"/></annotations>"""


def test_cvat_xml_with_entities_is_refused(tmp_path: Path) -> None:
    (tmp_path / "annotations.xml").write_bytes(BOMB)
    with pytest.raises(FormatError) as caught:
        IMAGES.read(tmp_path, ReadOptions())
    assert caught.value.lines() == ["annotations.xml: refused hostile XML: DTDForbidden"]
