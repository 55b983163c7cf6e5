"""Image and archive files for the media tests, generated into a test's tmp_path."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

EXIF_ORIENTATION = 0x0112


def gradient(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A picture with distinct pixels, so that a rotation or a flip shows."""
    x = np.linspace(0, 255, width, dtype=np.float32)[np.newaxis, :]
    y = np.linspace(0, 255, height, dtype=np.float32)[:, np.newaxis]
    rgb = np.dstack([np.broadcast_to(x, (height, width)), np.broadcast_to(y, (height, width)), (x + y) / 2])
    return Image.fromarray(rgb.astype(np.uint8), "RGB").convert(mode)


def save(img: Image.Image, path: Path, *, orientation: int | None = None, **params: Any) -> Path:
    if orientation is not None:
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = orientation
        params["exif"] = exif
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, **params)
    return path


def write_image(path: Path, width: int = 40, height: int = 20, **params: Any) -> Path:
    mode = "RGB" if path.suffix.lower() not in (".gif",) else "P"
    return save(gradient(width, height, mode), path, **params)


def left_half_red(width: int, height: int) -> Image.Image:
    img = Image.new("RGB", (width, height), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, width // 2, height))
    return img


def write_gray16(path: Path, values: np.ndarray, *, orientation: int | None = None) -> Path:
    """16-bit greyscale TIFF or PNG (Pillow writes both natively)."""
    return save(Image.fromarray(values.astype(np.uint16)), path, orientation=orientation)


def write_tiff_rgb16(
    path: Path, values: np.ndarray, *, big_endian: bool = False, deflate: bool = False
) -> Path:
    """A 16-bit-per-channel RGB TIFF (which Pillow cannot write), one strip."""
    height, width, _ = values.shape
    order = ">" if big_endian else "<"
    data = values.astype(f"{order}u2").tobytes()
    if deflate:
        data = zlib.compress(data)
    tags = [  # (tag, type, count, value); type 3 = SHORT, 4 = LONG
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 3, 0),  # BitsPerSample: offset patched below
        (259, 3, 1, 8 if deflate else 1),
        (262, 3, 1, 2),  # RGB
        (273, 4, 1, 0),  # StripOffsets: patched below
        (277, 3, 1, 3),
        (278, 4, 1, height),
        (279, 4, 1, len(data)),
        (284, 3, 1, 1),
    ]
    ifd_size = 2 + len(tags) * 12 + 4
    bits_offset = 8 + ifd_size
    data_offset = bits_offset + 6
    head = (b"MM\x00\x2a" if big_endian else b"II\x2a\x00") + struct.pack(f"{order}I", 8)
    ifd = struct.pack(f"{order}H", len(tags))
    for tag, typ, count, value in tags:
        value = {258: bits_offset, 273: data_offset}.get(tag, value)
        if typ == 3 and count == 1:
            ifd += struct.pack(f"{order}HHIHH", tag, typ, count, value, 0)
        else:
            ifd += struct.pack(f"{order}HHII", tag, typ, count, value)
    ifd += struct.pack(f"{order}I", 0)
    path.write_bytes(head + ifd + struct.pack(f"{order}HHH", 16, 16, 16) + data)
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png_rgb16(path: Path, values: np.ndarray) -> Path:
    """16-bit RGB PNG written by hand, to know exactly what is in it."""
    height, width, _ = values.shape
    rows = b"".join(b"\x00" + values[y].astype(">u2").tobytes() for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    body = png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


def write_png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares a huge size and carries almost no data: a decompression bomb's header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = (
        png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b"")
    )
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


def truncate(path: Path, keep: float = 0.6) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def image_bytes(suffix: str = ".jpg", width: int = 40, height: int = 20, seed: int = 0) -> bytes:
    """Encoded image bytes; different seeds give different content (and hashes)."""
    import io

    img = gradient(width, height)
    img.paste((seed * 37 % 256, 0, 255), (0, 0, 16, 16))
    out = io.BytesIO()
    img.save(out, format={".jpg": "JPEG", ".png": "PNG"}[suffix])
    return out.getvalue()


def write_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return path


def _patch_member_headers(
    path: Path, member: str, local_at: int, central_at: int, fmt: str, value: int
) -> Path:
    """Rewrite one field of a member's local header and of its central directory entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(member).header_offset
    struct.pack_into(fmt, data, local + local_at, value)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == member.encode():
            struct.pack_into(fmt, data, central + central_at, value)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def set_declared_size(path: Path, member: str, declared: int) -> Path:
    """A lying zip: the member's headers claim ``declared`` uncompressed bytes."""
    return _patch_member_headers(path, member, 22, 24, "<I", declared)


def set_encrypted_flag(path: Path, member: str) -> Path:
    return _patch_member_headers(path, member, 6, 8, "<H", 0x1)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
