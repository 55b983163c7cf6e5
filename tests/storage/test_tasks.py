from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annota.storage import tasks
from annota.storage.db import Database
from annota.storage.errors import InvalidValue, NotFound
from annota.storage.tables import Blob, Job
from tests.storage.builders import a_project, a_task


def media(n: int, content: str = "") -> tasks.NewMedia:
    return tasks.NewMedia(
        f"img_{n}.jpg", (content or f"{n:x}").rjust(64, "0"), 100 + n, "image/jpeg", 640, 480
    )


@pytest.mark.parametrize(
    ("frames", "size", "overlap", "expected"),
    [
        (0, 10, 0, []),
        (25, 0, 0, [(0, 24)]),
        (25, 30, 0, [(0, 24)]),
        (25, 10, 0, [(0, 9), (10, 19), (20, 24)]),
        (20, 10, 0, [(0, 9), (10, 19)]),
        (25, 10, 2, [(0, 9), (8, 17), (16, 24)]),
        (26, 10, 2, [(0, 9), (8, 17), (16, 25)]),
        (27, 10, 2, [(0, 9), (8, 17), (16, 25), (24, 26)]),
        (5, 1, 0, [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]),
    ],
)
def test_segments_have_segment_size_frames_and_share_overlap_frames(
    frames: int, size: int, overlap: int, expected: list[tuple[int, int]]
) -> None:
    assert tasks.segment_ranges(frames, size, overlap) == expected


def test_an_overlap_as_large_as_the_segment_is_refused_at_its_field() -> None:
    with pytest.raises(InvalidValue) as error:
        tasks.segment_ranges(10, 5, 5)
    assert [p.loc for p in error.value.problems] == [("overlap",)]


def test_a_task_with_bad_segments_and_frames_reports_every_problem(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        with pytest.raises(InvalidValue) as error:
            tasks.create_task(
                session,
                project.id,
                name="t",
                owner_id=project.owner_id,
                media_kind="audio",
                segment_size=-1,
                frame_start=5,
                frame_stop=2,
                frame_step=0,
            )
    assert sorted(p.loc[0] for p in error.value.problems) == [
        "frame_step",
        "frame_stop",
        "media_kind",
        "segment_size",
    ]


def test_split_into_jobs_creates_one_job_per_segment(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session), segment_size=10, overlap=2)
        jobs = tasks.split_into_jobs(session, task, 25)

    assert [(j.frame_start, j.frame_stop, j.revision, j.state, j.stage) for j in jobs] == [
        (0, 9, 0, "new", "annotation"),
        (8, 17, 0, "new", "annotation"),
        (16, 24, 0, "new", "annotation"),
    ]


def test_split_again_after_appending_media_grows_the_last_job_and_adds_new_ones(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session), segment_size=10, overlap=2)
        before = tasks.split_into_jobs(session, task, 25)
        after = tasks.split_into_jobs(session, task, 35)

    assert [j.id for j in after[:3]] == [j.id for j in before]
    assert [(j.frame_start, j.frame_stop) for j in after] == [(0, 9), (8, 17), (16, 25), (24, 33), (32, 34)]


def test_split_again_with_the_same_frames_changes_nothing(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session), segment_size=10)
        tasks.split_into_jobs(session, task, 25)
        tasks.split_into_jobs(session, task, 25)
        assert session.scalar(select(func.count()).select_from(Job)) == 3


def test_appended_media_take_the_frames_after_the_last_one(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        tasks.append_media(session, task.id, [media(0), media(1)])
        added = tasks.append_media(session, task.id, [media(2)])

        assert [item.frame for item in added] == [2]
        assert tasks.count_frames(session, task.id) == 3
        assert tasks.get_media_item(session, task.id, 1).name == "img_1.jpg"
        with pytest.raises(NotFound):
            tasks.get_media_item(session, task.id, 3)


def test_the_same_content_in_two_tasks_is_one_blob(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        first, second = a_task(session, project), a_task(session, project)
        tasks.append_media(session, first.id, [media(0, "abc"), media(1, "abc")])
        tasks.append_media(session, second.id, [media(2, "abc")])

        assert session.scalar(select(func.count()).select_from(Blob)) == 1


def test_media_are_listed_by_frame_a_page_at_a_time(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        tasks.append_media(session, task.id, [media(n) for n in range(5)])

    with database.session() as session:
        page = tasks.list_media(session, task.id, page=2, page_size=2)
        assert [item.frame for item in page.items] == [2, 3]
        assert page.count == 5


def test_tasks_are_filtered_by_project_and_subset(database: Database) -> None:
    with database.write() as session:
        project = a_project(session)
        train = a_task(session, project)
        tasks.update_task(session, train.id, {"subset": "train"})
        a_task(session, project)

    with database.session() as session:
        found = tasks.list_tasks(session, filters={"project_id": project.id, "subset": "train"})
        assert [t.id for t in found.items] == [train.id]


def test_deleting_a_task_keeps_its_blobs(database: Database) -> None:
    with database.write() as session:
        task = a_task(session, a_project(session))
        tasks.append_media(session, task.id, [media(0)])
        tasks.split_into_jobs(session, task, 1)
        tasks.delete_task(session, task.id)

        assert tasks.count_frames(session, task.id) == 0
        assert session.scalar(select(func.count()).select_from(Job)) == 0
        assert session.scalar(select(func.count()).select_from(Blob)) == 1
