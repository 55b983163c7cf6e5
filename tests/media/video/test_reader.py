import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from annota.media.video.errors import FrameUnavailable
from annota.media.video.index import FrameIndex, build_index
from annota.media.video.probe import probe_video
from annota.media.video.reader import FrameReader

from .samples import CORPUS_MP4, b_frames, decoded_frames, write_video

SAMPLES = [
    pytest.param(lambda d: b_frames(d / "b.mp4", 40), id="h264-b-frames-mp4"),
    pytest.param(lambda d: b_frames(d / "b.mkv", 40), id="h264-b-frames-mkv"),
    pytest.param(lambda d: b_frames(d / "b.avi", 30), id="h264-b-frames-avi-decode-indexed"),
    pytest.param(lambda d: write_video(d / "a.webm", 20, codec="libvpx-vp9"), id="vp9-webm"),
    pytest.param(lambda d: write_video(d / "odd.mp4", 9, size=(33, 17), pix_fmt="yuv444p"), id="odd-size"),
    pytest.param(
        lambda d: write_video(
            d / "vfr.mkv", 7, pts=[0, 40, 80, 200, 210, 500, 533], time_base=Fraction(1, 1000)
        ),
        id="variable-rate",
    ),
    pytest.param(lambda d: CORPUS_MP4, id="corpus-mpeg4-mp4"),
]


def index_of(path: Path) -> FrameIndex:
    index, _ = build_index(path, path.name, probe_video(path, name=path.name).method)
    return index


@pytest.mark.parametrize("make", SAMPLES)
def test_seeking_to_every_frame_in_any_order_gives_the_sequentially_decoded_frame(
    tmp_path: Path, make: object
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    truth, index = decoded_frames(path), index_of(path)
    order = list(range(len(truth)))
    random.Random(4).shuffle(order)
    reader = FrameReader(path)

    wrong = [
        n for n in order if not np.array_equal(reader.read(index, n).to_ndarray(format="rgb24"), truth[n])
    ]

    reader.close()
    assert wrong == []


def test_reading_forward_continues_decoding_without_seeking_again(tmp_path: Path) -> None:
    path = b_frames(tmp_path / "b.mp4", 40)
    index, reader = index_of(path), FrameReader(path)

    for n in range(40):
        reader.read(index, n)

    assert reader.seeks == 1 and reader.position == 39
    reader.close()


def test_a_frame_further_on_is_reached_by_seeking_to_its_keyframe(tmp_path: Path) -> None:
    options = {"g": "10", "keyint_min": "10", "sc_threshold": "0"}
    path = write_video(tmp_path / "gop.mp4", 40, options=options)
    index, reader = index_of(path), FrameReader(path)
    reader.read(index, 2)

    near, far, back = reader.read(index, 5), reader.read(index, 33), reader.read(index, 1)

    assert [int(f.pts) for f in (near, far, back)] == [index.pts_of(n) for n in (5, 33, 1)]
    assert reader.seeks == 3  # the first read, 33 (from keyframe 30), and going back to 1
    reader.close()


def test_a_frame_the_decoder_never_outputs_is_reported_unavailable(tmp_path: Path) -> None:
    path = write_video(tmp_path / "a.mp4", 6)
    real = index_of(path)
    # An index claiming a frame between two real ones: no decoded frame has that pts.
    bogus = FrameIndex(np.insert(real.pts, 3, real.pts[2] + 1), real.keyframes, real.time_base)
    reader = FrameReader(path)

    with pytest.raises(FrameUnavailable, match="frame 3: the decoder never produced it"):
        reader.read(bogus, 3)
    assert np.array_equal(reader.read(bogus, 4).to_ndarray(format="rgb24"), decoded_frames(path)[3])
    reader.close()


def test_a_seek_skips_b_frames_no_other_frame_needs_and_still_lands_exactly(tmp_path: Path) -> None:
    path = b_frames(tmp_path / "b.mp4", 40)
    truth, index = decoded_frames(path), index_of(path)
    reader = FrameReader(path)

    late = reader.read(
        index, 23
    )  # keyframe 12, then 11 frames of which the non-reference B-frames are skipped

    assert reader.skipped > 0
    assert np.array_equal(late.to_ndarray(format="rgb24"), truth[23])
    reader.close()


def test_a_reader_without_threads_gives_the_same_frames(tmp_path: Path) -> None:
    path = b_frames(tmp_path / "b.mp4", 30)
    index = index_of(path)
    truth = decoded_frames(path)
    reader = FrameReader(path, threaded=False)

    frames = [reader.read(index, n).to_ndarray(format="rgb24") for n in (17, 3, 29, 4, 0)]

    assert all(np.array_equal(frame, truth[n]) for frame, n in zip(frames, (17, 3, 29, 4, 0), strict=True))
