"""Connected cloud storage: buckets a project reads media from in place (docs/cloud-storage.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from annota.api.deps import AppSettings, Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.schemas.cloud_storages import (
    CloudMediaImport,
    CloudStorageCreate,
    CloudStoragePublic,
    ObjectListing,
)
from annota.api.schemas.tasks import MediaAdded
from annota.auth import policy
from annota.auth.policy import Access
from annota.auth.principal import Principal
from annota.services.cloud_media import add_cloud_media
from annota.storage import cloud_storages
from annota.storage.cloud_storages import CloudStorageError
from annota.storage.cloud_tables import CloudStorage

router = APIRouter(tags=["cloud storage"])


def _public(storage: CloudStorage) -> dict[str, Any]:
    return {
        **{f: getattr(storage, f) for f in ("id", "project_id", "name", "bucket", "prefix", "endpoint_url")},
        "region": storage.region,
        "created_at": storage.created_at,
        "has_credentials": storage.access_key_id is not None,
    }


def _require_storage(session: Session, caller: Principal, storage_id: int) -> CloudStorage:
    """The connection, for someone who manages its project (404 for anyone else)."""
    storage = session.get(CloudStorage, storage_id)
    if storage is None:
        raise ApiError(404, "cloud storage not found", "not_found", ("path", "storage_id"))
    policy.require_project(session, caller, storage.project_id, "project.manage")
    return storage


@router.get("/api/projects/{project_id}/cloud-storages", response_model=list[CloudStoragePublic])
def list_storages(project_id: int, caller: Caller, session: ReadSession) -> list[dict[str, Any]]:
    policy.require_project(session, caller, project_id, "project.manage")
    return [_public(s) for s in cloud_storages.list_for_project(session, project_id)]


@router.post("/api/projects/{project_id}/cloud-storages", response_model=CloudStoragePublic, status_code=201)
def connect_storage(
    project_id: int, body: CloudStorageCreate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    """Connect a bucket (checked by listing it first: wrong names or keys are refused at once)."""
    policy.require_project(session, caller, project_id, "project.manage")
    storage = cloud_storages.create(
        session, project_id, **body.model_dump(), created_by=caller.user_id, loc=("body",)
    )
    try:
        cloud_storages.check(storage)
    except CloudStorageError as error:
        raise ApiError(422, error.msg, error.code, ("body", "bucket")) from None
    return _public(storage)


@router.get("/api/cloud-storages/{storage_id}/objects", response_model=ObjectListing)
def list_objects(
    storage_id: int,
    caller: Caller,
    session: ReadSession,
    prefix: str = "",
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict[str, Any]:
    """The manifest of what could be added: keys (relative to the storage's prefix) and sizes."""
    storage = _require_storage(session, caller, storage_id)
    found = list(cloud_storages.objects(storage, prefix, limit=limit + 1))
    items = [{"key": o.key.removeprefix(storage.prefix), "size": o.size} for o in found[:limit]]
    return {"items": items, "truncated": len(found) > limit}


@router.delete("/api/cloud-storages/{storage_id}", status_code=204)
def disconnect_storage(storage_id: int, caller: Caller, session: WriteSession) -> None:
    cloud_storages.remove(session, _require_storage(session, caller, storage_id))


@router.post("/api/tasks/{task_id}/media/cloud", response_model=MediaAdded, status_code=201)
def add_media_from_storage(
    task_id: int, body: CloudMediaImport, caller: Caller, session: WriteSession, settings: AppSettings
) -> dict[str, Any]:
    """Objects of a connected bucket added to the task, read in place (not copied)."""
    task = policy.require_task(session, caller, task_id, Access.MANAGE)
    storage = session.get(CloudStorage, body.storage_id)
    if storage is None or storage.project_id != task.project_id:
        raise ApiError(
            404, "cloud storage not found in this task's project", "not_found", ("body", "storage_id")
        )
    items = add_cloud_media(
        session, settings, task_id, storage, keys=body.keys, prefix=body.prefix, loc=("body",)
    )
    return {"added": len(items), "frames": [item.frame for item in items]}
