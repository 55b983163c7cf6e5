import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from annota.media.images import ImageInfo, ImageTooLarge, UnsupportedImage, probe
from annota.media.renditions import (
    DISPLAY_MIME,
    RenditionCache,
    display_image,
    needs_display_rendition,
    thumbnail,
)
from annota.storage.media_store import InvalidContentHash

from .samples import files_under, gradient, left_half_red, save, write_gray16, write_image

SOME_HASH = "ab" * 32


def decoded(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def info(fmt: str, *, bit_depth: int = 8, orientation: int = 1) -> ImageInfo:
    return ImageInfo(
        width=10,
        height=10,
        mime="image/x",
        format=fmt,
        mode="RGB",
        orientation_applied=orientation != 1,
        orientation=orientation,
        bit_depth=bit_depth,
    )


def test_thumbnail_is_a_jpeg_fitting_max_side(tmp_path: Path) -> None:
    thumb = decoded(thumbnail(write_image(tmp_path / "wide.png", 1000, 500), max_side=256))
    assert thumb.format == "JPEG"
    assert thumb.size == (256, 128)


def test_thumbnail_applies_exif_orientation(tmp_path: Path) -> None:
    path = save(left_half_red(800, 400), tmp_path / "turned.jpg", orientation=6, quality=95)
    thumb = decoded(thumbnail(path, max_side=200)).convert("RGB")
    assert thumb.size == (100, 200)
    red, _, blue = thumb.getpixel((50, 20))  # type: ignore[misc]
    assert red > 200 and blue < 60


def test_thumbnail_never_enlarges_a_small_image(tmp_path: Path) -> None:
    assert decoded(thumbnail(write_image(tmp_path / "tiny.png", 30, 10))).size == (30, 10)


def test_thumbnail_flattens_transparency_onto_white(tmp_path: Path) -> None:
    path = save(Image.new("RGBA", (20, 20), (255, 0, 0, 0)), tmp_path / "clear.png")
    red, green, blue = decoded(thumbnail(path)).convert("RGB").getpixel((10, 10))  # type: ignore[misc]
    assert min(red, green, blue) > 245


def test_thumbnail_of_a_16_bit_image_is_a_grayscale_jpeg(tmp_path: Path) -> None:
    path = write_gray16(tmp_path / "depth.tif", np.linspace(0, 3000, 600).reshape(20, 30))
    thumb = decoded(thumbnail(path))
    assert (thumb.mode, thumb.size) == ("L", (30, 20))


def test_thumbnail_refuses_an_image_over_the_pixel_limit(tmp_path: Path) -> None:
    with pytest.raises(ImageTooLarge, match=r"big\.png"):
        thumbnail(write_image(tmp_path / "big.png", 100, 100), max_pixels=5000)


def test_thumbnail_side_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_side"):
        thumbnail(write_image(tmp_path / "a.png"), max_side=0)


def test_16_bit_tiff_gets_a_png_rendition_using_the_full_0_to_255_range(tmp_path: Path) -> None:
    values = np.linspace(1000, 4000, 64 * 48).reshape(48, 64)
    path = write_gray16(tmp_path / "depth.tif", values)
    data, mime = display_image(path)
    img = decoded(data)
    assert (mime, img.format, img.mode, img.size) == (DISPLAY_MIME, "PNG", "L", (64, 48))
    pixels = np.asarray(img)
    assert (pixels.min(), pixels.max()) == (0, 255)


def test_8_bit_tiff_rendition_keeps_every_pixel(tmp_path: Path) -> None:
    original = gradient(64, 48)
    data, mime = display_image(save(original, tmp_path / "scan.tif"))
    assert mime == "image/png"
    assert np.array_equal(np.asarray(decoded(data)), np.asarray(original))


def test_rotated_jpeg_is_served_as_it_is_for_the_browser_to_rotate(tmp_path: Path) -> None:
    path = save(gradient(40, 20), tmp_path / "turned.jpg", orientation=6)
    assert display_image(path) == (path.read_bytes(), "image/jpeg")


def test_rotated_png_gets_a_rendition_with_the_rotation_applied(tmp_path: Path) -> None:
    path = save(left_half_red(40, 20), tmp_path / "turned.png", orientation=6)
    data, mime = display_image(path)
    assert (mime, decoded(data).size) == ("image/png", (20, 40))


def test_display_rendition_has_the_probed_size(tmp_path: Path) -> None:
    path = write_gray16(tmp_path / "turned16.tif", np.arange(800).reshape(20, 40), orientation=6)
    info_ = probe(path)
    assert decoded(display_image(path)[0]).size == (info_.width, info_.height) == (20, 40)


@pytest.mark.parametrize(
    ("image", "needed"),
    [
        (info("JPEG"), False),
        (info("JPEG", orientation=6), False),
        (info("PNG"), False),
        (info("GIF"), False),
        (info("WEBP"), False),
        (info("BMP"), False),
        (info("TIFF"), True),
        (info("PNG", bit_depth=16), True),
        (info("PNG", orientation=6), True),
        (info("WEBP", orientation=3), True),
    ],
)
def test_display_rendition_is_needed_only_where_browsers_fall_short(image: ImageInfo, needed: bool) -> None:
    assert needs_display_rendition(image) is needed


def test_cache_makes_a_thumbnail_once_and_then_serves_it(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path / "cache")
    source = write_image(tmp_path / "a.png", 600, 300)
    first = cache.thumbnail(SOME_HASH, source, 128)
    source.unlink()  # a second render would fail: the cached file must be used
    assert cache.thumbnail(SOME_HASH, source, 128) == first
    assert decoded(first.read_bytes()).size == (128, 64)
    assert first.is_relative_to(tmp_path / "cache" / "renditions" / "ab" / SOME_HASH)


def test_cache_serves_a_browser_ready_original_itself(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path / "cache")
    source = write_image(tmp_path / "a.jpg")
    assert cache.display(SOME_HASH, source) == (source, "image/jpeg")
    assert files_under(tmp_path / "cache") == []


def test_cache_stores_a_display_rendition_for_a_tiff(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path / "cache")
    path, mime = cache.display(SOME_HASH, save(gradient(30, 20), tmp_path / "a.tif"))
    assert mime == "image/png"
    assert files_under(tmp_path / "cache") == [path]
    assert decoded(path.read_bytes()).size == (30, 20)


def test_cache_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path)
    path = cache.put(SOME_HASH, "thumb-64.jpg", b"data")
    assert files_under(tmp_path) == [path]


