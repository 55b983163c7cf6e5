"""Adding a video to a task, all or nothing: stored, probed, registered, jobs cut, index started.

The upload is answered as soon as the file is stored and probed (tens of milliseconds of work after
the bytes arrived): the frame count is the container's declared count or an estimate, jobs are cut
from it, and the exact index is built in a thread started when the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annota.media.names import InvalidMediaName, relative_name
from annota.media.problems import MediaIngestError, Problem
from annota.media.video.errors import VideoError
from annota.media.video.formats import is_video_name
from annota.media.video.probe import VideoInfo, probe_video
from annota.services.media import UploadedFile
from annota.services.video_index import IndexFacts, build_after_commit, task_frames
from annota.settings import Settings
from annota.storage import tasks
from annota.storage.errors import Invalid, NotFound
from annota.storage.media_store import BlobTooLarge
from annota.storage.media_stores import media_store_for
from annota.storage.problems import Problem as StorageProblem
from annota.storage.tables import MediaItem, Task
from annota.storage.video_tables import VideoIndexRow

log = logging.getLogger("annota.video")

PNG_MIME = "image/png"
JPEG_MIME = "image/jpeg"
_IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}


@dataclass(frozen=True, slots=True)
class VideoAdded:
    media: MediaItem
    frame_count: int  # task frames; exact once ``frame_count_exact``
    frame_count_exact: bool
    index_status: str


def is_video_item(session: Session, item: MediaItem) -> bool:
    task = session.get(Task, item.task_id)
    return task is not None and task.media_kind == "video"


def split_video_upload(files: Sequence[UploadedFile]) -> UploadedFile | None:
    """The video of an upload, None when it holds no video; a video among other files is refused."""
    videos = [f for f in files if is_video_name(f.name)]
    if not videos:
        return None
    if len(files) > 1:
        msg = "a video is uploaded alone: one video makes one task"
        raise MediaIngestError([Problem((f.name,), msg, "video.not_alone") for f in videos])
    return videos[0]


def add_video(session: Session, settings: Settings, task_id: int, upload: UploadedFile) -> VideoAdded:
    """Store, probe and register one video as the task's media; nothing remains if anything fails."""
    task = tasks.get_task(session, task_id)
    name = _checked_name(upload.name)
    if tasks.count_frames(session, task_id) > 0:
        msg = "the task already has media: a video task holds exactly one video"
        raise MediaIngestError([Problem((name,), msg, "video.task_not_empty")])
    store = media_store_for(settings)
    try:
        staged = store.stage(upload.stream, settings.max_upload_bytes, name=name)
    except BlobTooLarge as exc:
        msg = f"file is larger than the limit of {exc.max_bytes} bytes"
        raise MediaIngestError([Problem((name,), msg, "upload.too_large")]) from None
    try:
        info = check_video(task, staged.path, name, settings)
    except VideoError as exc:
        store.discard(staged)
        raise MediaIngestError([exc.as_problem()]) from None
    except BaseException:
        store.discard(staged)
        raise
    blob = store.commit(staged)
    try:
        stored = VideoFile(name, blob.hash, blob.size, info, store.local_path(blob.hash))
        return register_video(session, settings, task, stored)
    except BaseException:
        if blob.created:
            store.delete(blob.hash)
        raise


@dataclass(frozen=True, slots=True)
class VideoFile:
    """A probed video whose bytes are stored (`path`: a local copy of them)."""

    name: str
    content_hash: str
    size: int
    info: VideoInfo
    path: Path


def register_video(session: Session, settings: Settings, task: Task, video: VideoFile) -> VideoAdded:
    """The task's one media item, its index row (the index built once committed) and its jobs."""
    info = video.info
    media = tasks.NewMedia(
        video.name, video.content_hash, video.size, info.mime, info.display_width, info.display_height
    )
    item = tasks.append_media(session, task.id, [media])[0]
    row = _index_row(session, video.content_hash, info)
    task.media_kind = "video"
    frames = task_frames(task, row)
    tasks.split_into_jobs(session, task, len(frames))
    session.flush()
    if row.status == "indexing":
        build_after_commit(session, settings, IndexFacts.of(row, video.path, video.name))
    return VideoAdded(item, len(frames), row.frame_count_exact, row.status)


def check_video(task: Task, path: Path, name: str, settings: Settings) -> VideoInfo:
    """The video's facts; VideoError when annota cannot serve it, Invalid when the task's range misses it."""
    info = probe_video(path, name=name, max_pixels=settings.max_image_pixels)
    _check_range(task, info.frame_count)
    return info


def add_video_from_path(session: Session, settings: Settings, task_id: int, path: Path) -> VideoAdded:
    """A local video file (the CLI)."""
    with path.open("rb") as stream:
        return add_video(session, settings, task_id, UploadedFile(path.name, stream))


def _checked_name(raw: str) -> str:
    try:
        return relative_name(raw)
    except InvalidMediaName as exc:
        raise MediaIngestError([Problem((raw,), exc.reason, "name.invalid")]) from None


def _check_range(task: Task, frame_count: int) -> None:
    if task.frame_start >= frame_count:
        msg = f"frame_start {task.frame_start} is past the video's last frame {frame_count - 1}"
        raise Invalid([StorageProblem(("frame_start",), msg, "invalid_value")])


def _index_row(session: Session, content_hash: str, info: VideoInfo) -> VideoIndexRow:
    """The video's index row; a video already stored (by another task) keeps its row and index.

    A row whose index failed is set back to indexing: uploading the file again retries it.
    """
    row = session.get(VideoIndexRow, content_hash)
    if row is not None:
        if row.status == "failed":
            row.status, row.error = "indexing", None
        return row
    rate = info.average_rate
    row = VideoIndexRow(
        content_hash=content_hash,
        status="indexing",
        container=info.container,
        codec=info.codec,
        pixel_format=info.pixel_format,
        width=info.width,
        height=info.height,
        rotation=info.rotation,
        time_base_num=info.time_base.numerator,
        time_base_den=info.time_base.denominator,
        rate_num=rate.numerator if rate else None,
        rate_den=rate.denominator if rate else None,
        duration_s=info.duration_s,
        first_pts=info.first_pts,
        frame_count=info.frame_count,
        frame_count_exact=False,
        method=info.method,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # The same file uploaded to another task at the same moment: its row is ours too.
        return _existing_row(session, content_hash)
    return row


def _existing_row(session: Session, content_hash: str) -> VideoIndexRow:
    row = session.get(VideoIndexRow, content_hash)
    if row is None:
        raise NotFound("video index", content_hash)
    return row
