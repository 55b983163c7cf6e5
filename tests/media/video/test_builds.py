from fractions import Fraction
from pathlib import Path

import pytest

from annota.media.video.builds import IndexBuild, IndexBuilds
from annota.media.video.errors import IndexFailed, IndexPending

from .samples import b_frames, write_video

HASH = "ab" * 32
TIME_BASE = Fraction(1, 12800)


def build_of(path: Path, method: str = "demux", **kwargs: object) -> IndexBuild:
    return IndexBuild(HASH, path, name=path.name, method=method, time_base=TIME_BASE, **kwargs)  # type: ignore[arg-type]


def test_a_finished_build_holds_the_whole_index_and_reports_to_on_done(tmp_path: Path) -> None:
    done: list[IndexBuild] = []
    build = build_of(b_frames(tmp_path / "b.mp4", 40), on_done=done.append).start()

    assert build.wait(timeout=10)

    assert done == [build] and build.state == "done" and build.error is None
    assert build.result is not None and len(build.result) == 40
    assert build.frames_indexed == 40 and build.seconds is not None
    assert build.index_covering(39, timeout=0) is build.result


def test_a_frame_past_a_finished_index_is_outside_the_video(tmp_path: Path) -> None:
    build = build_of(write_video(tmp_path / "a.mp4", 5)).start()
    build.wait(timeout=10)

    with pytest.raises(IndexError, match=r"frame 5 is outside 0\.\.4"):
        build.index_covering(5, timeout=0)


def test_a_frame_the_build_has_not_reached_is_pending(tmp_path: Path) -> None:
    build = build_of(write_video(tmp_path / "a.mp4", 5))  # not started: nothing published yet

    with pytest.raises(IndexPending, match=r"frame 2 is not indexed yet \(0 frames so far\)"):
        build.index_covering(2, timeout=0.01)


def test_a_build_that_cannot_read_its_file_fails_with_the_reason(tmp_path: Path) -> None:
    done: list[IndexBuild] = []
    build = build_of(tmp_path / "gone.mp4", on_done=done.append).start()
    build.wait(timeout=10)

    assert build.state == "failed" and done == [build]
    assert build.error is not None and "No such file" in build.error
    with pytest.raises(IndexFailed, match=r"index failed: .*No such file"):
        build.index_covering(0, timeout=0)


def test_a_build_by_decoding_gives_decoder_order_for_an_avi_with_b_frames(tmp_path: Path) -> None:
    build = build_of(b_frames(tmp_path / "b.avi", 30), method="decode").start()
    build.wait(timeout=10)

    assert build.method == "decode" and build.result is not None
    assert len(build.result) == 30 and not build.result.is_sorted


def test_an_on_done_that_raises_does_not_hide_the_result(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_: IndexBuild) -> None:
        raise RuntimeError("database down")

    build = build_of(write_video(tmp_path / "a.mp4", 3), on_done=broken).start()

    assert build.wait(timeout=10) and build.state == "done"
    assert "recording the index of a.mp4 failed" in caplog.text


def test_the_registry_runs_one_build_per_video(tmp_path: Path) -> None:
    builds = IndexBuilds()
    path = write_video(tmp_path / "a.mp4", 3)

    first = builds.start(HASH, path, name="a.mp4", method="demux", time_base=TIME_BASE)
    second = builds.start(HASH, path, name="a.mp4", method="demux", time_base=TIME_BASE)

    assert second is first and builds.wait_all(timeout=10)
    builds.forget(HASH)
    assert builds.get(HASH) is None


def test_the_registry_retries_a_video_whose_build_failed(tmp_path: Path) -> None:
    builds = IndexBuilds()
    failed = builds.start(HASH, tmp_path / "late.mp4", name="late.mp4", method="demux", time_base=TIME_BASE)
    failed.wait(timeout=10)
    write_video(tmp_path / "late.mp4", 3)

    retried = builds.start(HASH, tmp_path / "late.mp4", name="late.mp4", method="demux", time_base=TIME_BASE)

    assert retried is not failed and retried.wait(timeout=10) and retried.state == "done"
