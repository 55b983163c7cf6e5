"""Adding media to a task, all or nothing: files are checked and stored, then rows and jobs are
written; if anything fails, neither rows nor newly stored blobs remain."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.domain.problems import Problem
from annota.media.ingest import IngestBatch, IngestedFile, IngestLimits
from annota.media.video.formats import is_video_name
from annota.settings import Settings
from annota.storage import tasks
from annota.storage.errors import InvalidValue
from annota.storage.media_stores import media_store_for
from annota.storage.tables import MediaItem


@dataclass(frozen=True, slots=True)
class UploadedFile:
    name: str
    stream: BinaryIO


@contextmanager
def _batch(settings: Settings) -> Iterator[IngestBatch]:
    with IngestBatch(media_store_for(settings), IngestLimits.from_settings(settings)) as batch:
        yield batch


def _require_image_task(session: Session, task_id: int) -> None:
    if tasks.get_task(session, task_id).media_kind == "video":
        msg = "this task holds a video; images go in a task of their own"
        raise InvalidValue([Problem(("files",), msg, "video_task")])


def _register(session: Session, batch: IngestBatch, task_id: int) -> list[MediaItem]:
    """Commits the batch's blobs, then writes the rows. Raising inside the batch's `with` block
    makes it delete the blobs it created; a blob orphaned by a later failed COMMIT is harmless
    (content-addressed, nothing refers to it)."""
    files = batch.commit()
    items = tasks.append_media(session, task_id, [_new_media(f) for f in files])
    tasks.split_into_jobs(session, tasks.get_task(session, task_id), tasks.count_frames(session, task_id))
    session.flush()
    return items


def _new_media(file: IngestedFile) -> tasks.NewMedia:
    return tasks.NewMedia(
        name=file.name,
        content_hash=file.content_hash,
        size_bytes=file.size,
        mime=file.mime,
        width=file.width,
        height=file.height,
    )


def add_uploaded_media(
    session: Session, settings: Settings, task_id: int, files: Sequence[UploadedFile]
) -> list[MediaItem]:
    """Uploaded files (a `.zip` is expanded) appended to the task in the given order."""
    _require_image_task(session, task_id)
    with _batch(settings) as batch:
        for file in files:
            batch.add_upload(file.name, file.stream)
        return _register(session, batch, task_id)


def add_shared_media(
    session: Session, settings: Settings, task_id: int, paths: Sequence[str]
) -> list[MediaItem]:
    """Files or folders under the server's share root, by relative path."""
    _require_image_task(session, task_id)
    with _batch(settings) as batch:
        batch.add_share(settings.share_root, paths)
        return _register(session, batch, task_id)


def add_media_from_paths(
    session: Session, settings: Settings, task_id: int, paths: Sequence[Path], *, progress: bool = False
) -> list[MediaItem]:
    """Local files, folders (recursively, natural order) or zip archives — for the CLI.
    A single video file makes the task a video task."""
    if len(paths) == 1 and paths[0].is_file() and is_video_name(paths[0].name):
        from annota.services.video import add_video_from_path

        return [add_video_from_path(session, settings, task_id, paths[0]).media]
    _require_image_task(session, task_id)
    show: Callable[[Sequence[Path]], Sequence[Path]] = (
        (lambda items: tqdm(items, desc="checking media", unit="path")) if progress else (lambda items: items)
    )
    with _batch(settings) as batch:
        for path in show(paths):
            if path.is_file() and path.suffix.lower() == ".zip":
                batch.add_zip(path, archive_name=path.name)
            else:
                resolved = path.resolve()
                batch.add_share(resolved.parent, [resolved.name])
        return _register(session, batch, task_id)
