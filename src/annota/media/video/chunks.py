"""A chunk: consecutive task frames as JPEG files in one uncompressed (stored) zip archive.

Why a zip: JPEG data does not compress further, so members are stored and the archive is the
JPEGs plus ~100 bytes of headers each. The central directory at the end lists every member's
offset, so a browser slices its ArrayBuffer without copying or scanning (a few lines of JS or
fflate's ``unzipSync``) and hands each JPEG to ``createImageBitmap``. Any zip tool opens a
chunk for inspection. Members are named by task frame, ``000120.jpg``, in frame order; the
archive bytes depend only on the frames (fixed member dates), so equal chunks are equal files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

CHUNK_MIME = "application/zip"
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def member_name(frame: int, suffix: str = ".jpg") -> str:
    return f"{frame:06d}{suffix}"


def pack_chunk(frames: Iterable[tuple[str, bytes]]) -> bytes:
    """A stored zip of (member name, bytes), in the given order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in frames:
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def read_member(chunk: Path, name: str) -> bytes | None:
    """One member of a cached chunk file, or None when the chunk does not hold it."""
    try:
        with zipfile.ZipFile(chunk) as archive:
            return archive.read(name)
    except (KeyError, FileNotFoundError):
        return None


def member_names(chunk: bytes | Path) -> list[str]:
    source = io.BytesIO(chunk) if isinstance(chunk, bytes) else chunk
    with zipfile.ZipFile(source) as archive:
        return archive.namelist()
