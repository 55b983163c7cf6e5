from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annota.media.images import BrokenImage
from annota.media.pixels import load_display_pixels, low_byte_rawmode, stretch_to_8bit

from .samples import left_half_red, save, truncate, write_gray16, write_png_rgb16, write_tiff_rgb16


def expected_stretch(values: np.ndarray) -> np.ndarray:
    low, high = values.min(), values.max()
    return np.rint((values - low) * (255.0 / (high - low))).astype(np.uint8)


def load(path: Path) -> Image.Image:
    return load_display_pixels(path, name=path.name, max_pixels=10**8)


def test_stretch_maps_minimum_to_0_and_maximum_to_255() -> None:
    out = stretch_to_8bit(np.array([[1000, 2000], [3000, 4000]], dtype=np.uint16))
    assert out.dtype == np.uint8
    assert out.tolist() == [[0, 85], [170, 255]]


def test_stretch_of_a_flat_image_is_black() -> None:
    assert stretch_to_8bit(np.full((2, 2), 777, dtype=np.uint16)).tolist() == [[0, 0], [0, 0]]


def test_stretch_ignores_nan_and_infinity_in_float_images() -> None:
    out = stretch_to_8bit(np.array([np.nan, 0.0, 0.5, 1.0, np.inf], dtype=np.float32))
    assert out.tolist() == [0, 0, 128, 255, 255]


@pytest.mark.parametrize(
    ("rawmode", "low"),
    [("RGB;16B", "RGB;16L"), ("RGB;16L", "RGB;16B"), ("RGBA;16B", "RGBA;16L"), ("RGB", None), (None, None)],
)
def test_low_byte_rawmode_swaps_the_byte_order(rawmode: str | None, low: str | None) -> None:
    assert low_byte_rawmode(rawmode) == low


def test_16_bit_grayscale_is_stretched_to_the_full_8_bit_range(tmp_path: Path) -> None:
    values = np.linspace(1000, 4000, 64 * 48).reshape(48, 64).astype(np.uint16)
    img = load(write_gray16(tmp_path / "depth.tif", values))
    assert img.mode == "L"
    assert np.array_equal(np.asarray(img), expected_stretch(values.astype(np.float64)))


@pytest.mark.parametrize(
    ("big_endian", "deflate"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_16_bit_rgb_tiff_keeps_all_16_bits_before_stretching(
    tmp_path: Path, big_endian: bool, deflate: bool
) -> None:
    # Values 1000..4000 share few high bytes: a decoder keeping only those could not match.
    values = np.random.default_rng(2).integers(1000, 4001, (24, 32, 3)).astype(np.uint16)
    path = write_tiff_rgb16(tmp_path / "rgb16.tif", values, big_endian=big_endian, deflate=deflate)
    img = load(path)
    assert img.mode == "RGB"
    assert np.array_equal(np.asarray(img), expected_stretch(values.astype(np.float64)))


def test_16_bit_rgb_png_keeps_all_16_bits_before_stretching(tmp_path: Path) -> None:
    values = np.random.default_rng(3).integers(1000, 4001, (24, 32, 3)).astype(np.uint16)
    img = load(write_png_rgb16(tmp_path / "rgb16.png", values))
    assert np.array_equal(np.asarray(img), expected_stretch(values.astype(np.float64)))


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".tif"])
def test_exif_orientation_6_turns_the_pixels_clockwise(tmp_path: Path, suffix: str) -> None:
    img = load(save(left_half_red(40, 20), tmp_path / f"turned{suffix}", orientation=6))
    assert img.size == (20, 40)
    # The left half ends up on top after a quarter turn clockwise.
    red, _, blue = img.convert("RGB").getpixel((10, 5))  # type: ignore[misc]
    assert red > 200 and blue < 60
    red, _, blue = img.convert("RGB").getpixel((10, 35))  # type: ignore[misc]
    assert red < 60 and blue > 200


def test_16_bit_tiff_with_orientation_6_is_turned_once(tmp_path: Path) -> None:
    values = np.zeros((20, 40), dtype=np.uint16)
    values[:, :20] = 60000
    img = load(write_gray16(tmp_path / "turned16.tif", values, orientation=6))
    assert img.size == (20, 40)
    assert img.getpixel((10, 5)) == 255
    assert img.getpixel((10, 35)) == 0


def test_palette_image_with_transparency_keeps_its_alpha(tmp_path: Path) -> None:
    img = Image.new("P", (8, 8), 0)
    img.putpalette([255, 0, 0, 0, 255, 0])
    img.info["transparency"] = 0
    assert load(save(img, tmp_path / "clear.gif", transparency=0)).mode == "RGBA"


def test_undecodable_pixel_data_raises_broken_image(tmp_path: Path) -> None:
    path = save(Image.effect_noise((64, 64), 50).convert("RGB"), tmp_path / "cut.jpg")
    with pytest.raises(BrokenImage, match=r"cut\.jpg: cannot decode the image"):
        load(truncate(path, keep=0.5))
