"""Image probing: what an image file is, read from its header without decoding pixels.

Every image annota opens goes through ``open_image``: it restricts Pillow to the supported formats
(so no other decoder, e.g. EPS via Ghostscript, ever sees uploaded bytes), and refuses images above
``max_pixels`` from the header size, before a single pixel is decoded.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageFile, UnidentifiedImageError

from annota.media import integrity

# Settings.max_image_pixels' default, for callers that have no Settings at hand.
DEFAULT_MAX_IMAGE_PIXELS = 30_000 * 30_000

# Pillow format name -> MIME type. GIF and WebP: the first frame is the image.
SUPPORTED_FORMATS: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}
# Pillow calls multi-picture camera JPEGs "MPO"; to browsers and to us they are JPEG files.
_FORMAT_ALIASES = {"MPO": "JPEG"}
_SUPPORTED_LIST = "JPEG, PNG, BMP, TIFF, WebP or GIF"

EXIF_ORIENTATION = 0x0112
TIFF_IMAGE_WIDTH = 256
TIFF_IMAGE_LENGTH = 257
TIFF_BITS_PER_SAMPLE = 258
# EXIF orientations that turn the stored image by a quarter turn, so width and height swap.
SWAPPING_ORIENTATIONS = frozenset({5, 6, 7, 8})

# Errors Pillow's plugins raise on malformed headers and data.
PILLOW_READ_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


class ImageError(Exception):
    """An image file that annota refuses; ``name`` is the file as the user knows it."""

    type: ClassVar[str] = "image.invalid"

    def __init__(self, name: str, msg: str) -> None:
        self.name = name
        self.msg = msg
        super().__init__(f"{name}: {msg}")


class UnsupportedImage(ImageError):
    type = "image.unsupported"


class BrokenImage(ImageError):
    """Truncated or corrupt: the header may be fine but the file cannot be read to the end."""

    type = "image.broken"


class ImageTooLarge(ImageError):
    """Decompression-bomb guard: more pixels than the configured limit."""

    type = "image.too_large"

    def __init__(self, name: str, width: int, height: int, max_pixels: int) -> None:
        self.width = width
        self.height = height
        self.max_pixels = max_pixels
        super().__init__(
            name,
            f"image is {width}x{height} = {width * height} pixels, more than the limit of {max_pixels}",
        )


@dataclass(frozen=True, slots=True)
class ImageInfo:
    # Size as displayed, i.e. after the EXIF orientation (5-8 swap width and height).
    width: int
    height: int
    mime: str
    format: str
    # Pillow's mode of the decoded first frame ("RGB", "L", "I;16", "P", ...).
    mode: str
    # True when the file carries an EXIF orientation other than 1 and width/height account for it.
    orientation_applied: bool
    orientation: int
    # Bits per sample in the file: 8 for most images, 16 for 16-bit TIFF/PNG, 1 for bilevel.
    bit_depth: int


@contextmanager
def open_image(path: Path, *, name: str, max_pixels: int) -> Iterator[ImageFile.ImageFile]:
    """Open ``path`` lazily (header only), refusing unsupported formats and too many pixels.

    The file is opened through a file object on purpose: with a file name Pillow memory-maps raw
    16-bit TIFF strips and then ignores the EXIF orientation it had already applied to the size.
    """
    # Pillow's bomb limit is a process-wide global that cannot follow Settings.max_image_pixels,
    # and between 1x and 2x its limit it only warns (an error under strict warning filters).
    # The configured limit is enforced below on the header size, so Pillow's own is switched off.
    Image.MAX_IMAGE_PIXELS = None
    with path.open("rb") as fp:
        try:
            im = Image.open(fp, formats=[*SUPPORTED_FORMATS])
        except UnidentifiedImageError:
            raise UnsupportedImage(name, f"not a supported image (expected {_SUPPORTED_LIST})") from None
        except PILLOW_READ_ERRORS as exc:
            raise BrokenImage(name, f"file is truncated or damaged ({exc})") from exc
        with im:
            if format_of(im) not in SUPPORTED_FORMATS:
                raise UnsupportedImage(
                    name, f"{im.format} images are not supported (expected {_SUPPORTED_LIST})"
                )
            width, height = im.size
            if width * height > max_pixels:
                raise ImageTooLarge(name, width, height, max_pixels)
            yield im


def format_of(im: ImageFile.ImageFile) -> str:
    fmt = im.format or ""
    return _FORMAT_ALIASES.get(fmt, fmt)


def tile_rawmode(im: ImageFile.ImageFile) -> str | None:
    """How the file stores its samples (Pillow's raw mode, e.g. ``RGB;16B``), when Pillow says."""
    if not im.tile:
        return None
    args = im.tile[0].args
    first = args[0] if isinstance(args, tuple) and args else args
    return first if isinstance(first, str) else None


def stored_orientation(im: ImageFile.ImageFile) -> int:
    """The EXIF orientation (1-8) the file declares; 1 when absent or not a valid value."""
    if format_of(im) == "TIFF":
        value = im.tag_v2.get(EXIF_ORIENTATION, 1)  # type: ignore[attr-defined]
    else:
        # Image.getexif, not the PNG override: that one decodes the whole image to find late chunks.
        value = Image.Image.getexif(im).get(EXIF_ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _stored_size(im: ImageFile.ImageFile) -> tuple[int, int]:
    """Width and height as stored, before orientation (Pillow already swaps TIFF sizes itself)."""
    if format_of(im) == "TIFF":
        tags = im.tag_v2  # type: ignore[attr-defined]
        return int(tags[TIFF_IMAGE_WIDTH]), int(tags[TIFF_IMAGE_LENGTH])
    return im.size


def bit_depth_of(im: ImageFile.ImageFile) -> int:
    if im.mode == "1":
        return 1
    if im.mode.startswith("I;16"):
        return 16
    if im.mode in ("I", "F"):
        return 32
    if format_of(im) == "TIFF":
        bits = im.tag_v2.get(TIFF_BITS_PER_SAMPLE, (8,))  # type: ignore[attr-defined]
        return int(max(bits)) if isinstance(bits, tuple) and bits else int(bits or 8)
    rawmode = tile_rawmode(im)
    if rawmode is not None and ";16" in rawmode:
        return 16
    return 8


def probe(
    path: Path,
    *,
    name: str | None = None,
    max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS,
    check_complete: bool = True,
) -> ImageInfo:
    """Describe the image at ``path`` without decoding its pixels.

    ``name`` is what errors call the file (defaults to the file name). ``check_complete`` also
    reads the file's structure to its end (JPEG end marker, PNG chunks, TIFF strips, ...) to refuse
    truncated files; still no pixel is decoded.
    """
    label = name if name is not None else path.name
    with open_image(path, name=label, max_pixels=max_pixels) as im:
        fmt = format_of(im)
        try:
            orientation = stored_orientation(im)
            width, height = _stored_size(im)
            depth = bit_depth_of(im)
        except PILLOW_READ_ERRORS as exc:
            raise BrokenImage(label, f"cannot read the image's metadata: {exc}") from exc
        if check_complete:
            with path.open("rb") as fp:
                problem = integrity.find_truncation(fmt, fp, os.fstat(fp.fileno()).st_size, im)
            if problem is not None:
                raise BrokenImage(label, problem)
        if orientation in SWAPPING_ORIENTATIONS:
            width, height = height, width
        return ImageInfo(
            width=width,
            height=height,
            mime=SUPPORTED_FORMATS[fmt],
            format=fmt,
            mode=im.mode,
            orientation_applied=orientation != 1,
            orientation=orientation,
            bit_depth=depth,
        )
