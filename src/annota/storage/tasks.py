"""Tasks, their media items (frames) and their split into jobs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annota.storage.errors import InvalidValue, NotFound
from annota.storage.pagination import Page, paginate
from annota.storage.problems import Problem
from annota.storage.projects import get_project
from annota.storage.rows import get_or_raise, non_empty, one_of, update_unique, write_unique
from annota.storage.tables import MEDIA_KINDS, Blob, Job, MediaItem, Task

TASK_COLUMNS = {
    "id": Task.id,
    "name": Task.name,
    "project_id": Task.project_id,
    "owner_id": Task.owner_id,
    "subset": Task.subset,
    "media_kind": Task.media_kind,
    "deadline": Task.deadline,
    "created_at": Task.created_at,
    "updated_at": Task.updated_at,
}
MEDIA_COLUMNS = {"frame": MediaItem.frame, "name": MediaItem.name}
_TASK_CHANGEABLE = {"name": non_empty, "subset": None, "deadline": None, "owner_id": None}


@dataclass(frozen=True, slots=True)
class NewMedia:
    """A media file to append to a task; its blob is recorded (or found) by content hash."""

    name: str
    content_hash: str
    size_bytes: int
    mime: str
    width: int | None = None
    height: int | None = None


def create_task(
    session: Session,
    project_id: int,
    *,
    name: str,
    owner_id: int,
    subset: str = "",
    media_kind: str = "images",
    segment_size: int = 0,
    overlap: int = 0,
    frame_start: int = 0,
    frame_stop: int | None = None,
    frame_step: int = 1,
    deadline: datetime | None = None,
) -> Task:
    get_project(session, project_id)
    problems = _segment_problems(segment_size, overlap)
    if media_kind not in MEDIA_KINDS:
        problems.append(Problem(("media_kind",), one_of(MEDIA_KINDS)(media_kind) or "", "invalid_value"))
    if frame_start < 0:
        problems.append(Problem(("frame_start",), "must be 0 or more", "invalid_value"))
    if frame_stop is not None and frame_stop < frame_start:
        problems.append(Problem(("frame_stop",), "must not be before frame_start", "invalid_value"))
    if frame_step < 1:
        problems.append(Problem(("frame_step",), "must be 1 or more", "invalid_value"))
    if problems:
        raise InvalidValue(problems)
    task = Task(
        project_id=project_id,
        name=name,
        owner_id=owner_id,
        subset=subset,
        media_kind=media_kind,
        segment_size=segment_size,
        overlap=overlap,
        frame_start=frame_start,
        frame_stop=frame_stop,
        frame_step=frame_step,
        deadline=deadline,
    )
    write_unique(session, task, f"user {owner_id} does not exist")
    return task


def get_task(session: Session, task_id: int) -> Task:
    return get_or_raise(session, Task, task_id, "task")


def list_tasks(
    session: Session,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = "-created_at",
    filters: Mapping[str, object] | None = None,
) -> Page[Task]:
    """Tasks filtered by equality on TASK_COLUMNS (e.g. {"project_id": 3, "subset": "train"})."""
    return paginate(
        session,
        select(Task),
        columns=TASK_COLUMNS,
        unique_key=Task.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def update_task(session: Session, task_id: int, changes: Mapping[str, Any]) -> Task:
    task = get_task(session, task_id)
    update_unique(session, task, changes, _TASK_CHANGEABLE, f"user {changes.get('owner_id')} does not exist")
    return task


def delete_task(session: Session, task_id: int) -> None:
    """Delete a task with its media items, jobs and annotations (blobs stay until collected)."""
    session.delete(get_task(session, task_id))
    session.flush()


def ensure_blob(session: Session, media: NewMedia) -> Blob:
    """The blob for this content hash, recorded on first sight (concurrent imports may race)."""
    blob = session.get(Blob, media.content_hash)
    if blob is not None:
        return blob
    blob = Blob(
        content_hash=media.content_hash,
        size_bytes=media.size_bytes,
        mime=media.mime,
        width=media.width,
        height=media.height,
    )
    try:
        with session.begin_nested():
            session.add(blob)
            session.flush()
    except IntegrityError:
        # Another transaction recorded the same content first: theirs is the same bytes.
        return get_or_raise(session, Blob, media.content_hash, "blob")
    return blob


def count_frames(session: Session, task_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(MediaItem).where(MediaItem.task_id == task_id)) or 0
    )


def append_media(session: Session, task_id: int, media: Sequence[NewMedia]) -> list[MediaItem]:
    """Add media items at the frames after the task's last one, in the given order."""
    get_task(session, task_id)
    last = session.scalar(select(func.max(MediaItem.frame)).where(MediaItem.task_id == task_id))
    first = 0 if last is None else last + 1
    known = _known_blobs(session, {new.content_hash for new in media})
    items = []
    for offset, new in enumerate(media):
        if new.content_hash not in known:
            ensure_blob(session, new)
            known.add(new.content_hash)
        items.append(
            MediaItem(
                task_id=task_id,
                frame=first + offset,
                name=new.name,
                content_hash=new.content_hash,
                width=new.width,
                height=new.height,
                mime=new.mime,
                size_bytes=new.size_bytes,
            )
        )
    session.add_all(items)
    session.flush()
    return items


