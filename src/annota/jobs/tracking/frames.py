"""The task's frames as the editor shows them (upright, EXIF and container rotation applied), for trackers.

Video tasks decode with one `FrameReader` kept open, so consecutive frames continue decoding
instead of seeking; image tasks load each frame's image file. Either way coordinates match the
annotations: a frame is the picture the annotator drew on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.jobs.errors import JobFailed, RetryLater, error_item
from annota.media.pixels import load_display_pixels
from annota.media.video.encode import display_rgb
from annota.media.video.errors import FrameUnavailable
from annota.media.video.index import FrameIndex
from annota.media.video.reader import FrameReader
from annota.media.video.timeline import TaskFrames
from annota.services.video import task_video
from annota.settings import Settings
from annota.storage.cloud_storages import CloudStorageError
from annota.storage.media_files import MediaFiles, media_files, media_path
from annota.storage.media_store import MediaStoreError
from annota.storage.tables import MediaItem, Task

# A video whose index is still being built is tried again after this long.
INDEX_WAIT_S = 10.0


class FrameSource(Protocol):
    def image(self, frame: int) -> np.ndarray:
        """Task frame `frame` as an upright H x W x 3 uint8 RGB array."""
        ...

    def close(self) -> None: ...


def open_frames(session: Session, settings: Settings, task: Task, first: int, last: int) -> FrameSource:
    """Frames `first`..`last` of `task`; the source holds no database session."""
    if task.media_kind == "video":
        return _video_frames(session, settings, task)
    return ImageFrames.of(session, settings, task.id, first, last)


def _video_frames(session: Session, settings: Settings, task: Task) -> VideoFrames:
    video = task_video(session, settings, task.id)
    if video.row.status == "failed":
        msg = f"the video cannot be decoded: {video.row.error or 'indexing failed'}"
        raise JobFailed(msg, [error_item(("media",), msg, "video")])
    if video.index is None:
        raise RetryLater("the video is still being indexed", INDEX_WAIT_S)
    try:
        path = media_path(session, settings, video.item.content_hash)  # a bucket's: cached locally
    except (MediaStoreError, CloudStorageError) as error:
        msg = f"the video cannot be read: {error}"
        raise JobFailed(msg, [error_item(("media",), msg, "media")]) from None
    return VideoFrames(path, video.index, video.frames, video.row.rotation)


class VideoFrames:
    def __init__(self, path: Path, index: FrameIndex, frames: TaskFrames, rotation: int) -> None:
        self._reader = FrameReader(path)
        self._index, self._frames, self._rotation = index, frames, rotation

    def image(self, frame: int) -> np.ndarray:
        try:
            decoded = self._reader.read(self._index, self._frames.source_frame(frame))
        except (IndexError, FrameUnavailable) as error:
            msg = f"frame {frame}: {error}"
            raise JobFailed(msg, [error_item(("frame", frame), msg, "frame")]) from None
        return np.ascontiguousarray(display_rgb(decoded, self._rotation))

    def close(self) -> None:
        self._reader.close()


class ImageFrames:
    """Image tasks: frame n is the n-th media item's image, read when asked (from a bucket, each image
    is fetched into the local cache when its frame comes, not all before the run starts)."""

    def __init__(self, settings: Settings, files: MediaFiles, images: dict[int, tuple[str, str]]) -> None:
        self._settings, self._files, self._images = settings, files, images

    @classmethod
    def of(cls, session: Session, settings: Settings, task_id: int, first: int, last: int) -> ImageFrames:
        rows = session.execute(
            select(MediaItem.frame, MediaItem.content_hash, MediaItem.name).where(
                MediaItem.task_id == task_id, MediaItem.frame >= first, MediaItem.frame <= last
            )
        )
        images = {frame: (content_hash, name) for frame, content_hash, name in rows}
        files = media_files(session, settings, content_hashes=[h for h, _ in images.values()])
        return cls(settings, files, images)

    def image(self, frame: int) -> np.ndarray:
        found = self._images.get(frame)
        if found is None:
            msg = f"frame {frame} has no image"
            raise JobFailed(msg, [error_item(("frame", frame), msg, "frame")])
        content_hash, name = found
        try:
            path = self._files.path(content_hash)
            picture = load_display_pixels(path, name=name, max_pixels=self._settings.max_image_pixels)
        except (MediaStoreError, CloudStorageError, FileNotFoundError) as error:
            msg = f"frame {frame} ({name}): the image cannot be read ({type(error).__name__})"
            raise JobFailed(msg, [error_item(("frame", frame), msg, "media")]) from None
        return np.ascontiguousarray(np.asarray(picture.convert("RGB")))

    def close(self) -> None:
        self._images.clear()
