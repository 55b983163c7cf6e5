"""Serving frames and chunks of one video through the cache: decode and encode only on a miss.

Cache entries are named by what determines their bytes: the source frame(s), the rotation and
the JPEG quality (plus the task frame numbers a chunk's members are named by), and a version
to bump whenever encoding changes. Two tasks over the same video share every frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import av

from annota.media.video.chunks import member_name, pack_chunk, read_member
from annota.media.video.encode import JPEG_QUALITY, encode_jpeg, encode_png
from annota.media.video.index import FrameIndex
from annota.media.video.runtime import VideoRuntime
from annota.media.video.timeline import FRAMES_VERSION, ChunkPlan


@dataclass(frozen=True, slots=True)
class VideoSource:
    """A stored video and how to get an index that holds a given source frame (it may wait for one)."""

    content_hash: str
    path: Path
    rotation: int
    index_for: Callable[[int], FrameIndex]


def frame_variant(source_frame: int, rotation: int, quality: int = JPEG_QUALITY) -> str:
    return f"v{FRAMES_VERSION}-f{source_frame:08d}-r{rotation}-q{quality}.jpg"


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
    """JPEG of source frame ``frame``: from the cache, from a cached chunk holding it, or decoded."""
    variant = frame_variant(frame, source.rotation)
    cached = runtime.cache.read(source.content_hash, variant)
    if cached is not None:
        return cached
    if chunk is not None and task_frame is not None:
        chunk_file = runtime.cache.path(source.content_hash, chunk.variant(source.rotation))
        member = read_member(chunk_file, member_name(task_frame))
        if member is not None:
            return member
    return runtime.cache.get_or_make(
        source.content_hash, variant, lambda: encode_jpeg(decode(runtime, source, frame), source.rotation)
    )


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
