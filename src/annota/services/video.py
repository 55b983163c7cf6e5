"""Video tasks: a video added all or nothing, indexed in the background, served frame by frame.

A video task holds one media item (frame 0 of ``media_items``: the video file itself) and shows
the source frames ``frame_start, frame_start + frame_step, ...`` of it as task frames 0, 1, 2...
The upload is answered as soon as the file is stored and probed (tens of milliseconds of work
after the bytes arrived): the frame count is the container's declared count or an estimate,
jobs are cut from it, and the exact index is built in a thread started when the transaction
commits. When it finishes, the count becomes exact and the jobs are refitted to it.

Serving is two-step so that routes hold no database connection while decoding: ``serve_frame()``
and ``serve_chunk()`` read what they need and return a ``Deliverable`` whose ``render()`` does the work.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from sqlalchemy import Engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annota.media.names import InvalidMediaName, relative_name
from annota.media.problems import MediaIngestError, Problem
from annota.media.renditions import RenditionCache
from annota.media.video import frames as video_frames
from annota.media.video.builds import IndexBuild
from annota.media.video.chunks import CHUNK_MIME, member_name, pack_chunk
from annota.media.video.errors import IndexFailed, VideoError
from annota.media.video.formats import is_video_name
from annota.media.video.index import FrameIndex
from annota.media.video.probe import VideoInfo, probe_video
from annota.media.video.runtime import VideoRuntime, runtime_for
from annota.media.video.timeline import TaskFrames
from annota.services.media import UploadedFile
from annota.settings import Settings
from annota.storage import tasks
from annota.storage.db import WRITE_OPTION
from annota.storage.errors import Invalid, NotFound
from annota.storage.media_store import BlobTooLarge
from annota.storage.media_stores import media_store_for
from annota.storage.problems import Problem as StorageProblem
from annota.storage.tables import Job, MediaItem, Task
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


@dataclass(frozen=True, slots=True)
class Deliverable:
    """Bytes to send: ``etag`` and ``mime`` known now, ``render()`` may decode (no database use)."""

    etag: str
    mime: str
    render: Callable[[], bytes]


# -- adding ---------------------------------------------------------------------------------------


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
        info = probe_video(staged.path, name=name, max_pixels=settings.max_image_pixels)
        _check_range(task, info.frame_count)
    except VideoError as exc:
        store.discard(staged)
        raise MediaIngestError([exc.as_problem()]) from None
    except BaseException:
        store.discard(staged)
        raise
    blob = store.commit(staged)
    try:
        media = tasks.NewMedia(name, blob.hash, blob.size, info.mime, info.display_width, info.display_height)
        item = tasks.append_media(session, task_id, [media])[0]
        row = _index_row(session, blob.hash, info)
        task.media_kind = "video"
        frames = _task_frames(task, row)
        tasks.split_into_jobs(session, task, len(frames))
        session.flush()
    except BaseException:
        if blob.created:
            store.delete(blob.hash)
        raise
    if row.status == "indexing":
        _build_after_commit(session, settings, _Facts.of(row, store.local_path(blob.hash), name))
    return VideoAdded(item, len(frames), row.frame_count_exact, row.status)


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


# -- background index -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a build needs, detached from the session that read it."""

    content_hash: str
    path: Path
    name: str
    method: str
    time_base_num: int
    time_base_den: int

    @classmethod
    def of(cls, row: VideoIndexRow, path: Path, name: str) -> _Facts:
        return cls(row.content_hash, path, name, row.method, row.time_base_num, row.time_base_den)


def _build_after_commit(session: Session, settings: Settings, facts: _Facts) -> None:
    # The build records its result in the row: it must not start before the row is committed.
    bind = _engine_of(session)

    started = False

    def start(committed: Session) -> None:
        nonlocal started
        # SQLAlchemy also calls after_commit when a savepoint is released: wait for the real one.
        if started or committed.in_nested_transaction():
            return
        started = True
        _start_build(runtime_for(settings), bind, facts)

    event.listen(session, "after_commit", start)


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _start_build(runtime: VideoRuntime, bind: Engine, facts: _Facts) -> IndexBuild:
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
                    _fit_jobs(session, task, len(_task_frames(task, row)))
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


