from pathlib import Path

import av
import pytest

from annota.media.video.errors import VideoError
from annota.media.video.probe import probe_video

from .samples import CORPUS_AVI, CORPUS_MP4, b_frames, faststart, truncated_copy, write_video


def test_probe_reads_an_mp4s_size_codec_rate_and_declared_frame_count(tmp_path: Path) -> None:
    info = probe_video(write_video(tmp_path / "a.mp4", 12, size=(64, 48), rate=25), name="a.mp4")

    assert (info.container, info.mime, info.codec, info.pixel_format) == (
        "mp4",
        "video/mp4",
        "h264",
        "yuv420p",
    )
    assert (info.width, info.height, info.rotation) == (64, 48, 0)
    assert (info.frame_count, info.frame_count_source, info.method) == (12, "container", "demux")
    assert info.average_rate == 25 and info.first_pts == 0


def test_probe_estimates_a_matroska_count_from_the_video_duration(tmp_path: Path) -> None:
    info = probe_video(write_video(tmp_path / "a.webm", 20, codec="libvpx-vp9"), name="a.webm")

    assert (info.container, info.mime) == ("webm", "video/webm")
    assert (info.frame_count, info.frame_count_source) == (20, "duration")


def test_probe_reads_the_corpus_samples() -> None:
    mp4 = probe_video(CORPUS_MP4, name="test.mp4")
    avi = probe_video(CORPUS_AVI, name="video.avi")

    assert (mp4.codec, mp4.width, mp4.height, mp4.frame_count, mp4.average_rate) == (
        "mpeg4",
        240,
        180,
        30,
        15,
    )
    assert (avi.container, avi.codec, avi.width, avi.height, avi.frame_count) == ("avi", "mjpeg", 32, 32, 8)


@pytest.mark.parametrize(("matrix", "clockwise"), [(-90, 90), (90, 270), (180, 180), (0, 0)])
def test_probe_reports_the_clockwise_turn_that_makes_frames_upright(
    tmp_path: Path, matrix: int, clockwise: int
) -> None:
    info = probe_video(write_video(tmp_path / "r.mov", 3, size=(64, 32), rotation=matrix), name="r.mov")

    assert info.rotation == clockwise
    turned = clockwise in (90, 270)
    assert (info.display_width, info.display_height) == ((32, 64) if turned else (64, 32))


def test_probe_indexes_by_demuxing_b_frames_in_mp4_but_by_decoding_in_avi(tmp_path: Path) -> None:
    # AVI stores no presentation timestamps: FFmpeg numbers packets in decode order.
    assert probe_video(b_frames(tmp_path / "b.mp4"), name="b.mp4").method == "demux"
    assert probe_video(b_frames(tmp_path / "b.avi"), name="b.avi").method == "decode"
    assert probe_video(write_video(tmp_path / "p.avi", 10), name="p.avi").method == "demux"


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("cut.mkv", lambda d: truncated_copy(write_video(d / "a.mkv", 60), d / "cut.mkv", 0.5)),
        (
            "cut.webm",
            lambda d: truncated_copy(write_video(d / "a.webm", 60, codec="libvpx-vp9"), d / "cut.webm", 0.5),
        ),
        ("cut.avi", lambda d: truncated_copy(write_video(d / "a.avi", 60), d / "cut.avi", 0.5)),
        (
            "cut.mp4",
            lambda d: truncated_copy(faststart(d / "a.mp4", 100, size=(320, 240)), d / "cut.mp4", 0.9),
        ),
        ("tail.mp4", lambda d: truncated_copy(write_video(d / "a.mp4", 60), d / "tail.mp4", 0.97)),
    ],
)
def test_a_truncated_file_is_refused_as_truncated(tmp_path: Path, name: str, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]

    with pytest.raises(VideoError, match=f"^{name}: the file is truncated") as refused:
        probe_video(path, name=name)

    assert refused.value.type == "video.truncated"
    assert refused.value.as_problem().loc == (name,)


def test_a_file_whose_header_was_cut_off_is_unreadable(tmp_path: Path) -> None:
    # An mp4 written without faststart keeps its sample table at the end.
    path = truncated_copy(write_video(tmp_path / "a.mp4", 60), tmp_path / "cut.mp4", 0.5)

    with pytest.raises(VideoError, match="not a readable video file") as refused:
        probe_video(path, name="cut.mp4")
    assert refused.value.type == "video.unreadable"


@pytest.mark.parametrize("content", [b"", b"hello, not a video", bytes(4096)])
def test_bytes_that_are_no_video_are_unreadable(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "x.mp4").write_bytes(content)

    with pytest.raises(VideoError) as refused:
        probe_video(tmp_path / "x.mp4", name="x.mp4")
    assert refused.value.type == "video.unreadable"


def test_an_image_renamed_to_a_video_is_an_unsupported_container(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "x.png")
    (tmp_path / "x.png").rename(tmp_path / "x.mp4")

    with pytest.raises(VideoError, match="unsupported container") as refused:
        probe_video(tmp_path / "x.mp4", name="x.mp4")
    assert refused.value.type == "video.unsupported_container"


def test_a_file_with_sound_only_has_no_video_stream(tmp_path: Path) -> None:
    path = tmp_path / "sound.mkv"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=8000)
        frame = av.AudioFrame(format="s16", layout="mono", samples=800)
        frame.planes[0].update(bytes(1600))
        frame.sample_rate, frame.pts = 8000, 0
        for packet in [*stream.encode(frame), *stream.encode()]:
            container.mux(packet)

    with pytest.raises(VideoError, match="no video stream") as refused:
        probe_video(path, name="sound.mkv")
    assert refused.value.type == "video.no_video_stream"


def test_frames_over_the_pixel_limit_are_refused(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match="64x48 frames exceed the limit of 3000 pixels") as refused:
        probe_video(write_video(tmp_path / "a.mp4", 2), name="a.mp4", max_pixels=3000)
    assert refused.value.type == "video.too_large"
