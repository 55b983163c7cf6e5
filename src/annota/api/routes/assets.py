"""Files referred to by a project's guidelines (images in the Markdown)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from sqlalchemy import select
from starlette.responses import Response

from annota.api.deps import AppSettings, Caller, ReadSession, WriteSession
from annota.api.errors import ApiError, not_found
from annota.api.routes.media import serve_file
from annota.auth import policy
from annota.auth.policy import Access
from annota.media.images import ImageError, probe
from annota.storage.media_store import InvalidContentHash, validate_hash
from annota.storage.media_stores import media_store_for
from annota.storage.tables import Blob, ProjectAsset

router = APIRouter(prefix="/api/projects/{project_id}/assets", tags=["projects"])

MAX_ASSET_BYTES = 20 * 1024**2


@router.post("", status_code=201, response_model=dict[str, str])
def upload_asset(
    project_id: int,
    caller: Caller,
    session: WriteSession,
    settings: AppSettings,
    file: Annotated[UploadFile, File(description="An image to show in the guidelines")],
) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, Access.MANAGE)
    store = media_store_for(settings)
    name = PurePosixPath(file.filename or "image").name
    staged = store.stage(file.file, MAX_ASSET_BYTES, name=name)
    try:
        info = probe(staged.path, name=name, max_pixels=settings.max_image_pixels)
    except ImageError as error:
        store.discard(staged)
        raise ApiError(422, error.msg, error.type, ("body", "file")) from None
    stored = store.commit(staged)
    if session.get(Blob, stored.hash) is None:
        session.add(Blob(content_hash=stored.hash, size_bytes=stored.size, mime=info.mime,
                         width=info.width, height=info.height))  # fmt: skip
    session.add(ProjectAsset(project_id=project_id, content_hash=stored.hash, name=name, mime=info.mime))
    session.flush()
    return {"url": f"/api/projects/{project_id}/assets/{stored.hash}"}


@router.get("/{content_hash}", response_class=Response)
def read_asset(
    project_id: int,
    content_hash: str,
    request: Request,
    caller: Caller,
    session: ReadSession,
    settings: AppSettings,
) -> Response:
    policy.require_project(session, caller, project_id, Access.VIEW)
    try:
        validate_hash(content_hash)
    except InvalidContentHash:
        raise not_found("asset", content_hash) from None
    asset = session.scalar(
        select(ProjectAsset).where(
            ProjectAsset.project_id == project_id, ProjectAsset.content_hash == content_hash
        )
    )
    if asset is None:
        raise not_found("asset", content_hash)
    path = media_store_for(settings).local_path(asset.content_hash)
    return serve_file(request, path, f'"{asset.content_hash}"', asset.mime)
