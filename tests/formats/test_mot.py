"""MOT 1.1: the corpus sample, tracks kept as tracks, round trips and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.interpolation import expand
from annota.domain.labels import Label, LabelKind
from annota.domain.shapes import rectangle
from annota.domain.shapes.base import Shape
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track
from annota.formats.base import Dataset, DatasetTrack, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.mot import FORMAT, _visible
from annota.formats.output import FolderOutput
from annota.formats.registry import FormatRegistry
from annota.services.datasets import export_dataset, import_dataset
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import stored, through_a_project

VISIBILITY = AttributeSpec("visibility", AttributeKind.NUMBER, min=0, max=1, mutable=True)
LABELS = (
    Label("car", "#112233", LabelKind.ANY, (VISIBILITY,), id=0),
    Label("person", "#445566", LabelKind.ANY, id=1),
)


def read(path: Path) -> tuple[Dataset, list[Item], list[DatasetTrack]]:
    dataset = FORMAT.read(path, ReadOptions())
    return dataset, list(dataset.items), list(dataset.tracks)


def per_frame(
    dataset: Dataset, tracks: list[DatasetTrack], n_frames: int
) -> list[tuple[int, str, tuple[float, ...]]]:
    names = {label.id: label.name for label in dataset.labels}
    out = []
    for entry in tracks:
        for frame, box, _ in _visible(entry.track, n_frames - 1):
            out.append(
                (
                    frame,
                    names[entry.track.label_id],
                    tuple(round(v, 6) for v in (box.x1, box.y1, box.x2, box.y2)),
                )
            )
    return sorted(out)


def test_mot_sample_reads_a_row_without_track_id_as_a_box_of_label_2() -> None:
    dataset, items, tracks = read(corpus_or_skip("mot/dm_mot_seq"))
    assert [label.name for label in dataset.labels] == [f"label_{i}" for i in range(10)]
    (item,) = items
    assert (item.name, item.width, item.height) == ("000001.jpg", 16, 16)
    (box,) = item.shapes
    assert dataset.labels[box.label_id].name == "label_2"
    assert box.geometry == RectangleGeometry(0, 4, 4, 12)
    assert dict(box.attributes) == {"ignored": False, "visibility": 1.0}
    assert tracks == []


def test_mot_sample_survives_export_with_images_and_reimport(tmp_path: Path) -> None:
    dataset, items, tracks = read(corpus_or_skip("mot/dm_mot_seq"))
    FORMAT.write(
        Dataset(dataset.labels, items, tracks), FolderOutput(tmp_path), WriteOptions(with_images=True)
    )
    assert (tmp_path / "gt" / "gt.txt").read_text() == "1,-1,0,4,4,8,1,3,1\n"
    again, again_items, _ = read(tmp_path)
    assert [label.name for label in again.labels] == [label.name for label in dataset.labels]
    assert [(i.name, i.width, i.height, i.shapes[0].geometry) for i in again_items] == [
        ("000001.jpg", 16, 16, RectangleGeometry(0, 4, 4, 12))
    ]


def test_mot_rows_sharing_an_id_become_a_track_with_outside_after_gaps(tmp_path: Path) -> None:
    (tmp_path / "gt").mkdir()
    rows = ["1,7,0,0,2,2,1,1,0.5", "2,7,1,0,2,2,1,1,0.5", "5,7,4,0,2,2,1,1,1", "2,-1,9,9,1,1,1,2,1"]
    (tmp_path / "gt" / "gt.txt").write_text("\n".join(rows) + "\n")
    (tmp_path / "gt" / "labels.txt").write_text("car\nperson\n")
    (tmp_path / "seqinfo.ini").write_text("[Sequence]\nseqLength=6\nimExt=.png\n")
    dataset, items, tracks = read(tmp_path)
    assert [i.name for i in items] == [f"00000{n}.png" for n in range(1, 7)]
    assert [len(i.shapes) for i in items] == [0, 1, 0, 0, 0, 0]
    (entry,) = tracks
    track = entry.track
    assert dataset.labels[track.label_id].name == "car"
    assert [(k.frame, k.outside) for k in track.keyframes] == [
        (0, False),
        (1, False),
        (2, True),
        (4, False),
        (5, True),
    ]
    assert [k.attributes["visibility"] for k in track.keyframes if not k.outside] == [0.5, 0.5, 1]
    assert next(s for s in dataset.labels[track.label_id].attributes if s.name == "visibility").mutable


def test_mot_writer_interpolates_between_keyframes_and_holds_after_the_last(tmp_path: Path) -> None:
    keyframes = (
        Keyframe(0, RectangleGeometry(0, 0, 2, 2), attributes={"visibility": 1}),
        Keyframe(2, RectangleGeometry(4, 0, 6, 2), attributes={"visibility": 1}),
    )
    track = DatasetTrack("", Track("t", "rectangle", 0, keyframes))
    items = [Item(f"f{n}.jpg", "", n, 10, 10) for n in range(4)]
    FORMAT.write(Dataset(LABELS, items, [track]), FolderOutput(tmp_path), WriteOptions())
    assert (tmp_path / "gt" / "gt.txt").read_text().splitlines() == [
        "1,1,0,0,2,2,1,1,1",
        "2,1,2,0,2,2,1,1,1",
        "3,1,4,0,2,2,1,1,1",
        "4,1,4,0,2,2,1,1,1",
    ]


def test_mot_writer_gives_each_frame_the_box_of_the_domains_interpolation(tmp_path: Path) -> None:
    keyframes = (
        Keyframe(1, RectangleGeometry(0, 0, 4, 2, rotation=30), attributes={"visibility": 0.5}),
        Keyframe(4, RectangleGeometry(6, 3, 8, 9)),
        Keyframe(6, RectangleGeometry(20, 20, 24, 24), outside=True),
        Keyframe(8, RectangleGeometry(1, 1, 3, 3), attributes={"visibility": 1}),
    )
    track = Track("t", "rectangle", 0, keyframes)
    items = [Item(f"f{n}.jpg", "", n, 30, 30) for n in range(11)]
    FORMAT.write(Dataset(LABELS, items, [DatasetTrack("", track)]), FolderOutput(tmp_path), WriteOptions())

    rows = [
        [float(v) for v in row.split(",")] for row in (tmp_path / "gt" / "gt.txt").read_text().splitlines()
    ]
    expected = [
        [s.frame + 1, 1, *_xywh(rectangle.bbox(s.geometry)), 1, 1, s.attributes.get("visibility", 1)]  # type: ignore[arg-type]
        for s in expand(track, 0, 10)
        if not s.outside
    ]
    assert [row[0] for row in rows] == [2, 3, 4, 5, 6, 9, 10, 11]
    assert [len(row) for row in rows] == [len(row) for row in expected]
    assert [v for row in rows for v in row] == pytest.approx([v for row in expected for v in row])


def _xywh(box: tuple[float, float, float, float]) -> list[float]:
    x1, y1, x2, y2 = box
    return [x1, y1, x2 - x1, y2 - y1]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[Dataset, list[Item], list[DatasetTrack], int]:
    n_frames = draw(st.integers(1, 8))
    coordinate = st.integers(0, 50).map(float)
    tracks = []
    for t in range(draw(st.integers(0, 3))):
        frames = sorted(draw(st.sets(st.integers(0, n_frames - 1), min_size=1, max_size=4)))
        keyframes = []
        for frame in frames:
            x, y = draw(coordinate), draw(coordinate)
            outside = draw(st.booleans()) and frame != frames[0]
            attributes = {"visibility": draw(st.sampled_from([0.25, 0.5, 1.0]))}
            keyframes.append(
                Keyframe(frame, RectangleGeometry(x, y, x + 4, y + 2), outside=outside, attributes=attributes)
            )
        tracks.append(DatasetTrack("", Track(str(t), "rectangle", draw(st.integers(0, 1)), tuple(keyframes))))
    items = []
    for frame in range(n_frames):
        shapes = tuple(
            Shape(f"{frame}.{n}", "rectangle", 1, frame, RectangleGeometry(n, 0.5, n + 2.25, 3))
            for n in range(draw(st.integers(0, 2)))
        )
        items.append(Item(f"{frame + 1:06d}.jpg", "", frame, shapes=shapes))
    return Dataset(LABELS, items, tracks), items, tracks, n_frames


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=datasets())
def test_mot_round_trip_keeps_the_boxes_of_every_frame(
    generated: tuple[Dataset, list[Item], list[DatasetTrack], int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset, items, tracks, n_frames = generated
    folder = tmp_path_factory.mktemp("mot")
    FORMAT.write(dataset, FolderOutput(folder), WriteOptions())
    again, again_items, again_tracks = read(folder)
    assert len(again_items) == n_frames
    assert per_frame(again, again_tracks, n_frames) == per_frame(dataset, tracks, n_frames)
    boxes = [[s.geometry for s in i.shapes] for i in items]
    assert [[s.geometry for s in i.shapes] for i in again_items] == boxes


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("1,2,3\n", "gt/gt.txt:1: expected at least 6 comma-separated columns, got 3"),
        ("1,1,0,0,x,2\n", "gt/gt.txt:1: column 5 (width): expected a number, got 'x'"),
        ("0,1,0,0,2,2\n", "gt/gt.txt:1: column 1 (frame): expected a frame number from 1, got '0'"),
        ("1,1.5,0,0,2,2\n", "gt/gt.txt:1: column 2 (id): expected a whole number, got '1.5'"),
        ("1,1,0,0,0,2\n", "gt/gt.txt:1: columns 5-6 (width, height): expected positive sizes, got 0, 2"),
        ("1,1,0,0,2,2,1,3,1\n", "gt/gt.txt:1: column 8 (class): expected a class from 1 to 2, got '3'"),
        ("1,1,0,0,2,2,1,1,1\n1,1,0,0,2,2,1,1,1\n", "gt/gt.txt:2: track 1 has two rows on frame 1"),
        ("1,1,0,0,2,2,1,1,1\n2,1,0,0,2,2,1,2,1\n", "gt/gt.txt:2: track 1 changes class (it began as 'car')"),
        ("9,1,0,0,2,2,1,1,1\n", "gt/gt.txt:1: frame 9 is beyond the sequence's 2 frames"),
    ],
)
def test_mot_bad_row_is_refused_with_its_line(tmp_path: Path, rows: str, message: str) -> None:
    (tmp_path / "gt").mkdir()
    (tmp_path / "gt" / "gt.txt").write_text(rows)
    (tmp_path / "gt" / "labels.txt").write_text("car\nperson\n")
    (tmp_path / "seqinfo.ini").write_text("[Sequence]\nseqLength=2\n")
    with pytest.raises(FormatError) as caught:
        FORMAT.read(tmp_path, ReadOptions())
    assert [str(p) for p in caught.value.problems] == [message]


def test_mot_without_labels_uses_the_mot17_classes(tmp_path: Path) -> None:
    (tmp_path / "gt").mkdir()
    (tmp_path / "gt" / "gt.txt").write_text("1,-1,0,0,2,2,1,3,1\n")
    dataset, items, _ = read(tmp_path)
    assert dataset.labels[items[0].shapes[0].label_id].name == "car"


def test_mot_detects_a_sequence_folder_with_certainty() -> None:
    assert FORMAT.detect(corpus_or_skip("mot/dm_mot_seq")) == 1.0
    assert FORMAT.detect(corpus_or_skip("voc/dm_voc_dataset1")) == 0.0


@pytest.mark.parametrize("sample", ["mot/dm_mot_seq"])
def test_mot_sample_goes_through_a_project_and_back(
    sample: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = corpus_or_skip(sample)
    first, again = through_a_project(database, settings, admin_id, FORMAT, path, tmp_path / "out.zip")
    assert again == first


def test_mot_tracks_go_through_a_project_and_back(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "in"
    (path / "gt").mkdir(parents=True)
    (path / "img1").mkdir()
    for n in range(1, 5):
        Image.new("RGB", (32, 24)).save(path / "img1" / f"{n:06d}.jpg")
    rows = ["1,3,0,0,4,4,1,1,0.5", "3,3,2,0,4,4,1,1,1", "2,4,1,1,2,2,1,2,1", "4,-1,5,5,3,3,1,2,1"]
    (path / "gt" / "gt.txt").write_text("\n".join(rows) + "\n")
    (path / "gt" / "labels.txt").write_text("car\nperson\n")
    registry = FormatRegistry({FORMAT.name: FORMAT})
    with database.write() as session:
        first = import_dataset(session, settings, registry, path, project_name="first", owner_id=admin_id)
    assert stored(database, "first")["tracks"] == {("rectangle", "car"): 1, ("rectangle", "person"): 1}
    with database.session() as session:
        options = {"format_name": FORMAT.name, "target": tmp_path / "out", "with_images": True}
        export_dataset(session, settings, registry, project_id=first.project_id, **options)
    with database.write() as session:
        import_dataset(session, settings, registry, tmp_path / "out", project_name="again", owner_id=admin_id)
    assert stored(database, "again") == stored(database, "first")
