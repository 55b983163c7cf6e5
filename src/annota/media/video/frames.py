"""Serving frames and chunks of one video through the cache: decode and encode only on a miss.

Cache entries are named by what determines their bytes: the source frame(s), the rotation and
the JPEG quality (plus the task frame numbers a chunk's members are named by), whether a single
frame was decoded from the seek proxy (``-p1``), and a version to bump whenever encoding changes.
Two tasks over the same video share every frame.

A single frame comes from the original when it is at hand without decoding (cached, or in a cached
chunk), else from the seek proxy when the video has one (a seek there decodes at most a few
frames), else from the original. Chunks (sequential playback) always come from the original.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import av

from annota.media.video.chunks import member_name, pack_chunk, read_member
from annota.media.video.encode import JPEG_QUALITY, encode_jpeg, encode_png
from annota.media.video.errors import FrameUnavailable
from annota.media.video.index import FrameIndex
from annota.media.video.proxies import Proxy
from annota.media.video.proxy import PROXY_VERSION
from annota.media.video.runtime import VideoRuntime
from annota.media.video.timeline import FRAMES_VERSION, ChunkPlan

log = logging.getLogger("annota.video")


@dataclass(frozen=True, slots=True)
class VideoSource:
    """A stored video and how to get an index that holds a given source frame (it may wait for one)."""

    content_hash: str
    path: Path
    rotation: int
    index_for: Callable[[int], FrameIndex]
    proxy: Proxy | None = None  # the seek proxy, when ready


def frame_variant(
    source_frame: int, rotation: int, quality: int = JPEG_QUALITY, *, proxy: bool = False
) -> str:
    made_from = f"-p{PROXY_VERSION}" if proxy else ""
    return f"v{FRAMES_VERSION}-f{source_frame:08d}-r{rotation}-q{quality}{made_from}.jpg"


def jpeg_variant(
    runtime: VideoRuntime, source: VideoSource, frame: int, chunk: ChunkPlan | None = None
) -> str:
    """The cache entry (and so the ETag) a request for source frame ``frame`` is served as."""
    original = frame_variant(frame, source.rotation)
    if source.proxy is None or runtime.cache.path(source.content_hash, original).exists():
        return original
    if chunk is not None and runtime.cache.path(source.content_hash, chunk.variant(source.rotation)).exists():
        return original  # its members are the original's JPEGs, byte for byte
    return frame_variant(frame, source.rotation, proxy=True)


def decode(runtime: VideoRuntime, source: VideoSource, frame: int) -> av.VideoFrame:
    index = source.index_for(frame)
    with runtime.readers.lease(source.content_hash, source.path, frame) as reader:
        return reader.read(index, frame)


def frame_jpeg(
    runtime: VideoRuntime,
    source: VideoSource,
    frame: int,
    *,
    chunk: ChunkPlan | None = None,
    task_frame: int | None = None,
) -> bytes:
    """JPEG of source frame ``frame``: from the cache, from a cached chunk holding it, decoded from
    the seek proxy, or decoded from the original (the order of ``jpeg_variant``)."""
    variant = frame_variant(frame, source.rotation)
    cached = runtime.cache.read(source.content_hash, variant)
    if cached is not None:
        return cached
    if chunk is not None and task_frame is not None:
        chunk_file = runtime.cache.path(source.content_hash, chunk.variant(source.rotation))
        member = read_member(chunk_file, member_name(task_frame))
        if member is not None:
            return member
    proxy = source.proxy
    if proxy is not None:
        return runtime.cache.get_or_make(
            source.content_hash,
            frame_variant(frame, source.rotation, proxy=True),
            lambda: encode_jpeg(_decode_proxy_or_original(runtime, source, proxy, frame), source.rotation),
        )
    return runtime.cache.get_or_make(
        source.content_hash, variant, lambda: encode_jpeg(decode(runtime, source, frame), source.rotation)
    )


def _decode_proxy_or_original(
    runtime: VideoRuntime, source: VideoSource, proxy: Proxy, frame: int
) -> av.VideoFrame:
    try:
        # One thread: frame threads delay the first frame after a seek, and a seek here decodes
        # at most a GOP of frames (measured: p95 134-154 ms single-threaded, 204-237 ms threaded).
        key = f"{source.content_hash}-proxy"
        with runtime.readers.lease(key, proxy.path, frame, threaded=False) as reader:
            return reader.read(proxy.index, frame)
    except (OSError, av.error.FFmpegError, FrameUnavailable, IndexError) as exc:
        # Deleted (evicted) or damaged since it was found ready: the original always answers.
        log.warning(
            "seek proxy of %s: frame %s: %s; decoding the original", source.content_hash[:12], frame, exc
        )
        return decode(runtime, source, frame)


def frame_png(runtime: VideoRuntime, source: VideoSource, frame: int) -> bytes:
    """Lossless PNG for export; not cached (export reads each frame once and would evict the JPEGs)."""
    return encode_png(decode(runtime, source, frame), source.rotation)


def chunk_zip(runtime: VideoRuntime, source: VideoSource, plan: ChunkPlan) -> bytes:
    return runtime.cache.get_or_make(
        source.content_hash,
        plan.variant(source.rotation),
        lambda: pack_chunk(_members(runtime, source, plan)),
    )


def _members(runtime: VideoRuntime, source: VideoSource, plan: ChunkPlan) -> Iterator[tuple[str, bytes]]:
    index = source.index_for(plan.source_frames[-1])
    with runtime.readers.lease(source.content_hash, source.path, plan.source_frames[0]) as reader:
        for task_frame, frame in zip(plan.task_frames, plan.source_frames, strict=True):
            cached = runtime.cache.read(source.content_hash, frame_variant(frame, source.rotation))
            data = cached if cached is not None else encode_jpeg(reader.read(index, frame), source.rotation)
            yield member_name(task_frame), data
