"""Renditions: images derived from an original for the browser. Originals are never modified.

- Thumbnail: JPEG (simplejpeg), at most ``max_side`` pixels on its longer side, EXIF orientation
  applied, transparency flattened onto white.
- Display image: what the annotation canvas shows, pixel for pixel the original's size. A
  rendition exists only where browsers cannot show the original, or show it differently from
  the size we report:
  * TIFF (no browser but Safari decodes it);
  * more than 8 bits per sample (16-bit PNG/TIFF, 32-bit TIFF): stretched from the image's own
    min..max to 0..255, otherwise 12-bit data in 16-bit files shows almost black;
  * an EXIF orientation on a non-JPEG file: browsers apply EXIF orientation to JPEGs (CSS
    ``image-orientation: from-image``, the default since 2020) but not reliably to PNG/WebP.
  EXIF-rotated JPEGs are served as they are: the browser rotates them, and the probed
  width/height are already the rotated ones.
  The rendition is a PNG (8-bit, lossless): annotators place points on exact pixels.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import simplejpeg
from PIL import Image

from annota.media.images import DEFAULT_MAX_IMAGE_PIXELS, ImageInfo, probe
from annota.media.pixels import load_display_pixels
from annota.storage.media_store import validate_hash

THUMBNAIL_MIME = "image/jpeg"
DISPLAY_MIME = "image/png"
DEFAULT_THUMBNAIL_SIDE = 256
THUMBNAIL_QUALITY = 85
# Part of every cached variant's name: bump it when renditions change so old files are not served.
RENDITION_VERSION = 1
BROWSER_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP", "BMP"})
_VARIANT_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}\.[a-z0-9]{1,8}")
_WHITE = 255


def needs_display_rendition(info: ImageInfo) -> bool:
    if info.format not in BROWSER_FORMATS or info.bit_depth > 8:
        return True
    return info.orientation_applied and info.format != "JPEG"


def _flatten(img: Image.Image) -> Image.Image:
    """L or RGB: transparent pixels become white."""
    if img.mode in ("L", "RGB"):
        return img
    opaque_mode = "L" if img.mode == "LA" else "RGB"
    background = Image.new(opaque_mode, img.size, (_WHITE,) * len(opaque_mode))
    background.paste(img.convert(opaque_mode), mask=img.getchannel("A"))
    return background


def encode_jpeg(img: Image.Image, quality: int = THUMBNAIL_QUALITY) -> bytes:
    flat = _flatten(img)
    if flat.mode == "L":
        gray = np.ascontiguousarray(np.asarray(flat)[..., np.newaxis])
        return bytes(
            simplejpeg.encode_jpeg(gray, quality=quality, colorspace="GRAY", colorsubsampling="Gray")
        )
    rgb = np.ascontiguousarray(np.asarray(flat))
    return bytes(simplejpeg.encode_jpeg(rgb, quality=quality, colorspace="RGB", colorsubsampling="420"))


def shrink_jpeg(data: bytes, max_side: int) -> bytes:
    """A JPEG (e.g. a decoded video frame) shrunk to fit ``max_side`` x ``max_side``."""
    source = Image.open(io.BytesIO(data))
    source.draft("RGB", (max_side, max_side))
    img = source.convert("RGB")
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return encode_jpeg(img)


def thumbnail(
    path: Path,
    max_side: int = DEFAULT_THUMBNAIL_SIDE,
    *,
    name: str | None = None,
    max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
) -> bytes:
    """JPEG bytes of the image shrunk to fit ``max_side`` x ``max_side`` (never enlarged)."""
    if max_side < 1:
        raise ValueError(f"max_side must be at least 1, got {max_side}")
    label = name if name is not None else path.name
    img = load_display_pixels(path, name=label, max_pixels=max_pixels, draft_size=(max_side, max_side))
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return encode_jpeg(img)


def display_image(
    path: Path, *, name: str | None = None, max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS
) -> tuple[bytes, str]:
    """Bytes and MIME type the browser should get for this image: the original when it can show it."""
    label = name if name is not None else path.name
    info = probe(path, name=label, max_pixels=max_pixels, check_complete=False)
    if not needs_display_rendition(info):
        return path.read_bytes(), info.mime
    return _display_png(path, label, max_pixels), DISPLAY_MIME


def _display_png(path: Path, name: str, max_pixels: int) -> bytes:
    img = load_display_pixels(path, name=name, max_pixels=max_pixels)
    out = io.BytesIO()
    # Level 3: most of level 6's size at a fraction of its time; renditions are cached anyway.
    img.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    """A reader sees the old file, or no file, or the whole new one; never a partial write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


class RenditionCache:
    """Renditions on disk at ``cache_dir/renditions/ab/<content hash>/<variant>``."""

    def __init__(self, cache_dir: Path) -> None:
        self.root = Path(cache_dir) / "renditions"

    def path(self, content_hash: str, variant: str) -> Path:
        h = validate_hash(content_hash)
        if _VARIANT_PATTERN.fullmatch(variant) is None:
            raise ValueError(f"invalid rendition variant {variant!r}: expected e.g. 'thumb-256.jpg'")
        return self.root / h[:2] / h / variant

    def get(self, content_hash: str, variant: str) -> Path | None:
        path = self.path(content_hash, variant)
        return path if path.is_file() else None

    def put(self, content_hash: str, variant: str, data: bytes) -> Path:
        path = self.path(content_hash, variant)
        _write_atomically(path, data)
        return path

    def get_or_create(self, content_hash: str, variant: str, make: Callable[[], bytes]) -> Path:
        """The cached file, made with ``make()`` on first use. Two racing makers both write whole files."""
        return self.get(content_hash, variant) or self.put(content_hash, variant, make())

    def delete(self, content_hash: str) -> bool:
        """Drop every rendition of a blob (when the blob itself is deleted)."""
        h = validate_hash(content_hash)
        folder = self.root / h[:2] / h
        if not folder.is_dir():
            return False
        shutil.rmtree(folder)
        return True

    def thumbnail(
        self,
        content_hash: str,
        source: Path,
        max_side: int = DEFAULT_THUMBNAIL_SIDE,
        *,
        name: str | None = None,
        max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
    ) -> Path:
        variant = f"v{RENDITION_VERSION}-thumb-{max_side}.jpg"
        return self.get_or_create(
            content_hash, variant, lambda: thumbnail(source, max_side, name=name, max_pixels=max_pixels)
        )

    def display(
        self,
        content_hash: str,
        source: Path,
        *,
        name: str | None = None,
        max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
    ) -> tuple[Path, str]:
        """(file to serve, MIME type): the cached rendition, or ``source`` itself when none is needed."""
        variant = f"v{RENDITION_VERSION}-display.png"
        cached = self.get(content_hash, variant)
        if cached is not None:
            return cached, DISPLAY_MIME
        label = name if name is not None else source.name
        info = probe(source, name=label, max_pixels=max_pixels, check_complete=False)
        if not needs_display_rendition(info):
            return source, info.mime
        return self.put(content_hash, variant, _display_png(source, label, max_pixels)), DISPLAY_MIME