def test_failed_rendering_caches_nothing(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path / "cache")
    not_an_image = tmp_path / "a.txt"
    not_an_image.write_text("text")
    with pytest.raises(UnsupportedImage, match=r"a\.txt"):
        cache.thumbnail(SOME_HASH, not_an_image)
    assert files_under(tmp_path / "cache") == []


def test_cache_delete_drops_every_rendition_of_a_blob(tmp_path: Path) -> None:
    cache = RenditionCache(tmp_path)
    cache.put(SOME_HASH, "thumb-64.jpg", b"1")
    cache.put(SOME_HASH, "display.png", b"2")
    assert cache.delete(SOME_HASH) is True
    assert files_under(tmp_path) == []
    assert cache.delete(SOME_HASH) is False


@pytest.mark.parametrize("variant", ["../escape.jpg", "a/b.jpg", "", ".hidden.jpg", "noext"])
def test_cache_refuses_variant_names_that_are_not_plain_file_names(tmp_path: Path, variant: str) -> None:
    with pytest.raises(ValueError, match="invalid rendition variant"):
        RenditionCache(tmp_path).path(SOME_HASH, variant)


def test_cache_refuses_an_invalid_hash(tmp_path: Path) -> None:
    with pytest.raises(InvalidContentHash):
        RenditionCache(tmp_path).path("../" + SOME_HASH[3:], "thumb-64.jpg")


def pixel_mode_sample(mode: str) -> Image.Image:
    ramp = np.arange(48 * 64).reshape(48, 64)
    if mode == "I":
        return Image.fromarray((ramp * 3).astype(np.int32))
    if mode == "F":
        return Image.fromarray((ramp * 0.5).astype(np.float32))
    if mode == "I;16":
        return Image.fromarray((ramp * 3).astype(np.uint16))
    return gradient(64, 48).convert(mode)


@pytest.mark.parametrize(
    ("mode", "suffix", "save_params"),
    [
        ("1", ".tif", {"compression": "group4"}),
        ("1", ".png", {}),
        ("L", ".jpg", {}),
        ("LA", ".png", {}),
        ("P", ".png", {}),
        ("P", ".bmp", {}),
        ("RGBA", ".webp", {}),
        ("RGBA", ".tif", {"compression": "tiff_lzw"}),
        ("CMYK", ".jpg", {}),
        ("CMYK", ".tif", {}),
        ("I", ".tif", {}),
        ("F", ".tif", {}),
        ("I;16", ".png", {}),
        ("RGB", ".gif", {}),
    ],
)
def test_every_pixel_mode_renders_a_thumbnail_and_a_display_image(
    tmp_path: Path, mode: str, suffix: str, save_params: dict[str, Any]
) -> None:
    path = save(pixel_mode_sample(mode), tmp_path / f"sample{suffix}", **save_params)
    assert decoded(thumbnail(path)).size == (64, 48)
    data, mime = display_image(path)
    assert decoded(data).size == (64, 48)
    assert mime in ("image/png", probe(path).mime)
