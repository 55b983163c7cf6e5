"""The one way to reach a media file's bytes: from the media store, or from a connected bucket."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from annota.settings import Settings
from annota.storage import cloud_storages
from annota.storage.cloud_tables import CloudStorage, ExternalBlob
from annota.storage.media_stores import media_store_for


def media_path(session: Session, settings: Settings, content_hash: str) -> Path:
    """A local file holding the blob's bytes (for a bucket or a connected object, a cached copy)."""
    external = session.get(ExternalBlob, content_hash)
    if external is None:
        return media_store_for(settings).local_path(content_hash)
    storage = session.get(CloudStorage, external.storage_id)
    assert storage is not None  # the foreign key cascades
    return cloud_storages.fetch(settings, storage, external.key, content_hash, external.etag)
