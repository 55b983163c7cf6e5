from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from PIL import Image

from annota.media.video.chunks import member_names
from annota.media.video.frames import VideoSource, chunk_zip, frame_jpeg, frame_png, frame_variant
from annota.media.video.index import FrameIndex, build_index
from annota.media.video.runtime import VideoConfig, VideoRuntime
from annota.media.video.timeline import TaskFrames

from .samples import decoded_frames, which_frame, write_video

HASH = "ef" * 32


@pytest.fixture
def runtime(tmp_path: Path) -> VideoRuntime:
    return VideoRuntime(tmp_path / "cache", VideoConfig(cache_max_bytes=10**8, chunk_size=4))


def source_of(path: Path, rotation: int = 0) -> tuple[VideoSource, list[int]]:
    """A source over ``path``, and a list recording every index lookup (each precedes a decode)."""
    index, _ = build_index(path, path.name)
    lookups: list[int] = []

    def index_for(frame: int) -> FrameIndex:
        lookups.append(frame)
        return index

    return VideoSource(HASH, path, rotation, index_for), lookups


def test_a_frame_is_decoded_once_then_served_from_the_cache(runtime: VideoRuntime, tmp_path: Path) -> None:
    path = write_video(tmp_path / "a.mp4", 8)
    source, lookups = source_of(path)

    first, again = frame_jpeg(runtime, source, 5), frame_jpeg(runtime, source, 5)

    assert first == again and lookups == [5]
    assert runtime.cache.read(HASH, frame_variant(5, 0)) == first
    assert which_frame(simplejpeg.decode_jpeg(first), decoded_frames(path)) == 5


def test_a_chunk_holds_its_frames_and_single_frames_come_from_it_without_decoding(
    runtime: VideoRuntime, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "a.mp4", 10)
    source, lookups = source_of(path)
    plan = TaskFrames(10, start=1, step=2).chunk(0, 4)  # task frames 0..3 show source frames 1, 3, 5, 7

    chunk = chunk_zip(runtime, source, plan)
    lookups.clear()
    third = frame_jpeg(runtime, source, 5, chunk=plan, task_frame=2)

    assert member_names(chunk) == ["000000.jpg", "000001.jpg", "000002.jpg", "000003.jpg"]
    assert lookups == [] and which_frame(simplejpeg.decode_jpeg(third), decoded_frames(path)) == 5


def test_a_chunk_reuses_frames_already_encoded(runtime: VideoRuntime, tmp_path: Path) -> None:
    source, _ = source_of(write_video(tmp_path / "a.mp4", 4))
    single = frame_jpeg(runtime, source, 2)

    chunk = chunk_zip(runtime, source, TaskFrames(4).chunk(0, 4))

    assert single in chunk


def test_the_lossless_frame_is_turned_like_the_jpeg(runtime: VideoRuntime, tmp_path: Path) -> None:
    path = write_video(tmp_path / "a.mp4", 3, size=(64, 32))
    source, _ = source_of(path, rotation=90)

    png = frame_png(runtime, source, 1)
    jpeg = simplejpeg.decode_jpeg(frame_jpeg(runtime, source, 1))

    assert np.array_equal(np.asarray(Image.open(BytesIO(png))), np.rot90(decoded_frames(path)[1], k=-1))
    assert jpeg.shape == (64, 32, 3)
