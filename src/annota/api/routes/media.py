"""Media of a task: adding (upload, zip, share folder), listing, and serving to allowed users only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session
from starlette.responses import FileResponse, Response

from annota.api.deps import AppSettings, Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.tasks import MediaAdded, MediaPublic, ShareImport
from annota.auth import policy
from annota.auth.policy import Access
from annota.media.renditions import RenditionCache, shrink_jpeg
from annota.services import video
from annota.services.media import UploadedFile, add_shared_media, add_uploaded_media
from annota.storage import tasks
from annota.storage.media_files import media_path
from annota.storage.tables import Job, MediaItem, ShapeRow, TagRow

router = APIRouter(tags=["media"])

# Media bytes never change for a given content hash; `private` keeps shared caches out of it.
CACHE_FOREVER = "private, max-age=31536000, immutable"
THUMBNAIL_SIDES = (128, 256, 512)


@router.post("/api/tasks/{task_id}/media", response_model=MediaAdded, status_code=201)
def upload_media(
    task_id: int,
    caller: Caller,
    session: WriteSession,
    settings: AppSettings,
    files: Annotated[list[UploadFile], File(description="Images, or .zip archives of images")],
) -> dict[str, Any]:
    policy.require_task(session, caller, task_id, Access.MANAGE)
    uploads = [UploadedFile(f.filename or f"upload-{i}", f.file) for i, f in enumerate(files)]
    upload = video.split_video_upload(uploads)
    if upload is not None:
        added = video.add_video(session, settings, task_id, upload)
        return {"added": 1, "frames": [added.media.frame]}
    items = add_uploaded_media(session, settings, task_id, uploads)
    return {"added": len(items), "frames": [item.frame for item in items]}


@router.post("/api/tasks/{task_id}/media/share", response_model=MediaAdded, status_code=201)
def import_shared_media(
    task_id: int, body: ShareImport, caller: Caller, session: WriteSession, settings: AppSettings
) -> dict[str, Any]:
    policy.require_task(session, caller, task_id, Access.MANAGE)
    items = add_shared_media(session, settings, task_id, body.paths)
    return {"added": len(items), "frames": [item.frame for item in items]}


@router.get("/api/tasks/{task_id}/media", response_model=Page[MediaPublic])
def list_media(
    task_id: int, caller: Caller, session: ReadSession, params: Annotated[ListParams, Query()]
) -> dict[str, Any]:
    policy.require_task(session, caller, task_id, Access.VIEW)
    query = select(MediaItem).where(MediaItem.task_id == task_id, policy.visible_media(caller))
    if params.q:
        query = query.where(MediaItem.name.icontains(params.q, autoescape=True))
    page = page_of(session, query, params, tasks.MEDIA_COLUMNS, unique_key=MediaItem.id, default_sort="frame")
    counts = frame_annotation_counts(
        session, task_id, [item.frame for item in page["items"]], policy.visible_jobs(caller)
    )
    page["items"] = [
        {**MediaPublic.model_validate(item).model_dump(), "annotation_count": counts.get(item.frame, 0)}
        for item in page["items"]
    ]
    return page


def frame_annotation_counts(
    session: Session, task_id: int, frames: list[int], visible_jobs: ColumnElement[bool]
) -> dict[int, int]:
    """Shapes and tags on each of `frames`, over the task's jobs the caller sees (per-image status)."""
    if not frames:
        return {}
    counts: dict[int, int] = {}
    for table in (ShapeRow, TagRow):
        rows = session.execute(
            select(table.frame, func.count())
            .join(Job, Job.id == table.job_id)
            .where(Job.task_id == task_id, table.frame.in_(frames), visible_jobs)
            .group_by(table.frame)
        )
        for frame, count in rows:
            counts[frame] = counts.get(frame, 0) + count
    return counts


def _not_modified(request: Request, etag: str) -> bool:
    sent = request.headers.get("if-none-match", "")
    return etag in [tag.strip() for tag in sent.split(",")]


def serve_file(
    request: Request, path: Path, etag: str, media_type: str, filename: str | None = None
) -> Response:
    headers = {"ETag": etag, "Cache-Control": CACHE_FOREVER}
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    disposition = "inline"
    return FileResponse(
        path, media_type=media_type, headers=headers, filename=filename, content_disposition_type=disposition
    )


@router.get("/api/media/{media_id}/original", response_class=Response)
def original(
    media_id: int, request: Request, caller: Caller, session: ReadSession, settings: AppSettings
) -> Response:
    """The file exactly as uploaded."""
    item = policy.require_media(session, caller, media_id)
    path = media_path(session, settings, item.content_hash)
    return serve_file(request, path, f'"{item.content_hash}"', item.mime, Path(item.name).name)


@router.get("/api/media/{media_id}/display", response_class=Response)
def display(
    media_id: int, request: Request, caller: Caller, session: ReadSession, settings: AppSettings
) -> Response:
    """What the editor shows: the original when browsers can show it faithfully, else an 8-bit
    PNG rendition (TIFF, 16-bit images)."""
    item = policy.require_media(session, caller, media_id)
    if video.is_video_item(session, item):
        msg = "a video is shown frame by frame: use /api/tasks/{task_id}/frames/{n}"
        raise ApiError(422, msg, "video_media", ("path", "media_id"))
    source = media_path(session, settings, item.content_hash)
    path, mime = RenditionCache(settings.cache_dir).display(
        item.content_hash, source, name=item.name, max_pixels=settings.max_image_pixels
    )
    return serve_file(request, path, f'"{item.content_hash}-display"', mime)


@router.get("/api/media/{media_id}/thumbnail", response_class=Response)
def thumbnail(
    media_id: int,
    request: Request,
    caller: Caller,
    session: ReadSession,
    settings: AppSettings,
    size: int = 256,
) -> Response:
    if size not in THUMBNAIL_SIDES:
        raise ApiError(422, f"size must be one of {list(THUMBNAIL_SIDES)}", "invalid_size", ("query", "size"))
    item = policy.require_media(session, caller, media_id)
    cache = RenditionCache(settings.cache_dir)
    if video.is_video_item(session, item):
        # A video's thumbnail is its first frame, decoded once and cached like any rendition.
        first = video.serve_frame(session, settings, item.task_id, 0)
        variant = f"v1-video-thumb-{size}.jpg"
        path = cache.get_or_create(item.content_hash, variant, lambda: shrink_jpeg(first.render(), size))
        return serve_file(request, path, f'"{item.content_hash}-t{size}"', "image/jpeg")
    source = media_path(session, settings, item.content_hash)
    path = cache.thumbnail(
        item.content_hash, source, size, name=item.name, max_pixels=settings.max_image_pixels
    )
    return serve_file(request, path, f'"{item.content_hash}-t{size}"', "image/jpeg")
