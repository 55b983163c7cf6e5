from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import delete, select

from annota.domain.document import diff_from_dict, diff_to_dict
from annota.storage import annotations as stored
from annota.storage import projects, tasks
from annota.storage.db import Database
from annota.storage.errors import InvalidDiff, NotFound, StaleRevision
from annota.storage.tables import Job, Label, ShapeRow, TagRow, TrackRow
from tests.storage.builders import a_label, a_project, a_task, a_user
from tests.storage.threads import finish, run_together, start

SKELETON = {
    "points": [{"name": "head", "x": 0.5, "y": 0.1}, {"name": "tail", "x": 0.5, "y": 0.9}],
    "edges": [[0, 1]],
}


@dataclass(frozen=True)
class Setup:
    job_id: int  # frames 0..9
    other_job_id: int  # frames 10..19, same task
    label_id: int  # kind "any"
    skeleton_label_id: int
    foreign_label_id: int  # a label of another project


@pytest.fixture
def setup(database: Database) -> Setup:
    with database.write() as session:
        owner = a_user(session)
        project = a_project(session, owner, "Birds")
        label = projects.create_label(
            session,
            project.id,
            name="bird",
            color="#ff0000",
            attributes=[
                {"name": "note", "kind": "text"},
                {"name": "flying", "kind": "checkbox", "mutable": True},
            ],
        )
        skeleton = projects.create_label(
            session, project.id, name="pose", color="#00ff00", kind="skeleton", skeleton=SKELETON
        )
        foreign = a_label(session, a_project(session, owner, "Cats"), "cat")
        jobs = tasks.split_into_jobs(session, a_task(session, project, segment_size=10), 20)
        return Setup(jobs[0].id, jobs[1].id, label.id, skeleton.id, foreign.id)


def every_kind(s: Setup) -> dict[str, list[dict[str, Any]]]:
    """One annotation of each shape kind, a track and two tags, in the wire shape."""
    label = s.label_id

    def shape(id_: str, kind: str, frame: int, **geometry: Any) -> dict[str, Any]:
        return {"id": id_, "kind": kind, "label_id": label, "frame": frame, **geometry}

    return {
        "shapes": [
            shape(
                "r1", "rectangle", 0, points=[1, 2, 30, 40], rotation=15, attributes={"note": "x"}, group=3
            ),
            shape("p1", "polygon", 1, points=[0, 0, 10, 0, 10, 10], z_order=2, occluded=True),
            shape("l1", "polyline", 2, points=[0, 0, 5, 5], source="model", score=0.75),
            shape("k1", "points", 3, points=[3.5, 3.5]),
            shape("e1", "ellipse", 4, points=[50, 50, 10, 5], rotation=0),
            shape("m1", "mask", 5, bbox=[0, 0, 4, 2], rle=[2, 3, 3]),
            {
                "id": "s1",
                "kind": "skeleton",
                "label_id": s.skeleton_label_id,
                "frame": 9,
                "points": [1, 1, 2, 2],
                "visibility": ["visible", "occluded"],
            },
        ],
        "tracks": [
            {
                "id": "t1",
                "kind": "rectangle",
                "label_id": label,
                "keyframes": [
                    {"frame": 0, "points": [0, 0, 10, 10], "rotation": 0},
                    {"frame": 3, "points": [2, 2, 12, 12], "rotation": 0, "attributes": {"flying": True}},
                    {
                        "frame": 6,
                        "points": [5, 5, 15, 15],
                        "rotation": 0,
                        "outside": True,
                        "source": "tracker",
                    },
                ],
            }
        ],
        "tags": [
            {"id": "g1", "label_id": label, "frame": 2, "stop_frame": 4},
            {"id": "g2", "label_id": label, "frame": 7},
        ],
    }


