from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annota.storage import projects, tasks
from annota.storage.db import Database
from annota.storage.errors import Conflict, InvalidValue, NotFound
from annota.storage.tables import Job, Label, MediaItem, Task
from tests.storage.builders import a_job, a_label, a_project, a_task, a_user


def test_a_project_keeps_its_description_guidelines_and_owner(database: Database) -> None:
    with database.write() as session:
        owner = a_user(session)
        project = projects.create_project(
            session, owner_id=owner.id, name="Birds", description="All birds", guidelines="# Rules"
        )

    with database.session() as session:
        stored = projects.get_project(session, project.id)
        assert (stored.name, stored.description, stored.guidelines) == ("Birds", "All birds", "# Rules")
        assert stored.owner_id == owner.id and stored.organization_id is None


def test_a_project_in_an_unknown_organization_is_a_conflict(database: Database) -> None:
    with database.write() as session:
        owner = a_user(session)
        with pytest.raises(Conflict):
            projects.create_project(session, owner_id=owner.id, name="Birds", organization_id=99)


def test_a_project_of_an_unknown_owner_is_not_found(database: Database) -> None:
    with database.write() as session, pytest.raises(NotFound):
        projects.create_project(session, owner_id=99, name="Birds")


def test_updating_a_project_moves_its_updated_at(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        before = project.updated_at
        projects.update_project(session, project.id, {"guidelines": "new"})
        assert project.updated_at > before
        with pytest.raises(InvalidValue):
            projects.update_project(session, project.id, {"created_at": None})


def test_projects_are_listed_newest_first_and_filtered_by_owner(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        for owner, name in [(ada, "one"), (bob, "two"), (ada, "three")]:
            projects.create_project(session, owner_id=owner.id, name=name)

    with database.session() as session:
        assert [p.name for p in projects.list_projects(session).items] == ["three", "two", "one"]
        mine = projects.list_projects(session, filters={"owner_id": str(ada.id)}, sort="name")
        assert [p.name for p in mine.items] == ["one", "three"]


def test_labels_come_in_position_order_and_append_at_the_end(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        projects.create_label(session, project.id, name="cat", color="#00ff00")
        projects.create_label(session, project.id, name="bird", color="#0000ff", position=-1)
        projects.create_label(
            session,
            project.id,
            name="person",
            color="#ff0000",
            kind="skeleton",
            attributes=[{"name": "pose", "kind": "select", "values": ["standing", "sitting"]}],
            skeleton={"points": [{"name": "head", "x": 0.5, "y": 0.1}], "edges": []},
        )

    with database.session() as session:
        labels = projects.list_labels(session, project.id)
        assert [(label.name, label.position) for label in labels] == [("bird", -1), ("cat", 0), ("person", 1)]
        assert labels[2].attributes[0]["values"] == ["standing", "sitting"]
        assert labels[2].skeleton == {"points": [{"name": "head", "x": 0.5, "y": 0.1}], "edges": []}


def test_label_names_are_unique_within_a_project_only(database: Database) -> None:
    with database.write() as session:
        owner = a_user(session)
        birds, cats = a_project(session, owner, "Birds"), a_project(session, owner, "Cats")
        a_label(session, birds, "animal")
        a_label(session, cats, "animal")
        with pytest.raises(Conflict, match="already has a label named 'animal'"):
            a_label(session, birds, "animal")
        other = a_label(session, birds, "other")
        with pytest.raises(Conflict):
            projects.update_label(session, other.id, {"name": "animal"})


def test_deleting_a_label_deletes_only_that_label(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        bird, cat = a_label(session, project, "bird"), a_label(session, project, "cat")
        projects.delete_label(session, bird.id)
        assert [label.id for label in projects.list_labels(session, project.id)] == [cat.id]


def test_deleting_a_project_deletes_its_labels_tasks_media_and_jobs_and_nothing_else(
    database: Database,
) -> None:
    with database.write() as session:
        owner = a_user(session)
        project, other = a_project(session, owner, "Birds"), a_project(session, owner, "Cats")
        a_label(session, project)
        a_label(session, other)
        task = a_task(session, project)
        tasks.append_media(session, task.id, [tasks.NewMedia("a.jpg", "a" * 64, 10, "image/jpeg")])
        a_job(session, task)

    with database.write() as session:
        projects.delete_project(session, project.id)

    with database.session() as session:
        for table in (Task, MediaItem, Job):
            assert session.scalar(select(func.count()).select_from(table)) == 0, table.__tablename__
        assert [label.project_id for label in session.scalars(select(Label))] == [other.id]


def test_labels_are_validated_by_the_domain_and_stored_normalised(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        label = projects.create_label(
            session,
            project.id,
            name="car",
            color="#FF8800",
            attributes=[{"name": "parked", "kind": "checkbox"}],
        )
        with pytest.raises(InvalidValue) as bad_spec:
            projects.create_label(
                session, project.id, name="bus", color="#000000", attributes=[{"name": "seats"}]
            )
        with pytest.raises(InvalidValue) as bad_color:
            projects.create_label(session, project.id, name="bus", color="red")

    assert label.color == "#ff8800"
    assert label.attributes[0]["name"] == "parked" and label.attributes[0]["mutable"] is False
    assert [p.loc for p in bad_spec.value.problems] == [("attributes", 0, "kind")]
    assert [p.loc for p in bad_color.value.problems] == [("color",)]


def test_an_invalid_label_change_is_refused_and_changes_nothing(database: Database) -> None:
    with database.write() as session:
        label = a_label(session, a_project(session))
        with pytest.raises(InvalidValue):
            projects.update_label(session, label.id, {"kind": "skeleton"})  # a skeleton needs a template
        assert projects.get_label(session, label.id).kind == "any"
        projects.update_label(session, label.id, {"color": "#00FF00", "position": 4})

    with database.session() as session:
        stored = projects.get_label(session, label.id)
        assert (stored.kind, stored.color, stored.position) == ("any", "#00ff00", 4)
        assert list(projects.domain_labels(session, stored.project_id)) == [label.id]