def _task_frames(task: Task, row: VideoIndexRow) -> TaskFrames:
    return TaskFrames(row.frame_count, task.frame_start, task.frame_stop, task.frame_step)


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
    index = _loaded(runtime, row)
    build = runtime.builds.get(row.content_hash)
    indexed = len(index) if index is not None else (build.frames_indexed if build is not None else 0)
    return TaskVideo(item, row, _task_frames(task, row), runtime.config.chunk_size, indexed, index)


def _loaded(runtime: VideoRuntime, row: VideoIndexRow) -> FrameIndex | None:
    """The finished index in memory, unpacked from the row on first use."""
    index = runtime.loaded_index(row.content_hash)
    if index is None and row.status == "ready" and row.frame_pts is not None and row.keyframes is not None:
        time_base = Fraction(row.time_base_num, row.time_base_den)
        index = FrameIndex.unpack(row.frame_pts, row.keyframes, time_base)
        runtime.keep_index(row.content_hash, index)
    return index


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
    _loaded(runtime, row)
    bind = _engine_of(session)
    facts = _Facts.of(row, media_store_for(settings).local_path(row.content_hash), item.name)

    def index_for(frame: int) -> FrameIndex:
        if failure is not None:
            raise IndexFailed(facts.content_hash, failure)
        index = runtime.loaded_index(facts.content_hash)
        if index is not None:
            if frame >= len(index):
                raise IndexError(f"frame {frame} is outside 0..{len(index) - 1}")
            return index
        # Indexing: the build of this process, or a new one (after a restart, or another process's).
        build = runtime.builds.get(facts.content_hash) or _start_build(runtime, bind, facts)
        return build.index_covering(frame, runtime.config.index_wait_s)

    return video_frames.VideoSource(row.content_hash, facts.path, row.rotation, index_for)


def serve_frame(
    session: Session, settings: Settings, task_id: int, frame: int, *, original: bool = False
) -> Deliverable:
    """Task frame ``frame`` as JPEG, or lossless when ``original`` (PNG of a video frame, an image file)."""
    task = tasks.get_task(session, task_id)
    if task.media_kind != "video":
        return _image_frame(session, settings, task_id, frame, original)
    item, row = _video_of(session, task)
    frames = _task_frames(task, row)
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
    variant = video_frames.frame_variant(source_frame, row.rotation)
    return Deliverable(
        f'"{row.content_hash}-{variant}"',
        JPEG_MIME,
        lambda: video_frames.frame_jpeg(runtime, source, source_frame, chunk=plan, task_frame=frame),
    )


def serve_chunk(session: Session, settings: Settings, task_id: int, number: int) -> Deliverable:
    """Chunk ``number`` of the task's frames: a stored zip of JPEGs named by task frame."""
    task = tasks.get_task(session, task_id)
    size = runtime_for(settings).config.chunk_size
    if task.media_kind != "video":
        return _image_chunk(session, settings, task_id, number, size)
    item, row = _video_of(session, task)
    try:
        plan = _task_frames(task, row).chunk(number, size)
    except IndexError:
        raise NotFound("chunk", number) from None
    runtime = runtime_for(settings)
    source = _source(settings, session, item, row)
    return Deliverable(
        f'"{row.content_hash}-{plan.variant(row.rotation)}"',
        CHUNK_MIME,
        lambda: video_frames.chunk_zip(runtime, source, plan),
    )


def _image_frame(
    session: Session, settings: Settings, task_id: int, frame: int, original: bool
) -> Deliverable:
    item = tasks.get_media_item(session, task_id, frame)
    path = media_store_for(settings).local_path(item.content_hash)
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
    store, renditions = media_store_for(settings), RenditionCache(settings.cache_dir)
    wanted = [(i.frame, i.content_hash, i.name) for i in items]

    def render() -> bytes:
        members = []
        for frame_number, content_hash, name in wanted:
            shown, mime = renditions.display(
                content_hash, store.local_path(content_hash), name=name, max_pixels=settings.max_image_pixels
            )
            members.append((member_name(frame_number, _IMAGE_SUFFIXES.get(mime, ".img")), shown.read_bytes()))
        return pack_chunk(members)

    digest = hashlib.sha256("".join(f"{f}:{h}" for f, h, _ in wanted).encode()).hexdigest()[:32]
    return Deliverable(f'"images-{digest}"', CHUNK_MIME, render)