def creating(document: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {name: {"create": items} for name, items in document.items()}


def normalised(diff: dict[str, Any]) -> dict[str, Any]:
    """What the domain makes of a diff: the wire shape with every default written out."""
    return diff_to_dict(diff_from_dict(diff))


def load(database: Database, job_id: int) -> dict[str, Any]:
    with database.session() as session:
        return stored.load_document(session, job_id)


def save(database: Database, job_id: int, revision: int, diff: dict[str, Any]) -> int:
    with database.write() as session:
        return stored.save_diff(session, job_id, revision, diff)


def row_revisions(database: Database) -> dict[str, int]:
    with database.session() as session:
        stamps: dict[str, int] = {}
        for table in (ShapeRow, TrackRow, TagRow):
            stamps.update((row.id, row.revision) for row in session.execute(select(table.id, table.revision)))
        return stamps


def problems_of(error: pytest.ExceptionInfo[InvalidDiff]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.loc, p.type) for p in error.value.problems]


def test_a_new_job_loads_as_an_empty_document_at_revision_0(database: Database, setup: Setup) -> None:
    assert load(database, setup.job_id) == {"revision": 0, "shapes": [], "tracks": [], "tags": []}


def test_loading_an_unknown_job_is_not_found(database: Database, setup: Setup) -> None:
    with pytest.raises(NotFound):
        load(database, 999)
    with pytest.raises(NotFound):
        save(database, 999, 0, {})


def test_every_shape_kind_a_track_and_tags_load_back_as_saved(database: Database, setup: Setup) -> None:
    diff = creating(every_kind(setup))

    assert save(database, setup.job_id, 0, diff) == 1

    expected = normalised(diff)
    document = load(database, setup.job_id)
    assert document["revision"] == 1
    for name in ("shapes", "tracks", "tags"):
        assert sorted(document[name], key=lambda o: o["id"]) == sorted(
            expected[name]["create"], key=lambda o: o["id"]
        )


def test_shapes_load_in_frame_order(database: Database, setup: Setup) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))

    frames = [shape["frame"] for shape in load(database, setup.job_id)["shapes"]]

    assert frames == sorted(frames)


def test_updates_replace_whole_objects_deletes_remove_them_and_untouched_rows_keep_their_revision(
    database: Database, setup: Setup
) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    moved = {
        "id": "r1",
        "kind": "polygon",
        "label_id": setup.label_id,
        "frame": 8,
        "points": [1, 1, 9, 1, 5, 5],
    }

    revision = save(
        database,
        setup.job_id,
        1,
        {"shapes": {"update": [moved], "delete": ["p1"]}, "tags": {"delete": ["g2"]}},
    )

    document = load(database, setup.job_id)
    shapes = {shape["id"]: shape for shape in document["shapes"]}
    assert revision == 2 and document["revision"] == 2
    assert shapes["r1"] == normalised({"shapes": {"create": [moved]}})["shapes"]["create"][0]
    assert "p1" not in shapes
    assert [tag["id"] for tag in document["tags"]] == ["g1"]
    stamps = row_revisions(database)
    assert stamps["r1"] == 2
    assert {stamps[i] for i in ("l1", "k1", "e1", "m1", "s1", "t1", "g1")} == {1}


def test_a_save_based_on_a_stale_revision_changes_nothing(database: Database, setup: Setup) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    before = load(database, setup.job_id)

    with pytest.raises(StaleRevision) as error:
        save(database, setup.job_id, 0, {"shapes": {"delete": ["r1"]}})

    assert (error.value.expected, error.value.current) == (0, 1)
    assert load(database, setup.job_id) == before


def test_unknown_ids_in_updates_and_deletes_are_located_and_change_nothing(
    database: Database, setup: Setup
) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    before = load(database, setup.job_id)
    ghost = {"id": "ghost", "label_id": setup.label_id, "frame": 1}

    with pytest.raises(InvalidDiff) as error:
        save(
            database,
            setup.job_id,
            1,
            {
                "shapes": {"delete": ["r1", "nope"]},
                "tags": {"update": [{"id": "g1", "label_id": setup.label_id, "frame": 1}, ghost]},
            },
        )

    assert problems_of(error) == [
        (("shapes", "delete", 1), "unknown_id"),
        (("tags", "update", 1, "id"), "unknown_id"),
    ]
    assert load(database, setup.job_id) == before


