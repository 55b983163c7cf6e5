from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from annota.media.video.index import FrameIndex, build_index, frames_by_demux
from annota.media.video.probe import probe_video

from .samples import CORPUS_AVI, CORPUS_MP4, b_frames, write_video

VFR_PTS = [0, 40, 80, 200, 210, 500, 533]


def decoded_pts(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        return [int(frame.pts) for frame in container.decode(video=0)]


def index_of(path: Path) -> FrameIndex:
    index, _ = build_index(path, path.name, probe_video(path, name=path.name).method)
    return index


SAMPLES = [
    pytest.param(lambda d: write_video(d / "a.mp4", 12), id="h264-mp4"),
    pytest.param(lambda d: write_video(d / "a.mov", 12), id="h264-mov"),
    pytest.param(lambda d: b_frames(d / "b.mp4", 40), id="h264-b-frames-mp4"),
    pytest.param(lambda d: b_frames(d / "b.mkv", 40), id="h264-b-frames-mkv"),
    pytest.param(lambda d: write_video(d / "a.webm", 20, codec="libvpx-vp9"), id="vp9-webm"),
    pytest.param(
        lambda d: write_video(d / "odd.webm", 9, size=(33, 17), codec="libvpx-vp9"), id="vp9-odd-size"
    ),
    pytest.param(
        lambda d: write_video(d / "odd.mp4", 9, size=(33, 17), pix_fmt="yuv444p"), id="h264-odd-size"
    ),
    pytest.param(lambda d: write_video(d / "a.avi", 15), id="h264-avi"),
    pytest.param(lambda d: CORPUS_MP4, id="corpus-mpeg4-mp4"),
    pytest.param(lambda d: CORPUS_AVI, id="corpus-mjpeg-avi"),
]


@pytest.mark.parametrize("make", SAMPLES)
def test_the_index_lists_exactly_the_frames_a_decoder_outputs(tmp_path: Path, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]

    index = index_of(path)

    assert index.pts.tolist() == decoded_pts(path)
    assert index.keyframes[0] == 0


def test_b_frame_samples_really_store_frames_out_of_display_order(tmp_path: Path) -> None:
    with av.open(str(b_frames(tmp_path / "b.mp4"))) as container:
        stored = [p.pts for p in container.demux(video=0) if p.size]

    assert stored != sorted(stored)


def test_b_frames_are_numbered_in_display_order_without_decoding(tmp_path: Path) -> None:
    path = b_frames(tmp_path / "b.mp4", 40)

    frames = list(frames_by_demux(path))

    assert [pts for pts, _ in frames] == sorted(decoded_pts(path))
    assert len(frames) == 40


def test_an_avi_with_b_frames_is_indexed_by_decoding(tmp_path: Path) -> None:
    path = b_frames(tmp_path / "b.avi", 30)

    index, method = build_index(path, "b.avi", "decode")

    # FFmpeg gives AVI frames decode-order numbers: pts do not grow with the frame number.
    assert method == "decode" and not index.is_sorted
    assert index.pts.tolist() == decoded_pts(path)
    assert all(index.frame_of(int(p)) == n for n, p in enumerate(index.pts))


@pytest.mark.parametrize("suffix", [".mkv", ".mp4"])
def test_a_variable_frame_rate_is_counted_by_pts_not_by_rate(tmp_path: Path, suffix: str) -> None:
    path = write_video(tmp_path / f"vfr{suffix}", len(VFR_PTS), pts=VFR_PTS, time_base=Fraction(1, 1000))

    index = index_of(path)

    assert len(index) == len(VFR_PTS) and index.is_variable_rate()
    assert index.seconds().tolist() == pytest.approx([p / 1000 for p in VFR_PTS], abs=1e-3)


def test_a_stream_that_starts_late_keeps_its_pts_and_times_count_from_its_first_frame(tmp_path: Path) -> None:
    pts = [5000 + 40 * i for i in range(6)]
    path = write_video(tmp_path / "late.mkv", 6, pts=pts, time_base=Fraction(1, 1000))

    index = index_of(path)

    assert index.pts.tolist() == pts and index.pts_of(0) == 5000
    assert index.seconds().tolist() == pytest.approx([0, 0.04, 0.08, 0.12, 0.16, 0.2])
    assert not index.is_variable_rate() and index.average_rate() == pytest.approx(25)


def test_keyframes_are_where_the_encoder_put_them(tmp_path: Path) -> None:
    options = {"g": "5", "keyint_min": "5", "sc_threshold": "0"}
    index = index_of(write_video(tmp_path / "gop.mp4", 23, options=options))

    assert index.keyframes.tolist() == [0, 5, 10, 15, 20]
    assert [index.keyframe_at_or_before(n) for n in (0, 4, 5, 14, 22)] == [0, 0, 5, 10, 20]


def test_frame_of_finds_exact_pts_only() -> None:
    index = FrameIndex(np.array([10, 20, 30]), np.array([0]), Fraction(1, 10))

    assert [index.frame_of(p) for p in (10, 30, 25, 40, 0)] == [0, 2, None, None, None]
    with pytest.raises(IndexError, match=r"frame 3 is outside 0\.\.2"):
        index.pts_of(3)


def test_an_hour_at_constant_rate_packs_into_a_few_hundred_bytes_and_unpacks_equal() -> None:
    frames = 30 * 3600
    index = FrameIndex(np.arange(frames) * 512 + 1024, np.arange(0, frames, 250), Fraction(1, 15360))

    pts, keys = index.pack()
    again = FrameIndex.unpack(pts, keys, index.time_base)

    assert len(pts) + len(keys) < 2000
    assert np.array_equal(again.pts, index.pts) and np.array_equal(again.keyframes, index.keyframes)


def test_unpacking_refuses_an_unknown_packing() -> None:
    with pytest.raises(ValueError, match="unknown frame index packing"):
        FrameIndex.unpack(b"\x09abc", b"\x09abc", Fraction(1, 1))
