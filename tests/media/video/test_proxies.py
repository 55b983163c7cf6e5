import os
import time
from pathlib import Path

import pytest

from annota.media.video.index import FrameIndex, build_index
from annota.media.video.proxies import MANIFEST, UNAVAILABLE, VIDEO_FILE, ProxyStore

from .samples import write_video

VIDEO = "ab" * 32
OTHER = "cd" * 32
THIRD = "ef" * 32


def source(tmp_path: Path, frames: int = 12, **kwargs: object) -> tuple[Path, FrameIndex]:
    path = write_video(tmp_path / f"v{frames}.mp4", frames, options={"g": "250"}, **kwargs)  # type: ignore[arg-type]
    return path, build_index(path, path.name)[0]


def used(store: ProxyStore, content_hash: str, seconds_ago: float) -> None:
    when = time.time() - seconds_ago
    os.utime(store.folder(content_hash) / MANIFEST, (when, when))


def test_a_built_proxy_is_ready_with_its_index(tmp_path: Path) -> None:
    store = ProxyStore(tmp_path / "proxies", 10**8)
    path, index = source(tmp_path)

    state = store.build(VIDEO, path, index)

    assert state.status == "ready" and state.proxy is not None
    assert len(state.proxy.index) == 12 and state.proxy.path.is_file()
    assert store.ready(VIDEO) == state.proxy
    assert ProxyStore(tmp_path / "proxies", 10**8).state(VIDEO).status == "ready"  # another process


def test_building_again_keeps_the_proxy_without_decoding(tmp_path: Path) -> None:
    store = ProxyStore(tmp_path / "proxies", 10**8)
    path, index = source(tmp_path)
    store.build(VIDEO, path, index)
    written = (store.folder(VIDEO) / VIDEO_FILE).stat().st_mtime_ns
    calls: list[int] = []

    again = store.build(VIDEO, path, index, calls.append)

    assert again.status == "ready" and calls == []
    assert (store.folder(VIDEO) / VIDEO_FILE).stat().st_mtime_ns == written


def test_a_video_without_proxy_is_remembered_and_not_tried_again(tmp_path: Path) -> None:
    store = ProxyStore(tmp_path / "proxies", 10**8)
    path, index = source(tmp_path, 4, size=(33, 17), pix_fmt="yuv444p")

    first = store.build(VIDEO, path, index)
    calls: list[int] = []
    second = store.build(VIDEO, path, index, calls.append)

    assert first.status == second.status == "unavailable" and calls == []
    assert first.reason is not None and "even width and height" in first.reason
    assert not (store.folder(VIDEO) / VIDEO_FILE).exists() and (store.folder(VIDEO) / UNAVAILABLE).exists()


def test_a_stopped_build_leaves_no_proxy_and_the_next_build_makes_it(tmp_path: Path) -> None:
    store = ProxyStore(tmp_path / "proxies", 10**8)
    path, index = source(tmp_path)

    def cancel_at_5(done: int) -> None:
        if done == 5:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        store.build(VIDEO, path, index, cancel_at_5)

    assert store.state(VIDEO).status == "none" and not (store.folder(VIDEO) / VIDEO_FILE).exists()
    assert store.build(VIDEO, path, index).status == "ready"


def test_a_proxy_file_without_its_manifest_is_not_ready(tmp_path: Path) -> None:
    store = ProxyStore(tmp_path / "proxies", 10**8)
    path, index = source(tmp_path)
    store.build(VIDEO, path, index)

    (store.folder(VIDEO) / MANIFEST).unlink()

    assert store.ready(VIDEO) is None and store.state(VIDEO).status == "none"


def test_past_the_cap_the_least_recently_used_proxies_are_deleted_whole(tmp_path: Path) -> None:
    path, index = source(tmp_path, 30)
    store = ProxyStore(tmp_path / "proxies", 10**8)
    size = store.build(VIDEO, path, index).proxy.size_bytes  # type: ignore[union-attr]
    store.build(OTHER, path, index)
    used(store, VIDEO, 300)
    used(store, OTHER, 100)
    capped = ProxyStore(tmp_path / "proxies", 2 * size + size // 2)

    capped.build(THIRD, path, index)

    assert [capped.state(h).status for h in (VIDEO, OTHER, THIRD)] == ["none", "ready", "ready"]
    assert not capped.folder(VIDEO).exists() and capped.size() == 2 * size


def test_a_cap_of_zero_turns_proxies_off(tmp_path: Path) -> None:
    path, index = source(tmp_path)
    ProxyStore(tmp_path / "proxies", 10**8).build(VIDEO, path, index)
    store = ProxyStore(tmp_path / "proxies", 0)

    state = store.build(OTHER, path, index)

    assert not store.enabled and state.status == "unavailable" and not store.folder(OTHER).exists()
    assert store.ready(VIDEO) is None and store.state(VIDEO).status == "unavailable"


def test_a_proxy_deleted_by_another_process_is_no_longer_ready(tmp_path: Path) -> None:
    path, index = source(tmp_path)
    store = ProxyStore(tmp_path / "proxies", 10**8)
    store.build(VIDEO, path, index)
    assert store.ready(VIDEO) is not None

    assert ProxyStore(tmp_path / "proxies", 10**8).delete(VIDEO)

    assert store.ready(VIDEO) is None