def _known_blobs(session: Session, hashes: set[str]) -> set[str]:
    known: set[str] = set()
    ordered = sorted(hashes)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        known.update(session.scalars(select(Blob.content_hash).where(Blob.content_hash.in_(chunk))))
    return known


def get_media_item(session: Session, task_id: int, frame: int) -> MediaItem:
    item = session.scalar(select(MediaItem).where(MediaItem.task_id == task_id, MediaItem.frame == frame))
    if item is None:
        raise NotFound("frame", frame)
    return item


def list_media(
    session: Session,
    task_id: int,
    *,
    page: int = 1,
    page_size: int = 100,
    sort: str | None = "frame",
    filters: Mapping[str, object] | None = None,
) -> Page[MediaItem]:
    return paginate(
        session,
        select(MediaItem).where(MediaItem.task_id == task_id),
        columns=MEDIA_COLUMNS,
        unique_key=MediaItem.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def segment_ranges(frame_count: int, segment_size: int, overlap: int) -> list[tuple[int, int]]:
    """Inclusive (start, stop) frame ranges of `segment_size` frames, consecutive ones sharing `overlap`.

    A segment size of 0 means one segment for everything; the last segment may be shorter.
    """
    problems = _segment_problems(segment_size, overlap)
    if frame_count < 0:
        problems.append(Problem(("frame_count",), "must be 0 or more", "invalid_value"))
    if problems:
        raise InvalidValue(problems)
    if frame_count == 0:
        return []
    if segment_size == 0 or segment_size >= frame_count:
        return [(0, frame_count - 1)]
    ranges = []
    for start in range(0, frame_count, segment_size - overlap):
        stop = min(start + segment_size - 1, frame_count - 1)
        ranges.append((start, stop))
        if stop == frame_count - 1:
            break
    return ranges


def split_into_jobs(session: Session, task: Task, frame_count: int) -> list[Job]:
    """Make the task's annotation jobs cover `frame_count` frames; returns them in frame order.

    Safe to re-run after media is appended: existing jobs keep their ids and annotations; a job
    that ended short at the old last frame grows to its full segment, and new jobs cover the rest.
    """
    ranges = segment_ranges(frame_count, task.segment_size, task.overlap)
    existing = {
        job.frame_start: job
        for job in session.scalars(select(Job).where(Job.task_id == task.id, Job.kind == "annotation"))
    }
    jobs = []
    for start, stop in ranges:
        job = existing.get(start)
        if job is None:
            job = Job(task_id=task.id, frame_start=start, frame_stop=stop, kind="annotation")
            session.add(job)
        elif job.frame_stop < stop:
            job.frame_stop = stop
        jobs.append(job)
    session.flush()
    return jobs


def _segment_problems(segment_size: int, overlap: int) -> list[Problem]:
    problems = []
    if segment_size < 0:
        problems.append(Problem(("segment_size",), "must be 0 (one job) or more", "invalid_value"))
    if overlap < 0:
        problems.append(Problem(("overlap",), "must be 0 or more", "invalid_value"))
    elif segment_size > 0 and overlap >= segment_size:
        problems.append(Problem(("overlap",), "must be smaller than segment_size", "invalid_value"))
    return problems
