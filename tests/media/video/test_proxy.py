from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from annota.media.video.index import FrameIndex, build_index
from annota.media.video.probe import probe_video
from annota.media.video.proxy import GOP, SAMPLE_FRAMES, ProxyUnavailable, write_proxy
from annota.media.video.reader import FrameReader

from .samples import b_frames, closest_frames, decoded_frames, write_video

# Mean absolute difference (grey levels) of a proxy frame to the original: what a JPEG at display
# quality also loses on these pictures.
TOLERANCE = 3.0

LONG_GOPS = [
    pytest.param(lambda d: write_video(d / "long-gop.mp4", 40, options={"g": "250"}), id="one-keyframe-mp4"),
    pytest.param(lambda d: b_frames(d / "b.mkv", 30), id="h264-b-frames-mkv"),
    pytest.param(lambda d: b_frames(d / "b.avi", 30), id="h264-b-frames-avi-decode-indexed"),
    pytest.param(
        lambda d: write_video(
            d / "vfr.mkv", 9, pts=[0, 40, 80, 200, 210, 500, 533, 600, 900], time_base=Fraction(1, 1000)
        ),
        id="variable-rate",
    ),
    pytest.param(
        lambda d: write_video(d / "full-range.mkv", 12, codec="mjpeg", pix_fmt="yuvj420p"), id="mjpeg"
    ),
]


def index_of(path: Path) -> FrameIndex:
    index, _ = build_index(path, path.name, probe_video(path, name=path.name).method)
    return index


def proxy_frames(path: Path, index: FrameIndex) -> list[np.ndarray]:
    reader = FrameReader(path)
    try:
        return [reader.read(index, n).to_ndarray(format="rgb24") for n in reversed(range(len(index)))][::-1]
    finally:
        reader.close()


@pytest.mark.parametrize("make", LONG_GOPS)
def test_proxy_frame_n_is_source_frame_n_within_jpeg_tolerance(tmp_path: Path, make: object) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    truth = decoded_frames(source)

    proxy_index = write_proxy(source, index_of(source), tmp_path / "proxy.mp4", max_bytes=10**8)
    frames = proxy_frames(tmp_path / "proxy.mp4", proxy_index)

    assert len(frames) == len(truth)
    assert [n for n, frame in enumerate(frames) if closest_frames(frame, truth) != {n}] == []
    worst = max(
        float(np.abs(f.astype(np.int16) - t.astype(np.int16)).mean())
        for f, t in zip(frames, truth, strict=True)
    )
    assert worst < TOLERANCE


def test_the_proxy_has_a_keyframe_every_gop_frames_whatever_the_source_has(tmp_path: Path) -> None:
    source = write_video(tmp_path / "long-gop.mp4", 3 * GOP + 2, options={"g": "250"})
    assert list(index_of(source).keyframes) == [0]

    proxy_index = write_proxy(source, index_of(source), tmp_path / "proxy.mp4", max_bytes=10**8)

    assert list(proxy_index.keyframes) == [0, GOP, 2 * GOP, 3 * GOP]
    assert len(proxy_index) == 3 * GOP + 2 and proxy_index.is_sorted


def test_an_odd_frame_size_has_no_proxy(tmp_path: Path) -> None:
    source = write_video(tmp_path / "odd.mp4", 4, size=(33, 17), pix_fmt="yuv444p")

    with pytest.raises(ProxyUnavailable) as refused:
        write_proxy(source, index_of(source), tmp_path / "proxy.mp4", max_bytes=10**8)

    assert refused.value.type == "proxy.odd_size" and "33x17" in refused.value.msg


def test_a_proxy_past_its_size_limit_is_given_up(tmp_path: Path) -> None:
    source = write_video(tmp_path / "a.mp4", 20)

    with pytest.raises(ProxyUnavailable) as refused:
        write_proxy(source, index_of(source), tmp_path / "proxy.mp4", max_bytes=1000)

    assert refused.value.type == "proxy.too_large"


def test_progress_is_told_every_frame_and_may_stop_the_build(tmp_path: Path) -> None:
    source = write_video(tmp_path / "a.mp4", 10)
    seen: list[int] = []

    def progress(done: int) -> None:
        seen.append(done)
        if done == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_proxy(source, index_of(source), tmp_path / "proxy.mp4", max_bytes=10**8, progress=progress)

    assert seen == [1, 2, 3, 4]


def test_a_video_shorter_than_its_index_has_no_proxy(tmp_path: Path) -> None:
    source = write_video(tmp_path / "a.mp4", 6)
    index = index_of(source)
    longer = FrameIndex(np.append(index.pts, index.pts[-1] + 1000), index.keyframes, index.time_base)

    with pytest.raises(ProxyUnavailable) as refused:
        write_proxy(source, longer, tmp_path / "proxy.mp4", max_bytes=10**8)

    assert refused.value.type == "video.frame_unavailable" and "frame 6 of 7" in refused.value.msg


def test_a_proxy_over_its_cap_is_made_again_smaller_with_keyframes_further_apart(tmp_path: Path) -> None:
    source = write_video(tmp_path / "long-gop.mp4", 40, options={"g": "250"})
    index = index_of(source)
    write_proxy(source, index, tmp_path / "first-rung.mp4", max_bytes=10**8)
    first_rung = (tmp_path / "first-rung.mp4").stat().st_size

    proxy_index = write_proxy(source, index, tmp_path / "proxy.mp4", max_bytes=int(first_rung * 0.8))

    assert (tmp_path / "proxy.mp4").stat().st_size < first_rung
    assert list(proxy_index.keyframes) == [0, 10, 20, 30]  # the second rung: crf 23, a keyframe every 10
    for got, want in zip(
        proxy_frames(tmp_path / "proxy.mp4", proxy_index), decoded_frames(source), strict=True
    ):
        assert np.abs(got.astype(int) - want.astype(int)).mean() < TOLERANCE


def test_a_long_build_gives_a_rung_up_from_its_projected_size_after_a_sample(tmp_path: Path) -> None:
    source = write_video(tmp_path / "long.mp4", SAMPLE_FRAMES + 60, options={"g": "250"})
    index = index_of(source)
    write_proxy(source, index, tmp_path / "first-rung.mp4", max_bytes=10**8)
    cap = int((tmp_path / "first-rung.mp4").stat().st_size * 0.8)
    told: list[int] = []

    write_proxy(source, index, tmp_path / "proxy.mp4", max_bytes=cap, progress=told.append)

    starts = [i for i, t in enumerate(told) if t == 1]  # each rung counts from 1 again
    runs = [told[a:b] for a, b in zip(starts, [*starts[1:], len(told)], strict=True)]
    assert len(runs) >= 2
    for given_up in runs[:-1]:  # at the sample, from the projected size, not at the cap
        assert given_up == list(range(1, SAMPLE_FRAMES))
    assert runs[-1] == list(range(1, len(index) + 1))
