"""A task's frames: single frames, chunks for playback, and the video's description.

Frames and chunks are rendered after the database session is closed: decoding takes tens of
milliseconds and must not hold a connection. Bytes never change for an ETag, so answers may be
cached for good; ``If-None-Match`` is answered with 304 before any decoding.

The first request of this process about an indexed video without a seek proxy asks the job queue
for one (``video_proxy``); a failure to ask is logged and never fails the request.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from annota.api.deps import AppSettings, Caller, ReadSession, get_database
from annota.api.errors import ApiError
from annota.api.routes.background import Queue
from annota.api.schemas.frames import FrameTimes, VideoPublic
from annota.auth import policy
from annota.auth.policy import Access
from annota.jobs.queue import JobQueue
from annota.jobs.video_proxy import request_proxy
from annota.media.video.errors import FrameUnavailable, IndexFailed, IndexPending
from annota.media.video.runtime import runtime_for
from annota.services import video
from annota.services.video_proxy import ProxyRequest
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.errors import NotFound

router = APIRouter(tags=["frames"])
log = logging.getLogger("annota.video")

CACHE_FOREVER = "private, max-age=31536000, immutable"
Db = Annotated[Database, Depends(get_database)]
Quality = Literal["compressed", "original"]


@router.get("/api/tasks/{task_id}/video", response_model=VideoPublic)
def read_video(
    task_id: int, caller: Caller, session: ReadSession, settings: AppSettings, database: Db, queue: Queue
) -> dict[str, Any]:
    """The task's video: sizes, rotation, frame counts and range, chunking, index and seek proxy status."""
    policy.require_task(session, caller, task_id, Access.VIEW)
    found = video.task_video(session, settings, task_id)
    _ask_for_proxy(settings, database, queue, found.proxy_wanted)
    row, frames, index = found.row, found.frames, found.index
    fps = index.average_rate() if index is not None else None
    if fps is None and row.rate_num and row.rate_den:
        fps = row.rate_num / row.rate_den
    rotated = row.rotation in (90, 270)
    return {
        "task_id": task_id,
        "name": found.item.name,
        "mime": found.item.mime,
        "size_bytes": found.item.size_bytes,
        "container": row.container,
        "codec": row.codec,
        "pixel_format": row.pixel_format,
        "width": row.height if rotated else row.width,
        "height": row.width if rotated else row.height,
        "coded_width": row.width,
        "coded_height": row.height,
        "rotation": row.rotation,
        "frame_count": len(frames),
        "frame_count_exact": row.frame_count_exact,
        "source_frame_count": row.frame_count,
        "frame_start": frames.start,
        "frame_stop": frames.last_source,
        "frame_step": frames.step,
        "fps": fps,
        "variable_frame_rate": row.variable_rate,
        "time_base": f"{row.time_base_num}/{row.time_base_den}",
        "duration_s": row.duration_s,
        "keyframe_count": row.keyframe_count,
        "chunk_size": found.chunk_size,
        "chunk_count": frames.chunk_count(found.chunk_size),
        "index_status": row.status,
        "frames_indexed": found.frames_indexed,
        "index_method": row.method,
        "index_seconds": row.index_seconds,
        "index_error": row.error,
        "seek_proxy": found.proxy.status,
        "seek_proxy_reason": found.proxy.reason,
    }


@router.get("/api/tasks/{task_id}/video/timestamps", response_model=FrameTimes)
def read_timestamps(
    task_id: int, caller: Caller, session: ReadSession, settings: AppSettings
) -> dict[str, Any]:
    """Each task frame's presentation time; 409 until the index is built."""
    policy.require_task(session, caller, task_id, Access.VIEW)
    seconds = video.frame_seconds(video.task_video(session, settings, task_id))
    if seconds is None:
        raise ApiError(409, "the video is still being indexed", "video.indexing", ("path", "task_id"))
    return {"frame_count": len(seconds), "seconds": seconds}


@router.get(
    "/api/tasks/{task_id}/frames/{frame}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}},
)
def read_frame(
    task_id: int,
    frame: int,
    request: Request,
    caller: Caller,
    database: Db,
    settings: AppSettings,
    queue: Queue,
    quality: Annotated[Quality, Query(description="original: lossless, for export")] = "compressed",
) -> Response:
    """Task frame ``frame`` (0-based) as JPEG; ``quality=original`` gives a lossless image."""
    with database.session() as session:
        policy.require_task_frames(session, caller, task_id, range(frame, frame + 1))
        deliverable = video.serve_frame(session, settings, task_id, frame, original=quality == "original")
    _ask_for_proxy(settings, database, queue, deliverable.proxy_wanted)
    return _send(request, deliverable, frame, "frame")


@router.get(
    "/api/tasks/{task_id}/chunks/{number}",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
def read_chunk(
    task_id: int,
    number: int,
    request: Request,
    caller: Caller,
    database: Db,
    settings: AppSettings,
    queue: Queue,
) -> Response:
    """Chunk ``number``: task frames number*chunk_size onwards, JPEGs in a stored zip named 000123.jpg."""
    with database.session() as session:
        size = runtime_for(settings).config.chunk_size
        policy.require_task_frames(session, caller, task_id, range(number * size, (number + 1) * size))
        deliverable = video.serve_chunk(session, settings, task_id, number)
    _ask_for_proxy(settings, database, queue, deliverable.proxy_wanted)
    return _send(request, deliverable, number, "chunk")


def _ask_for_proxy(
    settings: Settings, database: Database, queue: JobQueue, wanted: ProxyRequest | None
) -> None:
    if wanted is None or not runtime_for(settings).first_proxy_request(wanted.content_hash):
        return
    try:
        request_proxy(settings, database, queue, wanted)
    except Exception:
        # Frames are served from the original meanwhile; the next process start asks again.
        log.exception("asking for the seek proxy of %s failed", wanted.content_hash[:12])


def _send(request: Request, deliverable: video.Deliverable, ident: int, entity: str) -> Response:
    headers = {"ETag": deliverable.etag, "Cache-Control": CACHE_FOREVER}
    sent = request.headers.get("if-none-match", "")
    if deliverable.etag in [tag.strip() for tag in sent.split(",")]:
        return Response(status_code=304, headers=headers)
    try:
        data = deliverable.render()
    except IndexPending as exc:
        raise ApiError(
            503,
            f"{entity} {ident} is not indexed yet ({exc.indexed} frames so far): retry shortly",
            "video.indexing",
            ("path", entity),
            headers={"Retry-After": "1"},
        ) from None
    except IndexFailed as exc:
        raise ApiError(409, f"the video could not be indexed: {exc.reason}", "video.index_failed") from None
    except IndexError:
        raise NotFound(entity, ident) from None
    except FrameUnavailable as exc:
        msg = f"frame {exc.frame} could not be decoded from the video file"
        raise ApiError(500, msg, "video.frame_unavailable", ("path", entity)) from None
    return Response(data, media_type=deliverable.mime, headers=headers)
