"""The one way to reach a media file's bytes: from the media store, or from a connected bucket.

`media_files()` looks up once which of the blobs live in a connected bucket; its `path()` then needs
no database session, so rendering, exports and tracking can read media outside a transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.settings import Settings
from annota.storage import cloud_storages
from annota.storage.cloud_storages import Bucket
from annota.storage.cloud_tables import CloudStorage, ExternalBlob
from annota.storage.media_stores import MediaStore, media_store_for
from annota.storage.tables import MediaItem

_LOOKUP_BATCH = 500


class MediaFiles:
    """Local files of blobs: the media store's, or cached copies of connected objects."""

    def __init__(
        self, settings: Settings, objects: dict[str, tuple[int, str, str]], buckets: dict[int, Bucket]
    ) -> None:
        self._settings, self._objects, self._buckets = settings, objects, buckets
        self._store: MediaStore | None = None

    def path(self, content_hash: str) -> Path:
        found = self._objects.get(content_hash)
        if found is None:
            if self._store is None:
                self._store = media_store_for(self._settings)
            return self._store.local_path(content_hash)
        storage_id, key, etag = found
        return cloud_storages.fetch(self._settings, self._buckets[storage_id], key, content_hash, etag)


def media_files(
    session: Session, settings: Settings, *, task_id: int | None = None, content_hashes: Iterable[str] = ()
) -> MediaFiles:
    """Where the blobs of task `task_id` (all its media), or those of `content_hashes`, are."""
    columns = select(ExternalBlob.content_hash, ExternalBlob.storage_id, ExternalBlob.key, ExternalBlob.etag)
    rows: list[tuple[str, int, str, str]] = []
    if task_id is not None:
        query = columns.join(MediaItem, MediaItem.content_hash == ExternalBlob.content_hash)
        rows.extend(session.execute(query.where(MediaItem.task_id == task_id)).all())
    wanted = sorted(set(content_hashes))
    for start in range(0, len(wanted), _LOOKUP_BATCH):
        batch = wanted[start : start + _LOOKUP_BATCH]
        rows.extend(session.execute(columns.where(ExternalBlob.content_hash.in_(batch))).all())
    objects = {content_hash: (storage_id, key, etag) for content_hash, storage_id, key, etag in rows}
    storage_ids = {storage_id for storage_id, _, _ in objects.values()}
    buckets = (
        {
            storage.id: Bucket.of(storage)
            for storage in session.scalars(select(CloudStorage).where(CloudStorage.id.in_(storage_ids)))
        }
        if storage_ids
        else {}
    )
    return MediaFiles(settings, objects, buckets)


def media_path(session: Session, settings: Settings, content_hash: str) -> Path:
    """A local file holding the blob's bytes (for a bucket or a connected object, a cached copy)."""
    return media_files(session, settings, content_hashes=[content_hash]).path(content_hash)
