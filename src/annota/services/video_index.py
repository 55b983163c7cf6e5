"""The background index of a video task: started when the upload commits, recorded when done.

The index is built in a thread of this process (``annota.media.video.builds``); when it finishes, the
row gets the exact frame count and the packed index, and the jobs of every task showing the video are
refitted to that count (they were cut from the container's declared or estimated count).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from annota.media.video.builds import IndexBuild
from annota.media.video.index import FrameIndex
from annota.media.video.runtime import VideoRuntime, runtime_for
from annota.media.video.timeline import TaskFrames
from annota.settings import Settings
from annota.storage import tasks
from annota.storage.db import WRITE_OPTION
from annota.storage.tables import Job, MediaItem, Task
from annota.storage.video_tables import VideoIndexRow

log = logging.getLogger("annota.video")

PNG_MIME = "image/png"
JPEG_MIME = "image/jpeg"
_IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}


@dataclass(frozen=True, slots=True)
class IndexFacts:
    """What a build needs, detached from the session that read it."""

    content_hash: str
    path: Path
    name: str
    method: str
    time_base_num: int
    time_base_den: int

    @classmethod
    def of(cls, row: VideoIndexRow, path: Path, name: str) -> IndexFacts:
        return cls(row.content_hash, path, name, row.method, row.time_base_num, row.time_base_den)


def build_after_commit(session: Session, settings: Settings, facts: IndexFacts) -> None:
    # The build records its result in the row: it must not start before the row is committed.
    bind = engine_of(session)

    started = False

    def start(committed: Session) -> None:
        nonlocal started
        # SQLAlchemy also calls after_commit when a savepoint is released: wait for the real one.
        if started or committed.in_nested_transaction():
            return
        started = True
        start_build(runtime_for(settings), bind, facts)

    event.listen(session, "after_commit", start)


def engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def start_build(runtime: VideoRuntime, bind: Engine, facts: IndexFacts) -> IndexBuild:
    return runtime.builds.start(
        facts.content_hash,
        facts.path,
        name=facts.name,
        method=facts.method,
        time_base=Fraction(facts.time_base_num, facts.time_base_den),
        on_done=lambda build: _record(runtime, bind, build),
    )


def _record(runtime: VideoRuntime, bind: Engine, build: IndexBuild) -> None:
    """In the build's thread: store the index (or the failure) and refit the jobs of every task."""
    status = "failed" if build.result is None else "ready"
    with Session(bind.execution_options(**{WRITE_OPTION: True})) as session, session.begin():
        row = session.get(VideoIndexRow, build.content_hash)
        if row is not None:  # None: the upload was rolled back
            row.index_seconds, row.method = build.seconds, build.method
            if build.result is None:
                row.status, row.error = "failed", build.error
            else:
                _complete(row, build.result)
                for task in _tasks_showing(session, build.content_hash):
                    _fit_jobs(session, task, len(task_frames(task, row)))
    # Only once recorded: until then the build itself keeps serving this process's requests.
    if build.result is not None:
        runtime.keep_index(build.content_hash, build.result)
    runtime.builds.forget(build.content_hash)
    log.info("indexed %s: %s in %.2f s", build.name, status, build.seconds or 0.0)


def _complete(row: VideoIndexRow, index: FrameIndex) -> None:
    row.frame_pts, row.keyframes = index.pack()
    row.status = "ready"
    row.frame_count = len(index)
    row.frame_count_exact = True
    row.variable_rate = index.is_variable_rate()
    row.keyframe_count = len(index.keyframes)
    row.first_pts = index.pts_of(0)
    row.error = None


def _tasks_showing(session: Session, content_hash: str) -> list[Task]:
    query = (
        select(Task)
        .join(MediaItem, MediaItem.task_id == Task.id)
        .where(MediaItem.content_hash == content_hash, Task.media_kind == "video")
    )
    return list(session.scalars(query))


def _fit_jobs(session: Session, task: Task, frame_count: int) -> None:
    """Jobs cut from an estimated count, made to cover exactly ``frame_count`` frames."""
    for job in session.scalars(select(Job).where(Job.task_id == task.id, Job.kind == "annotation")):
        if job.frame_start >= frame_count:
            session.delete(job)
        elif job.frame_stop >= frame_count:
            job.frame_stop = frame_count - 1
    session.flush()
    tasks.split_into_jobs(session, task, frame_count)


def wait_for_indexes(settings: Settings, timeout: float | None = None) -> bool:
    """Block until this process's index builds have finished and been recorded (tests, benchmarks)."""
    return runtime_for(settings).builds.wait_all(timeout)


def task_frames(task: Task, row: VideoIndexRow) -> TaskFrames:
    return TaskFrames(row.frame_count, task.frame_start, task.frame_stop, task.frame_step)


def loaded_index(runtime: VideoRuntime, row: VideoIndexRow) -> FrameIndex | None:
    """The finished index in memory, unpacked from the row on first use."""
    index = runtime.loaded_index(row.content_hash)
    if index is None and row.status == "ready" and row.frame_pts is not None and row.keyframes is not None:
        time_base = Fraction(row.time_base_num, row.time_base_den)
        index = FrameIndex.unpack(row.frame_pts, row.keyframes, time_base)
        runtime.keep_index(row.content_hash, index)
    return index
