"""Is the image file complete? One structural check per format, no pixel decoding.

A header that opens fine says nothing about the rest of the file: an interrupted upload or copy
leaves a JPEG that Pillow opens and a browser shows half grey. Each check walks the format's own
structure (markers, chunks, strips, sub-blocks) with seeks and reads, and returns what is wrong,
or None. It catches truncation; corrupt bytes inside the compressed data only show when decoding.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import BinaryIO

from PIL import ImageFile

# (file, file size, opened image) -> problem message, or None when the file is complete.
TruncationCheck = Callable[[BinaryIO, int, ImageFile.ImageFile], str | None]

_SCAN_BYTES = 1024 * 1024
_JPEG_EOI = b"\xff\xd9"
_JPEG_SOS = 0xDA
# Markers without a length field: TEM, RST0-7 (SOI/EOI handled separately).
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
TIFF_STRIP_OFFSETS, TIFF_STRIP_BYTE_COUNTS = 273, 279
TIFF_TILE_OFFSETS, TIFF_TILE_BYTE_COUNTS = 324, 325


def _truncated(where: str) -> str:
    return f"file is truncated or damaged ({where})"


def _jpeg(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    fp.seek(2)  # after SOI
    while True:
        byte = fp.read(1)
        if not byte:
            return _truncated("ends before the image data")
        if byte != b"\xff":
            continue
        marker = fp.read(1)
        while marker == b"\xff":  # fill bytes
            marker = fp.read(1)
        if not marker:
            return _truncated("ends before the image data")
        code = marker[0]
        if code == 0xD9:
            return _truncated("end marker before any image data")
        if code in _JPEG_STANDALONE or code == 0xD8:
            continue
        length_bytes = fp.read(2)
        if len(length_bytes) < 2:
            return _truncated("ends inside a header segment")
        segment_end = fp.tell() + struct.unpack(">H", length_bytes)[0] - 2
        if segment_end > size:
            return _truncated("ends inside a header segment")
        fp.seek(segment_end)
        if code == _JPEG_SOS:
            break
    scan_start = fp.tell()
    # 0xFFD9 cannot occur inside entropy-coded data (0xFF is stuffed as 0xFF00), so an EOI after
    # the first scan means the image data is complete; bytes after it (trailers) are allowed.
    fp.seek(max(scan_start, size - 2))
    if fp.read(2) == _JPEG_EOI:
        return None
    fp.seek(scan_start)
    previous = b""
    while chunk := fp.read(_SCAN_BYTES):
        if _JPEG_EOI in previous[-1:] + chunk:
            return None
        previous = chunk
    return _truncated("the end-of-image marker is missing")


def _png(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    position = 8  # after the signature
    while position + 8 <= size:
        fp.seek(position)
        length, chunk_type = struct.unpack(">I4s", fp.read(8))
        position += 12 + length  # length, type, data, CRC
        if position > size:
            return _truncated(f"ends inside the {chunk_type.decode('latin-1')!r} chunk")
        if chunk_type == b"IEND":
            return None
    return _truncated("the IEND chunk is missing")


def _gif(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    # The first frame's LZW data: sub-blocks of (length byte, data) ending with a zero length.
    position = im.tile[0].offset if im.tile else size
    while position < size:
        fp.seek(position)
        block_length = fp.read(1)[0]
        if block_length == 0:
            return None
        position += 1 + block_length
    return _truncated("the first frame's data is cut short")


def _tiff(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    tags = im.tag_v2  # type: ignore[attr-defined]
    for offsets_tag, counts_tag in (
        (TIFF_STRIP_OFFSETS, TIFF_STRIP_BYTE_COUNTS),
        (TIFF_TILE_OFFSETS, TIFF_TILE_BYTE_COUNTS),
    ):
        offsets, counts = tags.get(offsets_tag), tags.get(counts_tag)
        if offsets is None or counts is None:
            continue
        offsets = offsets if isinstance(offsets, tuple) else (offsets,)
        counts = counts if isinstance(counts, tuple) else (counts,)
        ends = [int(o) + int(c) for o, c in zip(offsets, counts, strict=False)]
        if ends and max(ends) > size:
            return _truncated("image data extends past the end of the file")
    return None


def _bmp(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    if not im.tile:
        return None
    tile = im.tile[0]
    if tile.codec_name == "raw" and isinstance(tile.args, tuple) and len(tile.args) >= 2:
        stride = int(tile.args[1])
        rows = tile.extents[3] - tile.extents[1] if tile.extents else 0
        if tile.offset + stride * rows > size:
            return _truncated("pixel rows are missing")
    elif tile.offset >= size:
        return _truncated("the pixel data is missing")
    return None


def _webp(fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    fp.seek(4)
    header = fp.read(4)
    if len(header) < 4:
        return _truncated("the RIFF header is cut short")
    declared = struct.unpack("<I", header)[0] + 8
    if declared > size:
        return _truncated(f"{size} of {declared} bytes present")
    return None


# One line per supported format (images.SUPPORTED_FORMATS).
TRUNCATION_CHECKS: dict[str, TruncationCheck] = {
    "JPEG": _jpeg,
    "PNG": _png,
    "GIF": _gif,
    "TIFF": _tiff,
    "BMP": _bmp,
    "WEBP": _webp,
}


def find_truncation(fmt: str, fp: BinaryIO, size: int, im: ImageFile.ImageFile) -> str | None:
    """Why the file is incomplete, or None when it is complete."""
    return TRUNCATION_CHECKS[fmt](fp, size, im)
