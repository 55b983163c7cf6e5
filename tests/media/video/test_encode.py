import io
from pathlib import Path

import av
import numpy as np
import simplejpeg
from PIL import Image

from annota.media.video.encode import display_rgb, encode_jpeg, encode_png

from .samples import CORPUS_AVI, write_video


def first_frame(path: Path) -> av.VideoFrame:
    with av.open(str(path)) as container:
        return next(container.decode(video=0))


def black_and_white(path: Path) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 64, 32, "yuv420p"
        stream.options = {"qp": "0"}
        rgb = np.zeros((32, 64, 3), np.uint8)
        rgb[:, 32:] = 255
        for packet in [*stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")), *stream.encode()]:
            container.mux(packet)
    return path


def test_a_jpeg_of_limited_range_video_keeps_black_black_and_white_white(tmp_path: Path) -> None:
    # Video stores black as 16 and white as 235; JPEG readers expect 0 and 255.
    frame = first_frame(black_and_white(tmp_path / "bw.mp4"))

    pixels = simplejpeg.decode_jpeg(encode_jpeg(frame))

    assert pixels[:, :24].max() <= 6 and pixels[:, 40:].min() >= 249


def test_full_range_frames_are_encoded_from_their_planes_with_true_colours() -> None:
    frame = first_frame(CORPUS_AVI)
    assert frame.format.name == "yuvj420p"

    pixels = simplejpeg.decode_jpeg(encode_jpeg(frame, quality=95)).astype(int)

    assert np.abs(pixels - display_rgb(frame).astype(int)).mean() < 6


def test_frames_are_turned_clockwise_by_the_rotation(tmp_path: Path) -> None:
    frame = first_frame(write_video(tmp_path / "a.mp4", 1, size=(64, 32)))
    stored = display_rgb(frame)

    turned = display_rgb(frame, 90)

    assert turned.shape == (64, 32, 3)
    assert np.array_equal(turned, np.rot90(stored, k=-1))
    assert turned[2, -2, 0] > 200 and turned[2, -2, 2] < 60  # the red top-left corner is now top-right


def test_a_turned_jpeg_has_the_turned_size(tmp_path: Path) -> None:
    frame = first_frame(write_video(tmp_path / "a.mp4", 1, size=(64, 32)))

    assert simplejpeg.decode_jpeg(encode_jpeg(frame, 270)).shape == (64, 32, 3)
    assert simplejpeg.decode_jpeg(encode_jpeg(first_frame(CORPUS_AVI), 90)).shape == (32, 32, 3)


def test_png_is_the_decoded_frame_without_loss(tmp_path: Path) -> None:
    frame = first_frame(write_video(tmp_path / "odd.mp4", 1, size=(33, 17), pix_fmt="yuv444p"))

    png = np.asarray(Image.open(io.BytesIO(encode_png(frame, 180))))

    assert np.array_equal(png, display_rgb(frame, 180))
