"""Segmentation masks stored as PNG images (VOC, Cityscapes, colour/palette masks, LabelMe bitmaps).

Reading refuses files above the size limit and images whose header announces more than `MAX_PIXELS` pixels
before a single pixel is decoded (a PNG of a few KiB can inflate to gigabytes). A pixel map is a 2-D array of
class or instance values; colour PNGs are turned into one through a colour table.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.mask import MaskGeometry
from annota.formats import sources
from annota.formats.base import Output, ProblemLog

MAX_PIXELS = 30_000 * 30_000
RGB = tuple[int, int, int]
PixelMap = NDArray[np.int64]


class PngDecodeError(ValueError):
    """The bytes are not a PNG (or any image) that can be used as a mask."""


def decode(data: bytes, max_pixels: int = MAX_PIXELS) -> tuple[NDArray[Any], Image.Image]:
    """The pixels of a PNG's bytes (H×W for palette and grey images, H×W×3 for colour ones) and the opened
    image (for its mode and palette); raises PngDecodeError. Only PNG is decoded."""
    # Pillow's bomb limit is process-wide and only warns between 1x and 2x (see media.images.open_image):
    # it is switched off, and `max_pixels` is enforced on the header size instead.
    Image.MAX_IMAGE_PIXELS = None
    try:
        image = Image.open(io.BytesIO(data), formats=["PNG"])
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise PngDecodeError(f"not a PNG image: {error}") from None
    if image.width * image.height > max_pixels:
        raise PngDecodeError(
            f"image is {image.width}x{image.height}, more than the limit of {max_pixels} pixels"
        )
    try:
        image.load()
    except (OSError, ValueError) as error:
        raise PngDecodeError(f"cannot decode the PNG: {error}") from None
    if image.mode in ("P", "L", "I", "I;16"):
        return np.asarray(image), image
    if image.mode == "1":
        return np.asarray(image.convert("L")), image
    return np.asarray(image.convert("RGB")), image


def read(
    root: Path, path: Path, log: ProblemLog, max_bytes: int
) -> tuple[NDArray[np.uint8], Image.Image] | None:
    """`decode` of the file at `path`, with problems located at its name relative to `root`."""
    data = sources.read_bytes(root, path, log, max_bytes)
    if data is None:
        return None
    try:
        return decode(data)
    except PngDecodeError as error:
        log.add(sources.relative(root, path), str(error), "format.image")
        return None


def to_pixel_map(
    pixels: NDArray[Any], colors: Mapping[RGB, int], file: str, log: ProblemLog
) -> PixelMap | None:
    """Class values of `pixels`: as they are for a 2-D map, through `colors` for an H×W×3 one.

    An unknown colour is a problem (located at the file, naming the colour and one pixel where it is).
    """
    if pixels.ndim == 2:
        return pixels.astype(np.int64)
    packed = (pixels[..., 0].astype(np.int64) << 16) | (pixels[..., 1].astype(np.int64) << 8) | pixels[..., 2]
    values, inverse = np.unique(packed, return_inverse=True)
    lookup = np.empty(len(values), dtype=np.int64)
    ok = True
    for i, v in enumerate(values.tolist()):
        rgb = (v >> 16, (v >> 8) & 255, v & 255)
        index = colors.get(rgb)
        if index is None:
            y, x = np.argwhere(packed == v)[0]
            log.add(file, f"colour {rgb} at pixel ({x}, {y}) is not in the label map", "format.mask_color")
            ok = False
            continue
        lookup[i] = index
    return lookup[inverse].reshape(packed.shape) if ok else None


def regions(pixel_map: PixelMap, skip: Iterable[int] = ()) -> dict[int, MaskGeometry]:
    """One mask per value present in `pixel_map` (except `skip`), each cropped tight around its pixels."""
    out: dict[int, MaskGeometry] = {}
    skipped = set(skip)
    for value in np.unique(pixel_map).tolist():
        if value in skipped:
            continue
        out[int(value)] = tight_mask(pixel_map == value)
    return out


def tight_mask(bits: NDArray[np.bool_], x0: int = 0, y0: int = 0) -> MaskGeometry:
    """The mask of the set pixels of `bits` (placed at x0, y0), its bbox cropped to them; raises ValueError
    when no pixel is set."""
    rows = np.flatnonzero(bits.any(axis=1))
    cols = np.flatnonzero(bits.any(axis=0))
    if len(rows) == 0:
        raise ValueError("the mask has no foreground pixel")
    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    return mask_kind.encode(bits[r0:r1, c0:c1], x0 + c0, y0 + r0)


def paint(canvas: NDArray[np.integer], mask: MaskGeometry, value: int) -> None:
    """Sets `value` where `mask` is set, clipped to the canvas (a mask may reach beyond the image)."""
    h, w = canvas.shape[:2]
    bits = mask_kind.decode(mask)
    x1, y1 = max(mask.x1, 0), max(mask.y1, 0)
    x2, y2 = min(mask.x2, w), min(mask.y2, h)
    if x1 >= x2 or y1 >= y2:
        return
    window = bits[y1 - mask.y1 : y2 - mask.y1, x1 - mask.x1 : x2 - mask.x1]
    canvas[y1:y2, x1:x2][window] = value


def encode_indexed(pixel_map: NDArray[np.integer], palette: Sequence[RGB] | None = None) -> bytes:
    """A PNG of `pixel_map`: a palette PNG when `palette` is given (values must be < 256), else 8-bit grey
    when every value is below 256, else 16-bit grey."""
    buffer = io.BytesIO()
    if palette is not None or int(pixel_map.max(initial=0)) < 256:
        image = Image.fromarray(pixel_map.astype(np.uint8))
        if palette is not None:
            flat = [c for rgb in palette for c in rgb]
            image.putpalette(flat + [0] * (768 - len(flat)))  # an 'L' image becomes a 'P' one
    else:
        image = Image.fromarray(pixel_map.astype(np.uint16))
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def encode_rgb(pixels: NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels, dtype=np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def write(output: Output, name: str, data: bytes) -> None:
    with output.open(name) as file:
        file.write(data)


def voc_colormap(n: int = 256) -> list[RGB]:
    """Pascal VOC's colour map: colour i spreads the bits of i over the high bits of r, g and b."""
    out = []
    for i in range(n):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        out.append((r, g, b))
    return out


def hex_color(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def rgb_of(color: str) -> RGB:
    """``#rrggbb`` as (r, g, b)."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
