"""Which uploads are videos: by file name for routing, by content (FFmpeg's probe) for acceptance."""

from __future__ import annotations

from pathlib import PurePosixPath

# File name suffix -> MIME type. The content decides in the end: `probe` checks the container.
VIDEO_SUFFIXES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".mkv": "video/x-matroska",
    ".webm": "video/webm",
    ".avi": "video/x-msvideo",
}

# FFmpeg demuxer name -> (short container name, MIME type).
CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": ("mp4", "video/mp4"),
    "matroska,webm": ("matroska", "video/x-matroska"),
    "avi": ("avi", "video/x-msvideo"),
}


def is_video_name(name: str) -> bool:
    """True for a file name ending in a video suffix (case-insensitive): mp4, m4v, mov, mkv, webm, avi."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower() in VIDEO_SUFFIXES


def container_of(demuxer: str, name: str) -> tuple[str, str] | None:
    """(container, MIME type) of a file FFmpeg opened with ``demuxer``; None when unsupported.

    FFmpeg reports mp4 and mov (and webm and mkv) under one demuxer name; the file's suffix picks
    the more precise MIME type among those the content allows.
    """
    found = CONTAINERS.get(demuxer)
    if found is None:
        return None
    container, mime = found
    by_suffix = VIDEO_SUFFIXES.get(PurePosixPath(name).suffix.lower())
    if container == "mp4" and by_suffix == "video/quicktime":
        return "mov", by_suffix
    if container == "matroska" and by_suffix == "video/webm":
        return "webm", by_suffix
    return container, mime