def test_annotations_of_another_job_can_be_neither_updated_nor_deleted(
    database: Database, setup: Setup
) -> None:
    other = {"id": "x1", "kind": "points", "label_id": setup.label_id, "frame": 12, "points": [1, 1]}
    save(database, setup.other_job_id, 0, {"shapes": {"create": [other]}})

    with pytest.raises(InvalidDiff) as error:
        save(database, setup.job_id, 0, {"shapes": {"update": [{**other, "frame": 2}], "delete": []}})
    with pytest.raises(InvalidDiff):
        save(database, setup.job_id, 0, {"shapes": {"delete": ["x1"]}})

    assert problems_of(error) == [(("shapes", "update", 0, "id"), "unknown_id")]
    assert [shape["frame"] for shape in load(database, setup.other_job_id)["shapes"]] == [12]


def test_creating_an_id_that_exists_in_any_job_is_refused(database: Database, setup: Setup) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    copy = {"id": "r1", "kind": "points", "label_id": setup.label_id, "frame": 11, "points": [1, 1]}

    with pytest.raises(InvalidDiff) as same_job:
        save(database, setup.job_id, 1, {"tracks": {"create": every_kind(setup)["tracks"]}})
    with pytest.raises(InvalidDiff) as other_job:
        save(database, setup.other_job_id, 0, {"shapes": {"create": [copy]}})

    assert problems_of(same_job) == [(("tracks", "create", 0, "id"), "duplicate")]
    assert problems_of(other_job) == [(("shapes", "create", 0, "id"), "duplicate")]
    assert load(database, setup.other_job_id)["revision"] == 0


def test_frames_outside_the_job_are_refused_where_they_are(database: Database, setup: Setup) -> None:
    document = every_kind(setup)
    document["shapes"][0]["frame"] = 10
    document["tracks"][0]["keyframes"][2]["frame"] = 12
    document["tags"][0]["stop_frame"] = 15

    with pytest.raises(InvalidDiff) as error:
        save(database, setup.job_id, 0, creating(document))

    assert problems_of(error) == [
        (("shapes", "create", 0, "frame"), "out_of_range"),
        (("tracks", "create", 0, "keyframes", 2, "frame"), "out_of_range"),
        (("tags", "create", 0, "stop_frame"), "out_of_range"),
    ]
    assert load(database, setup.job_id)["revision"] == 0


def test_bad_geometry_and_foreign_labels_are_reported_together_and_change_nothing(
    database: Database, setup: Setup
) -> None:
    bad = [
        {"id": "a", "kind": "polygon", "label_id": setup.label_id, "frame": 0, "points": [0, 0, 1, 1]},
        {"id": "b", "kind": "points", "label_id": setup.foreign_label_id, "frame": 0, "points": [0, 0]},
    ]

    with pytest.raises(InvalidDiff) as error:
        save(database, setup.job_id, 0, {"shapes": {"create": bad}})

    assert [p.loc for p in error.value.problems] == [
        ("shapes", "create", 0, "points"),
        ("shapes", "create", 1, "label_id"),
    ]
    assert load(database, setup.job_id) == {"revision": 0, "shapes": [], "tracks": [], "tags": []}


def test_a_failed_save_leaves_the_callers_transaction_usable_and_the_revision_intact(
    database: Database, setup: Setup
) -> None:
    with database.write() as session:
        with pytest.raises(InvalidDiff):
            stored.save_diff(session, setup.job_id, 0, {"shapes": {"delete": ["nope"]}})
        assert stored.load_document(session, setup.job_id)["revision"] == 0
        stored.save_diff(session, setup.job_id, 0, creating(every_kind(setup)))

    assert load(database, setup.job_id)["revision"] == 1


def test_a_domain_diff_is_saved_like_its_wire_form(database: Database, setup: Setup) -> None:
    diff = creating(every_kind(setup))

    with database.write() as session:
        stored.save_diff(session, setup.job_id, 0, diff_from_dict(diff))

    assert len(load(database, setup.job_id)["shapes"]) == len(diff["shapes"]["create"])


