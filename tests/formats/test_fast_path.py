"""The records fast path gives the domain path's results: same files exported, same rows imported, same
located problems; COCO reads the same whatever the order of its annotations; bad records import nothing."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.shapes import mask
from annota.domain.shapes.base import Shape, Source, Visibility
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import get_kind
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.domain.tags import Tag
from annota.formats import coco, cvat_images, json_stream, native, record_spool, yolo
from annota.formats.base import Carries, Dataset, FormatError, Item, ReadOptions, WriteOptions
from annota.formats.output import FolderOutput
from annota.formats.records import RecordDataset, RecordItem, shape_record
from annota.formats.registry import FormatRegistry
from annota.services import dataset_rows
from annota.services.datasets import export_dataset, import_dataset
from annota.settings import Settings
from annota.storage import users
from annota.storage.db import Database
from tests.formats.corpus import REGISTRY
from tests.formats.roundtrip import import_into, stored_rows

FAST = ("coco", "yolo", "cvat_images", "native")
FAST_READERS = (*FAST, "ultralytics_classify")  # formats that read records (and write through the domain)


@dataclass
class DomainOnly:
    """A format seen through the `Format` protocol only, so that the services take the domain path."""

    inner: Any

    def __getattr__(self, name: str) -> Any:
        if name in ("read_records", "write_records"):
            raise AttributeError(name)
        return getattr(self.inner, name)


SLOW = FormatRegistry({name: DomainOnly(REGISTRY.get(name)) for name in REGISTRY.names()})  # type: ignore[misc]

SPECS = (
    AttributeSpec("speed", AttributeKind.NUMBER, min=0.0, max=100.0),
    AttributeSpec("color", AttributeKind.TEXT),
    AttributeSpec("parked", AttributeKind.CHECKBOX),
)
POSE = SkeletonTemplate(
    (SkeletonPoint("a", 0.2, 0.2), SkeletonPoint("b", 0.5, 0.8), SkeletonPoint("c", 0.8, 0.2)), ((0, 1),)
)
LABELS = (
    Label("car", "#ff0000", LabelKind.ANY, SPECS, None, 1),
    Label("person", "#00ff00", LabelKind.ANY, (), None, 2),
    Label("pose", "#0000ff", LabelKind.SKELETON, (), POSE, 3),
)  # fmt: skip


def shapes(frame: int) -> tuple[Shape, ...]:
    pixels = np.zeros((6, 5), dtype=bool)
    pixels[1:4, 2:5] = True
    geometries: list[tuple[int, Any]] = [
        (1, RectangleGeometry(10.5 + frame, 20.0, 60.25, 70.0)),
        (1, RectangleGeometry(5.0, 5.0, 25.0, 15.0, 30.0)),
        (2, PolygonGeometry((0.0, 0.0, 40.0, 2.0, 38.5, 30.0, 3.0, 28.0))),
        (2, PolylineGeometry((1.0, 1.0, 9.0, 9.0, 20.0, 4.0))),
        (2, PointsGeometry((7.0, 8.0, 9.5, 10.5))),
        (1, EllipseGeometry(50.0, 40.0, 10.0, 6.0, 15.0)),
        (2, mask.encode(pixels, 30, 30)),
        (3, SkeletonGeometry((10.0, 10.0, 20.0, 30.0, 30.0, 10.0),
                             (Visibility.VISIBLE, Visibility.OCCLUDED, Visibility.OUTSIDE))),
    ]  # fmt: skip
    out = []
    for i, (label, g) in enumerate(geometries):
        kind = type(g).__name__.removesuffix("Geometry").lower()
        attributes = {"speed": 12.5, "color": "red", "parked": True} if i == 0 else {}
        group = 1 if i in (2, 3) else None
        out.append(Shape(f"{frame}-{i}", kind, label, frame, g, z_order=i % 3, occluded=i == 0,
                         attributes=attributes, group=group, source=Source.MODEL))  # fmt: skip
    return tuple(out)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A native dataset with images: two subsets, every kind, attributes, groups, tags."""
    folder = tmp_path / "source"
    items = []
    for frame, (subset, name) in enumerate([("train", "a.png"), ("train", "b.png"), ("val", "c.png")]):
        image = tmp_path / "images" / name
        image.parent.mkdir(exist_ok=True)
        Image.new("RGB", (120, 90)).save(image)
        frame_in_subset = 0 if name != "b.png" else 1
        tags = (Tag(f"t{frame}", 2, frame_in_subset, frame_in_subset, source=Source.IMPORTED),)
        items.append(Item(name, subset, frame_in_subset, 120, 90, image, shapes(frame_in_subset), tags))
    native.FORMAT.write(Dataset(LABELS, items), FolderOutput(folder), WriteOptions(with_images=True))
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def export_with(
    database: Database, settings: Settings, registry: FormatRegistry, name: str, target: Path
) -> None:
    with database.session() as session:
        export_dataset(
            session, settings, registry, project_id=1, format_name=name, target=target, with_images=True
        )


