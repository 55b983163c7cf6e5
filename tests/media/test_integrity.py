from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annota.media.images import SUPPORTED_FORMATS, BrokenImage, probe
from annota.media.integrity import TRUNCATION_CHECKS

from .samples import gradient, save, truncate, write_gray16, write_image


def noisy(width: int, height: int) -> Image.Image:
    """Noise does not compress, so cutting the file always cuts image data."""
    rng = np.random.default_rng(1)
    return Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8), "RGB")


def test_every_supported_format_has_a_truncation_check() -> None:
    assert set(TRUNCATION_CHECKS) == set(SUPPORTED_FORMATS)


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".bmp", ".tif", ".webp", ".gif"])
def test_complete_file_passes(tmp_path: Path, suffix: str) -> None:
    img = noisy(64, 48) if suffix != ".gif" else noisy(64, 48).convert("P")
    assert probe(save(img, tmp_path / f"whole{suffix}")).width == 64


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".bmp", ".tif", ".webp", ".gif"])
def test_file_missing_its_last_third_is_refused(tmp_path: Path, suffix: str) -> None:
    img = noisy(64, 48) if suffix != ".gif" else noisy(64, 48).convert("P")
    path = truncate(save(img, tmp_path / f"cut{suffix}"), keep=0.66)
    with pytest.raises(BrokenImage, match=f"cut{suffix}"):
        probe(path)


def test_file_missing_only_its_last_bytes_is_refused(tmp_path: Path) -> None:
    path = save(noisy(64, 48), tmp_path / "almost.jpg")
    path.write_bytes(path.read_bytes()[:-2])
    with pytest.raises(BrokenImage, match="end-of-image marker is missing"):
        probe(path)


def test_jpeg_with_data_after_its_end_marker_passes(tmp_path: Path) -> None:
    # Phones append trailers (motion-photo videos, maker data) after the image's end marker.
    path = write_image(tmp_path / "trailer.jpg")
    path.write_bytes(path.read_bytes() + b"MotionPhoto" + bytes(5000))
    assert probe(path).format == "JPEG"


def test_jpeg_end_marker_inside_a_header_segment_does_not_hide_truncation(tmp_path: Path) -> None:
    # An EXIF thumbnail (or a comment) can hold 0xFFD9 before the image data even starts.
    path = save(noisy(64, 48), tmp_path / "comment.jpg", comment=b"\xff\xd9 embedded end marker")
    with pytest.raises(BrokenImage, match=r"comment\.jpg"):
        probe(truncate(path, keep=0.7))


def test_truncated_16_bit_tiff_is_refused(tmp_path: Path) -> None:
    path = write_gray16(tmp_path / "depth.tif", np.arange(64 * 48).reshape(48, 64))
    with pytest.raises(BrokenImage, match="image data extends past the end"):
        probe(truncate(path, keep=0.8))


def test_completeness_check_can_be_skipped(tmp_path: Path) -> None:
    path = truncate(save(gradient(64, 48), tmp_path / "cut.png"), keep=0.8)
    assert probe(path, check_complete=False).width == 64
