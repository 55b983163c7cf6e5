import threading
import time
from pathlib import Path

import pytest

from annota.media.video.pool import ReaderPool

from .samples import write_video


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "a.mp4", 4)


def test_a_released_reader_is_reused(video: Path) -> None:
    pool = ReaderPool()
    with pool.lease("a", video, 0) as first:
        pass

    with pool.lease("a", video, 1) as second:
        assert second is first
    assert pool.open_count("a") == 1
    pool.close()


def test_concurrent_leases_open_readers_up_to_the_limit_then_wait(video: Path) -> None:
    pool = ReaderPool(per_video=2, max_readers=4)
    waited: list[float] = []

    def third() -> None:
        started = time.monotonic()
        with pool.lease("a", video, 0):
            waited.append(time.monotonic() - started)

    with pool.lease("a", video, 0) as one, pool.lease("a", video, 0) as two:
        assert one is not two
        thread = threading.Thread(target=third)
        thread.start()
        time.sleep(0.1)
        assert waited == []
    thread.join()

    assert waited and waited[0] >= 0.09
    assert pool.open_count("a") == 2
    pool.close()


def test_idle_readers_of_another_video_are_closed_to_make_room(video: Path, tmp_path: Path) -> None:
    other = write_video(tmp_path / "b.mp4", 2)
    pool = ReaderPool(per_video=1, max_readers=1)
    with pool.lease("a", video, 0):
        pass

    with pool.lease("b", other, 0):
        assert (pool.open_count("a"), pool.open_count("b")) == (0, 1)
    pool.close()
    assert pool.open_count() == 0


def test_a_reader_that_failed_is_closed_not_reused(video: Path) -> None:
    pool = ReaderPool()
    with pytest.raises(RuntimeError), pool.lease("a", video, 0) as broken:
        raise RuntimeError("decoding went wrong")

    with pool.lease("a", video, 0) as fresh:
        assert fresh is not broken
    pool.close()


def test_a_file_that_cannot_be_opened_frees_its_place(tmp_path: Path) -> None:
    pool = ReaderPool(per_video=1)
    with pytest.raises(OSError), pool.lease("a", tmp_path / "missing.mp4", 0):
        pass

    assert pool.open_count() == 0
