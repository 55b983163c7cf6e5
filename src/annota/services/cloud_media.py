"""Media from a connected bucket, read in place: a task gets the objects (by key or under a prefix)
without copying them into annota's media store. Images, or one video (a video task, as uploaded).

All or nothing, like uploads: every object is read once (to check it is an image annota can show,
and to learn its size), and every problem is reported, located by the object's key, before any row
is written. Reading them also warms the local cache the editor is served from.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from annota.media.images import ImageError, probe
from annota.media.names import is_metadata
from annota.media.video.errors import VideoError
from annota.media.video.formats import is_video_name
from annota.services.video_upload import VideoFile, check_video, register_video
from annota.settings import Settings
from annota.storage import cloud_storages, tasks
from annota.storage.cloud_storages import Bucket, CloudStorageError, StoredObject
from annota.storage.cloud_tables import CloudStorage, ExternalBlob
from annota.storage.errors import InvalidValue
from annota.storage.problems import Loc, Problem
from annota.storage.tables import MediaItem

MAX_OBJECTS = 10_000


def add_cloud_media(
    session: Session,
    settings: Settings,
    task_id: int,
    storage: CloudStorage,
    *,
    keys: Sequence[str] = (),
    prefix: str | None = None,
    loc: Loc = (),
) -> list[MediaItem]:
    """Append the objects named by `keys` (relative to the storage's prefix), or all those under
    `prefix`, to an image task, in key order for a prefix and in the given order for keys."""
    if tasks.get_task(session, task_id).media_kind == "video":
        raise InvalidValue(
            [
                Problem(
                    ("storage_id",), "this task holds a video; images go in a task of their own", "video_task"
                )
            ]
        )
    found, problems = _objects(storage, keys, prefix, loc)
    videos = [(at, o) for at, o in found if is_video_name(o.key)]
    if videos:
        if problems:
            raise InvalidValue(problems)
        return [_add_video(session, settings, task_id, storage, found, videos)]
    media: list[tasks.NewMedia] = []
    externals: list[ExternalBlob] = []
    for loc, stored in found:
        name = stored.key.removeprefix(storage.prefix)
        content_hash = cloud_storages.identity(storage.id, stored.key, stored.etag)
        try:
            path = cloud_storages.fetch(settings, Bucket.of(storage), stored.key, content_hash, stored.etag)
            info = probe(path, name=name, max_pixels=settings.max_image_pixels)
        except CloudStorageError as error:
            problems.append(Problem(loc, error.msg, error.code))
            continue
        except ImageError as error:
            problems.append(Problem(loc, str(error), "invalid_image"))
            continue
        media.append(tasks.NewMedia(name, content_hash, stored.size, info.mime, info.width, info.height))
        externals.append(_external(storage, stored, content_hash))
    if problems:
        raise InvalidValue(problems)
    items = tasks.append_media(session, task_id, media)
    for external in externals:
        if session.get(ExternalBlob, external.content_hash) is None:
            session.add(external)
    tasks.split_into_jobs(session, tasks.get_task(session, task_id), tasks.count_frames(session, task_id))
    session.flush()
    return items


def _add_video(
    session: Session,
    settings: Settings,
    task_id: int,
    storage: CloudStorage,
    found: list[tuple[Loc, StoredObject]],
    videos: list[tuple[Loc, StoredObject]],
) -> MediaItem:
    """A video object as the task's one media item, like an uploaded video: probed from a cached copy,
    indexed in the background, served from that copy (fetched again if the cache let it go)."""
    task = tasks.get_task(session, task_id)
    if len(found) > 1:
        msg = "a video is added alone: one video makes one task"
        raise InvalidValue([Problem(at, msg, "video.not_alone") for at, _ in videos])
    ((loc, stored),) = videos
    name = stored.key.removeprefix(storage.prefix)
    if tasks.count_frames(session, task_id) > 0:
        msg = "the task already has media: a video task holds exactly one video"
        raise InvalidValue([Problem(loc, msg, "video.task_not_empty")])
    content_hash = cloud_storages.identity(storage.id, stored.key, stored.etag)
    try:
        path = cloud_storages.fetch(settings, Bucket.of(storage), stored.key, content_hash, stored.etag)
        info = check_video(task, path, name, settings)
    except CloudStorageError as error:
        raise InvalidValue([Problem(loc, error.msg, error.code)]) from None
    except VideoError as error:
        raise InvalidValue([Problem(loc, f"{name}: {error.msg}", error.type)]) from None
    added = register_video(session, settings, task, VideoFile(name, content_hash, stored.size, info, path))
    if session.get(ExternalBlob, content_hash) is None:
        session.add(_external(storage, stored, content_hash))
    session.flush()
    return added.media


def _external(storage: CloudStorage, stored: StoredObject, content_hash: str) -> ExternalBlob:
    where = {"storage_id": storage.id, "key": stored.key, "etag": stored.etag}
    return ExternalBlob(content_hash=content_hash, size_bytes=stored.size, **where)


def _objects(
    storage: CloudStorage, keys: Sequence[str], prefix: str | None, loc: Loc
) -> tuple[list[tuple[Loc, StoredObject]], list[Problem]]:
    if (prefix is None) == (not keys):
        return [], [Problem(loc, "give either keys or a prefix", "keys_or_prefix")]
    problems: list[Problem] = []
    found: list[tuple[Loc, StoredObject]] = []
    if prefix is not None:
        try:
            listed = list(cloud_storages.objects(storage, prefix, limit=MAX_OBJECTS + 1))
        except CloudStorageError as error:
            return [], [Problem((*loc, "prefix"), error.msg, error.code)]
        listed = [o for o in listed if not is_metadata(o.key.rsplit("/", 1)[-1])]
        if not listed:
            problems.append(
                Problem(
                    ("prefix",), f"s3://{storage.bucket}/{storage.prefix}{prefix}: no objects", "empty_prefix"
                )
            )
        if len(listed) > MAX_OBJECTS:
            problems.append(
                Problem(
                    ("prefix",), f"more than {MAX_OBJECTS} objects: add them in parts", "too_many_objects"
                )
            )
        return [
            ((*loc, "prefix", o.key.removeprefix(storage.prefix)), o) for o in listed[:MAX_OBJECTS]
        ], problems
    for index, key in enumerate(keys):
        try:
            found.append(((*loc, "keys", index), cloud_storages.head(storage, storage.prefix + key)))
        except CloudStorageError as error:
            problems.append(Problem((*loc, "keys", index), error.msg, error.code))
    return found, problems
