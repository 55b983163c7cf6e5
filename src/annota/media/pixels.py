"""Decoding an image's first frame to 8-bit pixels that browsers and JPEG encoders understand.

High bit depths are stretched from the image's own minimum..maximum to 0..255: a 12-bit sensor
frame stored as 16 bits (values 0..4095) would otherwise come out almost black. Pillow decodes
16-bit colour to 8 bits by keeping the high byte; to stretch it properly we decode the file a
second time with the byte order swapped, which yields the low bytes, and combine the two.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFile

from annota.media.images import (
    PILLOW_READ_ERRORS,
    BrokenImage,
    UnsupportedImage,
    format_of,
    open_image,
    stored_orientation,
    tile_rawmode,
)

# Modes whose samples are wider than 8 bits in Pillow's decoded image.
HIGH_BIT_MODES = frozenset({"I;16", "I;16B", "I;16L", "I;16N", "I", "F"})
# Raw modes of 16-bit colour whose low bytes Pillow can unpack with the swapped byte order.
_SPLIT_16BIT_PREFIXES = frozenset({"RGB", "RGBA", "RGBX"})
# Rows converted to float64 at a time while stretching.
_ROWS_PER_BLOCK = 256
# Decoded modes kept as they are, and how the others become one of them.
_DISPLAY_MODES = frozenset({"L", "LA", "RGB", "RGBA"})
_CONVERSIONS = {
    "1": "L",
    "PA": "RGBA",
    "La": "LA",
    "RGBa": "RGBA",
    "RGBX": "RGB",
    "CMYK": "RGB",
    "YCbCr": "RGB",
    "LAB": "RGB",
    "HSV": "RGB",
}
_TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _finite_range(values: np.ndarray) -> tuple[float, float] | None:
    if np.issubdtype(values.dtype, np.integer):
        return float(values.min()), float(values.max())
    low, high = np.inf, -np.inf
    for start in range(0, values.shape[0], _ROWS_PER_BLOCK):
        block = values[start : start + _ROWS_PER_BLOCK]
        finite = block[np.isfinite(block)]
        if finite.size:
            low, high = min(low, float(finite.min())), max(high, float(finite.max()))
    return (low, high) if low <= high else None


def stretch_to_8bit(values: np.ndarray) -> np.ndarray:
    """Map the array's finite min..max linearly onto 0..255 (a flat image becomes all 0).

    Works in float64 (exact for 16- and 32-bit integers) a block of rows at a time, so a large
    image needs 8 bytes per sample for one block only.
    """
    out = np.zeros(values.shape, dtype=np.uint8)
    limits = _finite_range(values)
    if limits is None or limits[1] <= limits[0]:
        return out
    low, high = limits
    scale = 255.0 / (high - low)
    for start in range(0, values.shape[0], _ROWS_PER_BLOCK):
        block = values[start : start + _ROWS_PER_BLOCK].astype(np.float64)
        block -= low
        block *= scale
        np.nan_to_num(block, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
        np.clip(np.rint(block, out=block), 0.0, 255.0, out=block)
        out[start : start + _ROWS_PER_BLOCK] = block
    return out


def low_byte_rawmode(rawmode: str | None) -> str | None:
    """The raw mode that unpacks the low bytes of 16-bit colour samples, when Pillow has one."""
    if rawmode is None:
        return None
    prefix, _, suffix = rawmode.partition(";")
    if prefix not in _SPLIT_16BIT_PREFIXES or suffix not in ("16B", "16L", "16N"):
        return None
    # Pillow keeps the high byte; reading the samples with the other byte order keeps the low one.
    native = "16L" if sys.byteorder == "little" else "16B"
    order = native if suffix == "16N" else suffix
    return f"{prefix};{'16B' if order == '16L' else '16L'}"


def _load(im: ImageFile.ImageFile, name: str) -> None:
    try:
        im.load()
    except PILLOW_READ_ERRORS as exc:
        raise BrokenImage(name, f"cannot decode the image: {exc}") from exc


def _as_display_mode(im: Image.Image, name: str) -> Image.Image:
    if im.mode in _DISPLAY_MODES:
        return im.copy()
    if im.mode == "P":
        return im.convert("RGBA" if "transparency" in im.info else "RGB")
    target = _CONVERSIONS.get(im.mode)
    if target is None:
        raise UnsupportedImage(name, f"pixel mode {im.mode} cannot be displayed")
    return im.convert(target)


def _with_rawmode(args: tuple[Any, ...] | str | None, rawmode: str) -> tuple[Any, ...] | str:
    if isinstance(args, tuple):
        return (rawmode, *args[1:])
    return rawmode


def _full_16bit_colour(
    path: Path, high_im: ImageFile.ImageFile, low_rawmode: str, *, name: str, max_pixels: int
) -> Image.Image:
    high = np.asarray(high_im)
    with open_image(path, name=name, max_pixels=max_pixels) as low_im:
        low_im.tile = [tile._replace(args=_with_rawmode(tile.args, low_rawmode)) for tile in low_im.tile]
        _load(low_im, name)
        low = np.asarray(low_im)
    samples = (high.astype(np.uint16) << 8) | low
    colour = stretch_to_8bit(samples[..., :3])
    if high_im.mode != "RGBA":
        return Image.fromarray(colour, "RGB")
    # Alpha keeps its meaning (opacity), so it is scaled, not stretched.
    alpha = (samples[..., 3] >> 8).astype(np.uint8)
    return Image.fromarray(np.dstack([colour, alpha]), "RGBA")


def load_display_pixels(
    path: Path, *, name: str, max_pixels: int, draft_size: tuple[int, int] | None = None
) -> Image.Image:
    """The first frame as an L, LA, RGB or RGBA 8-bit image, EXIF orientation applied.

    ``draft_size`` lets a JPEG decode at 1/2, 1/4 or 1/8 scale, never below that size.
    """
    with open_image(path, name=name, max_pixels=max_pixels) as im:
        rawmode = tile_rawmode(im)
        if draft_size is not None and format_of(im) == "JPEG":
            im.draft(None, draft_size)
        probed_orientation = stored_orientation(im)
        _load(im, name)
        # Pillow applies a TIFF's orientation while loading and drops the tag, so for TIFF what is
        # left afterwards is what still has to be done. Other formats: the orientation probe()
        # saw (decoding a PNG can reveal a late eXIf chunk that probe() does not read).
        orientation = stored_orientation(im) if format_of(im) == "TIFF" else probed_orientation
        low_rawmode = low_byte_rawmode(rawmode)
        if im.mode in HIGH_BIT_MODES:
            pixels = Image.fromarray(stretch_to_8bit(np.asarray(im)), "L")
        elif low_rawmode is not None:
            pixels = _full_16bit_colour(path, im, low_rawmode, name=name, max_pixels=max_pixels)
        else:
            pixels = _as_display_mode(im, name)
    transpose = _TRANSPOSE_FOR_ORIENTATION.get(orientation)
    return pixels if transpose is None else pixels.transpose(transpose)