def import_with(database: Database, settings: Settings, registry: FormatRegistry, path: Path, project: str,
                owner: int, name: str) -> None:  # fmt: skip
    with database.write() as session:
        import_dataset(
            session, settings, registry, path, project_name=project, owner_id=owner, format_name=name
        )


@pytest.mark.parametrize("name", FAST)
def test_fast_export_writes_the_files_the_domain_path_writes(
    name: str, source: Path, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    export_with(database, settings, REGISTRY, name, tmp_path / "fast")
    export_with(database, settings, SLOW, name, tmp_path / "slow")
    assert files(tmp_path / "fast") == files(tmp_path / "slow")


def test_coco_boxes_and_areas_written_from_records_are_the_domains(
    source: Path, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    export_with(database, settings, REGISTRY, "coco", tmp_path / "out")
    document = json.loads((tmp_path / "out" / "annotations" / "instances_train.json").read_text())
    written = [(round(a["area"], 6), [round(v, 6) for v in a["bbox"]]) for a in document["annotations"]]
    expected = []
    for shape in shapes(0) + shapes(1):
        if shape.kind in ("polyline", "points"):
            continue  # COCO cannot hold them
        ops = get_kind(shape.kind)
        x1, y1, x2, y2 = ops.bbox(shape.geometry)
        area = ops.area(shape.geometry) if shape.kind != "skeleton" else (x2 - x1) * (y2 - y1)
        expected.append((round(area, 6), [round(v, 6) for v in (x1, y1, x2 - x1, y2 - y1)]))
    assert sorted(written) == sorted(expected)


def test_yolo_rows_written_from_records_are_the_domains_boxes(
    source: Path, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    export_with(database, settings, REGISTRY, "yolo", tmp_path / "out")
    rows = (tmp_path / "out" / "obj_train_data" / "a.txt").read_text().split("\n")[:-1]
    expected = []
    for shape in shapes(0):
        if shape.kind == "rectangle":
            x1, y1, x2, y2 = get_kind("rectangle").bbox(shape.geometry)
            values = ((x1 + x2) / 240, (y1 + y2) / 180, (x2 - x1) / 120, (y2 - y1) / 90)
            expected.append("0 " + " ".join(f"{v:.6f}" for v in values))
    assert rows == expected


@pytest.mark.parametrize("name", FAST_READERS)
def test_fast_import_stores_the_rows_the_domain_path_stores(
    name: str, source: Path, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    export_with(database, settings, REGISTRY, name, tmp_path / "out")
    import_with(database, settings, REGISTRY, tmp_path / "out", "fast", admin_id, name)
    import_with(database, settings, SLOW, tmp_path / "out", "slow", admin_id, name)
    fast = stored_rows(database, "fast")
    assert fast and fast == stored_rows(database, "slow")


def test_native_round_trip_through_the_database_keeps_every_field(
    source: Path, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    export_with(database, settings, REGISTRY, "native", tmp_path / "out")
    import_with(database, settings, REGISTRY, tmp_path / "out", "again", admin_id, "native")
    rows = stored_rows(database, "source")
    assert len(rows) == 3 * 8 + 3
    assert stored_rows(database, "again") == rows


# -- COCO: order, batches, located problems ---------------------------------------------------------------


def coco_folder(tmp_path: Path, annotations: list[dict[str, Any]], order: str = "standard") -> Path:
    folder = tmp_path / f"coco-{order}"
    (folder / "images" / "val").mkdir(parents=True)
    images = [{"id": i + 1, "file_name": f"{i}.png", "width": 40, "height": 30} for i in range(6)]
    for image in images:
        Image.new("RGB", (40, 30)).save(folder / "images" / "val" / image["file_name"])
    members: dict[str, Any] = {"categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "tree"}],
                               "images": images, "annotations": annotations}  # fmt: skip
    if order == "annotations first":
        members = {key: members[key] for key in ("annotations", "images", "categories")}
    (folder / "instances_val.json").write_text(json.dumps(members, indent=1))
    return folder


def annotations(count: int) -> list[dict[str, Any]]:
    return [
        {"id": k, "image_id": k % 6 + 1, "category_id": k % 2 + 1, "bbox": [k % 7, 1.5, 5 + k % 3, 4],
         "attributes": {"occluded": k % 5 == 0, "kind": "x" if k % 4 else 3}}
        for k in range(count)
    ]  # fmt: skip


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "BATCH_BYTES", 300)
    monkeypatch.setattr(json_stream, "BLOCK_BYTES", 500)
    monkeypatch.setattr(record_spool, "BUCKET_ENTRIES", 10)


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("order", ["shuffled", "annotations first"])
def test_coco_annotations_in_any_order_import_as_in_image_order(
    order: str, database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    ordered = sorted(annotations(120), key=lambda a: a["image_id"])
    shuffled = annotations(120)[::-1] if order == "shuffled" else ordered
    import_into(database, settings, coco_folder(tmp_path, ordered), "ordered", admin_id, "coco")
    import_into(database, settings, coco_folder(tmp_path, shuffled, order), "other", admin_id, "coco")
    rows = stored_rows(database, "ordered")
    assert len(rows) == 120
    assert stored_rows(database, "other") == rows


@pytest.mark.usefixtures("small_batches")
def test_coco_problem_in_a_late_batch_is_located_at_its_annotation(tmp_path: Path) -> None:
    bad = annotations(200)
    bad[150]["bbox"] = [1, 2, 3]
    bad[180]["category_id"] = 9
    with pytest.raises(FormatError) as caught:
        list(coco.FORMAT.read_records(coco_folder(tmp_path, bad), ReadOptions()).items)
    assert caught.value.lines() == [
        "instances_val.json: annotations[150].bbox: expected 4 numbers, got 3 numbers",
        "instances_val.json: annotations[180].category_id: no category with id 9",
    ]


def test_coco_mixed_attribute_values_become_text_for_every_annotation(tmp_path: Path) -> None:
    dataset = coco.FORMAT.read_records(coco_folder(tmp_path, annotations(8)), ReadOptions())
    kinds = {label.name: {s.name: s.kind for s in label.attributes} for label in dataset.labels}
    values = [s["attributes"]["kind"] for item in dataset.items for s in item.shapes]
    assert kinds == {"car": {"kind": AttributeKind.TEXT}, "tree": {"kind": AttributeKind.TEXT}}
    assert sorted(set(values)) == ["3", "x"]


# -- the import checks every record, whoever read it ------------------------------------------------------


class Careless:
    """A record reader that trusts its file: the import must not."""

    name = "careless"
    title = description = "careless"
    carries = Carries(kinds=frozenset({"rectangle"}))
    can_read, can_write = True, False

    def __init__(self, records: list[Any]) -> None:
        self.records = records

    def detect(self, path: Path) -> float:
        return 1.0

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        raise AssertionError("the import reads records")

    def write(self, dataset: Dataset, output: Any, options: WriteOptions) -> None:
        raise AssertionError("not written")

    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        label = Label("car", "#ff0000", LabelKind.RECTANGLE, (), None, 1)
        image = path / "a.png"
        Image.new("RGB", (10, 10)).save(image)
        return RecordDataset(
            [label], [RecordItem("a.png", "", 0, 10, 10, image, self.records)]
        )  # not checked


def test_records_from_a_careless_reader_are_checked_and_nothing_is_imported(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    good = shape_record("rectangle", 1, {"points": [1.0, 1.0, 5.0, 5.0], "rotation": 0.0})
    records = [
        good,
        {**good, "geometry": {"points": [5.0, 1.0, 1.0, 5.0], "rotation": 0.0}},
        {**good, "source": "somewhere"},
        {**good, "label_id": 7},
        {**good, "kind": "polygon", "geometry": {"points": [0.0, 0.0, 4.0, 0.0, 4.0, 4.0]}},
        {**good, "kind": "cube"},
        {**good, "attributes": {"speed": 3}},
    ]
    registry = FormatRegistry({"careless": Careless(records)})  # type: ignore[dict-item]
    with pytest.raises(FormatError) as caught, database.write() as session:
        import_dataset(session, settings, registry, tmp_path, project_name="P", owner_id=admin_id)
    assert [line.split(": ", 2)[1:] for line in caught.value.lines()] == [
        ["shapes[1].geometry.points", "rectangle needs x1 < x2 and y1 < y2, got [5.0, 1.0, 1.0, 5.0]"],
        ["shapes[2].source", "expected one of 'manual', 'imported', 'tracker', 'model', got 'somewhere'"],
        ["shapes[3].label_id", "no label with dataset id 7"],
        ["shapes[4].kind", "label 'car' is for rectangle annotations, not polygon"],
        ["shapes[5].kind", "label 'car' is for rectangle annotations, not cube"],
        ["shapes[6].attributes.speed", "the label has no attribute 'speed'"],
    ]
    assert stored_rows(database, "P") == []


def test_a_failure_while_storing_rows_fails_the_import_and_stops_the_sender(
    source: Path, database: Database, settings: Settings, admin_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, name: str, rows: list[Any]) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(dataset_rows.RowWriter, "_send", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        import_with(database, settings, REGISTRY, source, "source", admin_id, "native")
    assert not any(t.name == "annota-rows" for t in threading.enumerate())
    assert stored_rows(database, "source") == []


def test_yolo_list_entry_outside_the_dataset_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "obj.names").write_text("car\n")
    (tmp_path / "obj.data").write_text("classes = 1\ntrain = data/train.txt\nnames = data/obj.names\n")
    (tmp_path / "train.txt").write_text("\ndata/../../secret/a.jpg\n")
    with pytest.raises(FormatError) as caught:
        list(yolo.FORMAT.read_records(tmp_path, ReadOptions()).items)
    assert caught.value.lines() == ["train.txt:2: 'data/../../secret/a.jpg' is outside the dataset folder"]


def test_cvat_label_used_but_not_declared_is_created_on_the_way(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    Image.new("RGB", (10, 10)).save(tmp_path / "a.png")
    (tmp_path / "annotations.xml").write_text(
        "<annotations><version>1.1</version><meta><task><labels><label><name>car</name></label></labels>"
        '</task></meta><image id="0" name="a.png" width="10" height="10">'
        '<box label="bus" xtl="1" ytl="1" xbr="4" ybr="4" occluded="0"/>'
        '<polygon label="" points="0,0;4,0;4,4"/></image></annotations>'
    )
    import_into(database, settings, tmp_path, "P", admin_id, "cvat_images")
    assert [row[3] for row in stored_rows(database, "P")] == ["bus", "unlabeled"]
    domain = cvat_images.FORMAT.read(tmp_path, ReadOptions())
    assert [label.name for label in domain.labels] == ["car", "bus", "unlabeled"]


@pytest.mark.postgres
def test_fast_paths_store_the_same_rows_on_postgresql(
    source: Path, pg_settings: Settings, settings: Settings, database: Database, admin_id: int, tmp_path: Path
) -> None:
    pg = Database.open(pg_settings)
    try:
        with pg.write() as session:
            owner = users.create_user(session, username="admin", password_hash="x").id
        import_with(pg, pg_settings, REGISTRY, source, "source", owner, "native")
        for name in FAST:
            export_with(pg, pg_settings, REGISTRY, name, tmp_path / f"pg-{name}")
            import_with(pg, pg_settings, REGISTRY, tmp_path / f"pg-{name}", f"pg-{name}", owner, name)
            import_with(
                database, settings, REGISTRY, tmp_path / f"pg-{name}", f"sqlite-{name}", admin_id, name
            )
            rows = stored_rows(pg, f"pg-{name}")
            assert rows and rows == stored_rows(database, f"sqlite-{name}")
    finally:
        pg.dispose()
