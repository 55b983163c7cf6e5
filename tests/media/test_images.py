from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annota.media.images import (
    DEFAULT_MAX_IMAGE_PIXELS,
    SUPPORTED_FORMATS,
    BrokenImage,
    ImageTooLarge,
    UnsupportedImage,
    probe,
)
from annota.settings import Settings

from .samples import (
    gradient,
    save,
    truncate,
    write_gray16,
    write_image,
    write_png_header_only,
    write_png_rgb16,
    write_tiff_rgb16,
)


@pytest.mark.parametrize(
    ("file_name", "fmt", "mime"),
    [
        ("a.jpg", "JPEG", "image/jpeg"),
        ("a.png", "PNG", "image/png"),
        ("a.bmp", "BMP", "image/bmp"),
        ("a.tif", "TIFF", "image/tiff"),
        ("a.webp", "WEBP", "image/webp"),
        ("a.gif", "GIF", "image/gif"),
    ],
)
def test_probe_reads_size_format_and_mime_of_each_supported_format(
    tmp_path: Path, file_name: str, fmt: str, mime: str
) -> None:
    info = probe(write_image(tmp_path / file_name, 40, 20))
    assert (info.width, info.height, info.format, info.mime) == (40, 20, fmt, mime)
    assert info.orientation_applied is False
    assert info.bit_depth == 8


def test_probe_ignores_the_file_extension(tmp_path: Path) -> None:
    png_named_jpg = tmp_path / "really-a-png.jpg"
    gradient(40, 20).save(png_named_jpg, format="PNG")
    assert probe(png_named_jpg).format == "PNG"


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".webp", ".tif"])
def test_exif_orientation_6_swaps_width_and_height(tmp_path: Path, suffix: str) -> None:
    info = probe(save(gradient(40, 20), tmp_path / f"rotated{suffix}", orientation=6))
    assert (info.width, info.height) == (20, 40)
    assert info.orientation == 6
    assert info.orientation_applied is True


def test_exif_orientation_3_keeps_width_and_height(tmp_path: Path) -> None:
    info = probe(save(gradient(40, 20), tmp_path / "upside-down.jpg", orientation=3))
    assert (info.width, info.height, info.orientation_applied) == (40, 20, True)


def test_16_bit_grayscale_tiff_reports_its_depth(tmp_path: Path) -> None:
    info = probe(write_gray16(tmp_path / "depth.tif", np.full((20, 40), 4000)))
    assert (info.width, info.height, info.mode, info.bit_depth) == (40, 20, "I;16", 16)


def test_16_bit_rgb_tiff_reports_its_depth(tmp_path: Path) -> None:
    info = probe(write_tiff_rgb16(tmp_path / "rgb16.tif", np.full((20, 40, 3), 1000)))
    assert (info.width, info.height, info.format, info.bit_depth) == (40, 20, "TIFF", 16)


def test_16_bit_rgb_png_reports_its_depth(tmp_path: Path) -> None:
    info = probe(write_png_rgb16(tmp_path / "rgb16.png", np.full((20, 40, 3), 1000)))
    assert (info.format, info.bit_depth) == ("PNG", 16)


def test_animated_gif_is_probed_by_its_first_frame(tmp_path: Path) -> None:
    frames = [gradient(40, 20, "P"), gradient(40, 20, "P").rotate(180)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    info = probe(path)
    assert (info.format, info.width, info.height) == ("GIF", 40, 20)


def test_image_over_the_pixel_limit_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write_image(tmp_path / "big.png", 100, 100)
    with pytest.raises(ImageTooLarge, match=r"^big\.png: image is 100x100 = 10000 pixels") as caught:
        probe(path, max_pixels=9_999)
    assert caught.value.type == "image.too_large"
    assert probe(path, max_pixels=10_000).width == 100


def test_decompression_bomb_is_refused_from_its_header_with_the_default_limit(tmp_path: Path) -> None:
    # Decoding 100000x100000 RGB would need 30 GB; the refusal must come before any decoding.
    path = write_png_header_only(tmp_path / "bomb.png", 100_000, 100_000)
    with pytest.raises(ImageTooLarge, match=r"bomb\.png"):
        probe(path)


def test_truncated_jpeg_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = truncate(write_image(tmp_path / "cut.jpg", 200, 100, quality=95))
    with pytest.raises(BrokenImage, match=r"^photos/cut\.jpg: file is truncated") as caught:
        probe(path, name="photos/cut.jpg")
    assert caught.value.name == "photos/cut.jpg"
    assert caught.value.type == "image.broken"


def test_file_cut_inside_its_header_is_refused(tmp_path: Path) -> None:
    path = truncate(write_image(tmp_path / "stub.png"), keep=0.1)
    with pytest.raises(BrokenImage, match=r"^stub\.png: file is truncated or damaged"):
        probe(path)


def test_text_file_is_refused_as_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not an image\n")
    with pytest.raises(UnsupportedImage, match=r"^notes\.txt: not a supported image"):
        probe(path)


def test_image_format_outside_the_supported_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.pcx"
    gradient(10, 10).save(path, format="PCX")
    with pytest.raises(UnsupportedImage, match=r"old\.pcx"):
        probe(path)


def test_pillow_formats_match_the_supported_list() -> None:
    assert set(SUPPORTED_FORMATS) <= set(Image.registered_extensions().values())


def test_default_pixel_limit_matches_the_settings_default() -> None:
    assert Settings().max_image_pixels == DEFAULT_MAX_IMAGE_PIXELS
