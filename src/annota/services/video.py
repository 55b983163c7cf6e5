"""Video tasks: a video added all or nothing, indexed in the background, served frame by frame.

A video task holds one media item (frame 0 of ``media_items``: the video file itself) and shows
the source frames ``frame_start, frame_start + frame_step, ...`` of it as task frames 0, 1, 2...
Adding is in ``video_upload``, the background index in ``video_index``, the seek proxy in
``video_proxy``; this module describes and serves, and is the one the routes import.

Serving is two-step so that routes hold no database connection while decoding: ``serve_frame()``
and ``serve_chunk()`` read what they need and return a ``Deliverable`` whose ``render()`` does the work.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.media.renditions import RenditionCache
from annota.media.video import frames as video_frames
from annota.media.video.chunks import CHUNK_MIME, member_name, pack_chunk
from annota.media.video.errors import IndexFailed
from annota.media.video.index import FrameIndex
from annota.media.video.proxies import ProxyState
from annota.media.video.runtime import runtime_for
from annota.media.video.timeline import TaskFrames
from annota.services.video_index import (
    IndexFacts,
    engine_of,
    loaded_index,
    start_build,
    task_frames,
    wait_for_indexes,
)
from annota.services.video_proxy import ProxyRequest, proxy_wanted
from annota.services.video_upload import (
    VideoAdded,
    add_video,
    add_video_from_path,
    is_video_item,
    split_video_upload,
)
from annota.settings import Settings
from annota.storage import tasks
from annota.storage.errors import NotFound
from annota.storage.media_files import media_files, media_path
from annota.storage.tables import MediaItem, Task
from annota.storage.video_tables import VideoIndexRow

__all__ = [
    "Deliverable",
    "TaskVideo",
    "VideoAdded",
    "add_video",
    "add_video_from_path",
    "frame_seconds",
    "is_video_item",
    "serve_chunk",
    "serve_frame",
    "split_video_upload",
    "task_video",
    "wait_for_indexes",
]

log = logging.getLogger("annota.video")

PNG_MIME = "image/png"
JPEG_MIME = "image/jpeg"
_IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}


@dataclass(frozen=True, slots=True)
class Deliverable:
    """Bytes to send: ``etag`` and ``mime`` known now, ``render()`` may decode (no database use)."""

    etag: str
    mime: str
    render: Callable[[], bytes]
    # A seek proxy the caller should ask the job queue for (this process has not asked yet).
    proxy_wanted: ProxyRequest | None = None


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskVideo:
    """A task's video as the API describes it."""

    item: MediaItem
    row: VideoIndexRow
    frames: TaskFrames
    chunk_size: int
    frames_indexed: int
    index: FrameIndex | None
    proxy: ProxyState
    proxy_wanted: ProxyRequest | None


def _video_of(session: Session, task: Task) -> tuple[MediaItem, VideoIndexRow]:
    if task.media_kind != "video":
        raise NotFound("video", task.id)
    item = tasks.get_media_item(session, task.id, 0)
    row = session.get(VideoIndexRow, item.content_hash)
    if row is None:
        raise NotFound("video", task.id)
    return item, row


def task_video(session: Session, settings: Settings, task_id: int) -> TaskVideo:
    """The video of a video task (NotFound for an image task)."""
    task = tasks.get_task(session, task_id)
    item, row = _video_of(session, task)
    runtime = runtime_for(settings)
    index = loaded_index(runtime, row)
    build = runtime.builds.get(row.content_hash)
    indexed = len(index) if index is not None else (build.frames_indexed if build is not None else 0)
    proxy = runtime.proxies.state(row.content_hash)
    wanted = proxy_wanted(runtime, task, row)
    return TaskVideo(
        item, row, task_frames(task, row), runtime.config.chunk_size, indexed, index, proxy, wanted
    )


def frame_seconds(video: TaskVideo) -> list[float] | None:
    """Each task frame's time from the video's first frame, in seconds; None until the index is built."""
    if video.index is None:
        return None
    seconds = video.index.seconds()
    return [float(seconds[source]) for source in video.frames.sources if source < len(seconds)]


