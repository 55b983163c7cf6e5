import dataclasses
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
import simplejpeg
from PIL import Image

from annota.media.video.chunks import member_names
from annota.media.video.frames import (
    VideoSource,
    chunk_zip,
    frame_jpeg,
    frame_png,
    frame_variant,
    jpeg_variant,
)
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


def with_proxy(runtime: VideoRuntime, source: VideoSource) -> VideoSource:
    state = runtime.proxies.build(source.content_hash, source.path, source.index_for(0))
    assert state.proxy is not None
    return dataclasses.replace(source, proxy=state.proxy)


def test_with_a_proxy_a_seek_decodes_the_proxy_and_serves_the_same_frame(
    runtime: VideoRuntime, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "long-gop.mp4", 30, options={"g": "250"})
    plain, _ = source_of(path)
    source = with_proxy(runtime, plain)

    served = [frame_jpeg(runtime, source, n) for n in (27, 3, 14)]

    truth = decoded_frames(path)
    assert [which_frame(simplejpeg.decode_jpeg(jpeg), truth) for jpeg in served] == [27, 3, 14]
    assert runtime.readers.open_count(f"{HASH}-proxy") == 1 and runtime.readers.open_count(HASH) == 0
    assert runtime.cache.read(HASH, frame_variant(27, 0, proxy=True)) == served[0]
    assert jpeg_variant(runtime, source, 27) == frame_variant(27, 0, proxy=True)


def test_without_a_proxy_frames_come_from_the_original(runtime: VideoRuntime, tmp_path: Path) -> None:
    source, _ = source_of(write_video(tmp_path / "a.mp4", 6))

    frame_jpeg(runtime, source, 4)

    assert runtime.readers.open_count(HASH) == 1 and runtime.readers.open_count(f"{HASH}-proxy") == 0
    assert jpeg_variant(runtime, source, 4) == frame_variant(4, 0)


def test_a_frame_at_hand_from_the_original_is_preferred_to_decoding_the_proxy(
    runtime: VideoRuntime, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "a.mp4", 8)
    plain, _ = source_of(path)
    original = frame_jpeg(runtime, plain, 2)
    chunk = chunk_zip(runtime, plain, TaskFrames(8).chunk(1, 4))
    source = with_proxy(runtime, plain)

    assert frame_jpeg(runtime, source, 2) == original
    assert frame_jpeg(runtime, source, 5, chunk=TaskFrames(8).chunk(1, 4), task_frame=5) in chunk
    assert jpeg_variant(runtime, source, 2) == frame_variant(2, 0)
    assert jpeg_variant(runtime, source, 5, TaskFrames(8).chunk(1, 4)) == frame_variant(5, 0)
    assert runtime.readers.open_count(f"{HASH}-proxy") == 0


def test_a_proxy_deleted_after_it_was_found_falls_back_to_the_original(
    runtime: VideoRuntime, tmp_path: Path
) -> None:
    path = write_video(tmp_path / "a.mp4", 8)
    plain, _ = source_of(path)
    source = with_proxy(runtime, plain)
    runtime.proxies.delete(HASH)

    served = frame_jpeg(runtime, source, 6)

    assert which_frame(simplejpeg.decode_jpeg(served), decoded_frames(path)) == 6
    assert runtime.readers.open_count(HASH) == 1