def test_replacing_the_document_writes_only_what_changed(database: Database, setup: Setup) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    document = load(database, setup.job_id)
    document["shapes"] = [s for s in document["shapes"] if s["id"] != "p1"]
    document["shapes"][0]["z_order"] = 5
    changed = document["shapes"][0]["id"]
    document["tags"].append({"id": "g3", "label_id": setup.label_id, "frame": 1})

    with database.write() as session:
        revision = stored.replace_document(session, setup.job_id, 1, document)

    reloaded = load(database, setup.job_id)
    assert revision == 2
    assert sorted(s["id"] for s in reloaded["shapes"]) == sorted(s["id"] for s in document["shapes"])
    assert [t["id"] for t in reloaded["tags"]] == ["g3", "g1", "g2"]
    stamps = row_revisions(database)
    assert {i for i, r in stamps.items() if r == 2} == {changed, "g3"}


def test_replacing_the_document_reports_problems_at_their_place_in_the_document(
    database: Database, setup: Setup
) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))
    document = load(database, setup.job_id)
    document["shapes"][3]["frame"] = 30

    with database.write() as session, pytest.raises(InvalidDiff) as error:
        stored.replace_document(session, setup.job_id, 1, document)
    with database.write() as session, pytest.raises(StaleRevision):
        stored.replace_document(session, setup.job_id, 0, document)

    assert problems_of(error) == [(("shapes", 3, "frame"), "out_of_range")]


def test_of_two_concurrent_saves_from_the_same_revision_exactly_one_wins(
    database: Database, setup: Setup
) -> None:
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def editor(name: str) -> None:
        start.wait()
        shape = {"id": name, "kind": "points", "label_id": setup.label_id, "frame": 0, "points": [1, 1]}
        try:
            outcomes.append(save(database, setup.job_id, 0, {"shapes": {"create": [shape]}}))
        except StaleRevision as error:
            outcomes.append(error)

    run_together(editor, [("ada",), ("bob",)])

    assert sorted(map(type, outcomes), key=str) == sorted([int, StaleRevision], key=str)
    document = load(database, setup.job_id)
    assert document["revision"] == 1 and len(document["shapes"]) == 1


def test_a_document_loaded_during_saves_is_always_of_one_revision(database: Database, setup: Setup) -> None:
    ids = [f"s{n}" for n in range(30)]
    save(database, setup.job_id, 0, creating({"shapes": [points(setup, i, 1) for i in ids]}))
    done = threading.Event()

    def saver() -> None:
        for revision in range(1, 30):
            save(
                database,
                setup.job_id,
                revision,
                {"shapes": {"update": [points(setup, i, revision + 1) for i in ids]}},
            )
        done.set()

    thread = start(saver)
    seen = set()
    try:
        while not done.is_set():
            document = load(database, setup.job_id)
            seen.add(document["revision"])
            assert {shape["z_order"] for shape in document["shapes"]} == {document["revision"]}
    finally:
        finish([thread])
    assert len(seen) > 1


def points(setup: Setup, id_: str, z_order: int) -> dict[str, Any]:
    return {
        "id": id_,
        "kind": "points",
        "label_id": setup.label_id,
        "frame": 0,
        "points": [1, 1],
        "z_order": z_order,
    }


def test_deleting_a_job_or_a_label_deletes_its_annotations(database: Database, setup: Setup) -> None:
    save(database, setup.job_id, 0, creating(every_kind(setup)))

    with database.write() as session:
        session.execute(delete(Label).where(Label.id == setup.skeleton_label_id))
    assert "s1" not in {s["id"] for s in load(database, setup.job_id)["shapes"]}

    with database.write() as session:
        session.execute(delete(Job).where(Job.id == setup.job_id))
    assert row_revisions(database) == {}


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = threading.active_count()
    yield
    assert threading.active_count() == before
