"""The seek proxy of a video task: when to ask for one, and what building it needs.

A proxy is asked for (a ``video_proxy`` background job) the first time this process serves or
describes a video that is indexed and has none; the job builds it once per video file, whatever
the number of tasks showing it. Until it is ready, and whenever it is missing, frames come from the
original. See ``annota.media.video.proxy`` for what a proxy is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from annota.media.video.index import FrameIndex
from annota.media.video.runtime import VideoRuntime, runtime_for
from annota.services.video_index import loaded_index
from annota.settings import Settings
from annota.storage.errors import NotFound
from annota.storage.media_files import media_path
from annota.storage.tables import Task
from annota.storage.video_tables import VideoIndexRow


@dataclass(frozen=True, slots=True)
class ProxyRequest:
    """A proxy to build: the video, and the project its job is shown in."""

    content_hash: str
    project_id: int


@dataclass(frozen=True, slots=True)
class ProxySource:
    """What a build reads: the stored original and its exact index."""

    content_hash: str
    path: Path
    index: FrameIndex


class IndexNotReady(Exception):
    """The video is still being indexed: its proxy is built afterwards."""


class NoProxyPossible(Exception):
    """The video's index failed: it has no frames to build a proxy from."""


def proxy_wanted(runtime: VideoRuntime, task: Task, row: VideoIndexRow) -> ProxyRequest | None:
    """A proxy to ask for: the video is indexed, has none, and this process has not asked yet.

    Only a look: the caller asks (``VideoRuntime.first_proxy_request``, then the job queue).
    """
    content_hash = row.content_hash
    if row.status != "ready" or not runtime.proxies.enabled or content_hash in runtime.proxy_requested:
        return None
    if runtime.proxies.state(content_hash).status != "none":
        return None
    return ProxyRequest(content_hash, task.project_id)


def proxy_source(session: Session, settings: Settings, content_hash: str) -> ProxySource:
    """The original and its index, for a build (NotFound when the video was deleted)."""
    row = session.get(VideoIndexRow, content_hash)
    if row is None:
        raise NotFound("video", content_hash)
    if row.status == "indexing":
        raise IndexNotReady(content_hash)
    index = loaded_index(runtime_for(settings), row)
    if index is None:
        raise NoProxyPossible(row.error or "the video could not be indexed")
    return ProxySource(content_hash, media_path(session, settings, content_hash), index)