def _source(
    settings: Settings, session: Session, item: MediaItem, row: VideoIndexRow
) -> video_frames.VideoSource:
    runtime = runtime_for(settings)
    failure = (row.error or "unknown error") if row.status == "failed" else None
    loaded_index(runtime, row)
    bind = engine_of(session)
    facts = IndexFacts.of(row, media_path(session, settings, row.content_hash), item.name)

    def index_for(frame: int) -> FrameIndex:
        if failure is not None:
            raise IndexFailed(facts.content_hash, failure)
        index = runtime.loaded_index(facts.content_hash)
        if index is not None:
            if frame >= len(index):
                raise IndexError(f"frame {frame} is outside 0..{len(index) - 1}")
            return index
        # Indexing: the build of this process, or a new one (after a restart, or another process's).
        build = runtime.builds.get(facts.content_hash) or start_build(runtime, bind, facts)
        return build.index_covering(frame, runtime.config.index_wait_s)

    proxy = runtime.proxies.ready(row.content_hash) if row.status == "ready" else None
    return video_frames.VideoSource(row.content_hash, facts.path, row.rotation, index_for, proxy)


def serve_frame(
    session: Session, settings: Settings, task_id: int, frame: int, *, original: bool = False
) -> Deliverable:
    """Task frame ``frame`` as JPEG, or lossless when ``original`` (PNG of a video frame, an image file)."""
    task = tasks.get_task(session, task_id)
    if task.media_kind != "video":
        return _image_frame(session, settings, task_id, frame, original)
    item, row = _video_of(session, task)
    frames = task_frames(task, row)
    try:
        source_frame = frames.source_frame(frame)
    except IndexError:
        raise NotFound("frame", frame) from None
    runtime = runtime_for(settings)
    source = _source(settings, session, item, row)
    tag = f"{row.content_hash}-f{source_frame}-r{row.rotation}"
    if original:
        return Deliverable(
            f'"{tag}-png"', PNG_MIME, lambda: video_frames.frame_png(runtime, source, source_frame)
        )
    plan = frames.chunk(frame // runtime.config.chunk_size, runtime.config.chunk_size)
    variant = video_frames.jpeg_variant(runtime, source, source_frame, plan)
    return Deliverable(
        f'"{row.content_hash}-{variant}"',
        JPEG_MIME,
        lambda: video_frames.frame_jpeg(runtime, source, source_frame, chunk=plan, task_frame=frame),
        proxy_wanted(runtime, task, row),
    )


def serve_chunk(session: Session, settings: Settings, task_id: int, number: int) -> Deliverable:
    """Chunk ``number`` of the task's frames: a stored zip of JPEGs named by task frame."""
    task = tasks.get_task(session, task_id)
    size = runtime_for(settings).config.chunk_size
    if task.media_kind != "video":
        return _image_chunk(session, settings, task_id, number, size)
    item, row = _video_of(session, task)
    try:
        plan = task_frames(task, row).chunk(number, size)
    except IndexError:
        raise NotFound("chunk", number) from None
    runtime = runtime_for(settings)
    source = _source(settings, session, item, row)
    return Deliverable(
        f'"{row.content_hash}-{plan.variant(row.rotation)}"',
        CHUNK_MIME,
        lambda: video_frames.chunk_zip(runtime, source, plan),
        proxy_wanted(runtime, task, row),
    )


def _image_frame(
    session: Session, settings: Settings, task_id: int, frame: int, original: bool
) -> Deliverable:
    item = tasks.get_media_item(session, task_id, frame)
    path = media_path(session, settings, item.content_hash)
    if original:
        return Deliverable(f'"{item.content_hash}"', item.mime, path.read_bytes)
    shown, mime = RenditionCache(settings.cache_dir).display(
        item.content_hash, path, name=item.name, max_pixels=settings.max_image_pixels
    )
    return Deliverable(f'"{item.content_hash}-display"', mime, shown.read_bytes)


def _image_chunk(session: Session, settings: Settings, task_id: int, number: int, size: int) -> Deliverable:
    """Image tasks play as frame sequences too: their display images, zipped like video chunks."""
    first = number * size
    items = list(
        session.scalars(
            select(MediaItem)
            .where(MediaItem.task_id == task_id, MediaItem.frame >= first, MediaItem.frame < first + size)
            .order_by(MediaItem.frame)
        )
    )
    if number < 0 or not items:
        raise NotFound("chunk", number)
    renditions = RenditionCache(settings.cache_dir)
    wanted = [(i.frame, i.content_hash, i.name) for i in items]
    files = media_files(session, settings, content_hashes=[i.content_hash for i in items])

    def render() -> bytes:
        members = []
        for frame_number, content_hash, name in wanted:
            shown, mime = renditions.display(
                content_hash, files.path(content_hash), name=name, max_pixels=settings.max_image_pixels
            )
            members.append((member_name(frame_number, _IMAGE_SUFFIXES.get(mime, ".img")), shown.read_bytes()))
        return pack_chunk(members)

    digest = hashlib.sha256("".join(f"{f}:{h}" for f, h, _ in wanted).encode()).hexdigest()[:32]
    return Deliverable(f'"images-{digest}"', CHUNK_MIME, render)
