"""Media from a connected bucket, read in place: a task gets the objects (by key or under a prefix)
without copying them into annota's media store.

All or nothing, like uploads: every object is read once (to check it is an image annota can show,
and to learn its size), and every problem is reported, located by the object's key, before any row
is written. Reading them also warms the local cache the editor is served from.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from annota.media.images import ImageError, probe
from annota.media.names import is_metadata
from annota.media.video.formats import is_video_name
from annota.settings import Settings
from annota.storage import cloud_storages, tasks
from annota.storage.cloud_storages import CloudStorageError, StoredObject
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
    media: list[tasks.NewMedia] = []
    externals: list[ExternalBlob] = []
    for loc, stored in found:
        name = stored.key.removeprefix(storage.prefix)
        if is_video_name(name):
            problems.append(
                Problem(
                    loc, f"{name}: videos from connected storage are not supported yet", "video_in_storage"
                )
            )
            continue
        content_hash = cloud_storages.identity(storage.id, stored.key, stored.etag)
        try:
            path = cloud_storages.fetch(settings, storage, stored.key, content_hash, stored.etag)
            info = probe(path, name=name, max_pixels=settings.max_image_pixels)
        except CloudStorageError as error:
            problems.append(Problem(loc, error.msg, error.code))
            continue
        except ImageError as error:
            problems.append(Problem(loc, str(error), "invalid_image"))
            continue
        media.append(tasks.NewMedia(name, content_hash, stored.size, info.mime, info.width, info.height))
        externals.append(
            ExternalBlob(
                content_hash=content_hash,
                storage_id=storage.id,
                key=stored.key,
                etag=stored.etag,
                size_bytes=stored.size,
            )
        )
    if problems:
        raise InvalidValue(problems)
    items = tasks.append_media(session, task_id, media)
    for external in externals:
        if session.get(ExternalBlob, external.content_hash) is None:
            session.add(external)
    tasks.split_into_jobs(session, tasks.get_task(session, task_id), tasks.count_frames(session, task_id))
    session.flush()
    return items


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
