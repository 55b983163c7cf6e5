import os
import threading
import time
from pathlib import Path

import pytest

from annota.media.video.cache import FrameCache
from annota.storage.media_store import InvalidContentHash

VIDEO = "ab" * 32
OTHER = "cd" * 32


def age(cache: FrameCache, variant: str, seconds_ago: float, content_hash: str = VIDEO) -> None:
    when = time.time() - seconds_ago
    os.utime(cache.path(content_hash, variant), (when, when))


def test_written_bytes_are_read_back_and_counted(tmp_path: Path) -> None:
    cache = FrameCache(tmp_path, max_bytes=10_000)

    cache.write(VIDEO, "f1.jpg", b"x" * 300)

    assert cache.read(VIDEO, "f1.jpg") == b"x" * 300
    assert cache.read(VIDEO, "f2.jpg") is None
    assert cache.size() == 300


def test_past_the_cap_the_least_recently_used_files_go_first(tmp_path: Path) -> None:
    cache = FrameCache(tmp_path, max_bytes=1000)
    for n, ago in ((1, 300), (2, 200), (3, 100)):
        cache.write(VIDEO, f"f{n}.jpg", b"x" * 300)
        age(cache, f"f{n}.jpg", ago)
    cache.read(VIDEO, "f1.jpg")  # the oldest write, but used just now

    cache.write(OTHER, "f4.jpg", b"y" * 300)

    assert cache.read(VIDEO, "f2.jpg") is None
    assert [cache.read(VIDEO, "f1.jpg"), cache.read(VIDEO, "f3.jpg")] == [b"x" * 300] * 2
    assert cache.read(OTHER, "f4.jpg") == b"y" * 300
    assert cache.size() == 900


def test_eviction_goes_below_the_cap_so_that_it_does_not_run_on_every_write(tmp_path: Path) -> None:
    cache = FrameCache(tmp_path, max_bytes=1000)
    for n in range(10):
        cache.write(VIDEO, f"f{n}.jpg", b"x" * 100)
        age(cache, f"f{n}.jpg", 100 - n)

    cache.write(VIDEO, "new.jpg", b"x" * 100)

    assert cache.size() == 900
    assert cache.read(VIDEO, "f0.jpg") is None and cache.read(VIDEO, "f1.jpg") is None


def test_a_new_cache_on_a_folder_counts_what_is_already_there(tmp_path: Path) -> None:
    FrameCache(tmp_path, max_bytes=10_000).write(VIDEO, "f1.jpg", b"x" * 123)

    assert FrameCache(tmp_path, max_bytes=10_000).size() == 123


def test_concurrent_requests_for_one_variant_make_it_once(tmp_path: Path) -> None:
    cache = FrameCache(tmp_path, max_bytes=10_000)
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        time.sleep(0.05)
        return b"chunk"

    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_make(VIDEO, "c.zip", make)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert made == [1] and results == [b"chunk"] * 4


def test_deleting_a_video_drops_its_files_only(tmp_path: Path) -> None:
    cache = FrameCache(tmp_path, max_bytes=10_000)
    cache.write(VIDEO, "f1.jpg", b"x")
    cache.write(OTHER, "f1.jpg", b"y")

    assert cache.delete(VIDEO) and not cache.delete(VIDEO)
    assert cache.read(VIDEO, "f1.jpg") is None and cache.read(OTHER, "f1.jpg") == b"y"


@pytest.mark.parametrize("variant", ["../x.jpg", "f1.exe", "", "F1.JPG", "a/b.jpg"])
def test_a_variant_that_could_leave_the_folder_is_refused(tmp_path: Path, variant: str) -> None:
    with pytest.raises(ValueError, match="invalid cache variant"):
        FrameCache(tmp_path, 10).path(VIDEO, variant)


def test_a_malformed_hash_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidContentHash):
        FrameCache(tmp_path, 10).path("../../etc", "f1.jpg")
