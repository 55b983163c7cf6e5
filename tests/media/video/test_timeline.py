import pytest

from annota.media.video.timeline import TaskFrames


def test_a_task_shows_every_frame_by_default() -> None:
    frames = TaskFrames(10)

    assert len(frames) == 10 and frames.source_frame(9) == 9 and frames.last_source == 9


def test_start_stop_and_step_select_source_frames_with_stop_inclusive() -> None:
    frames = TaskFrames(30, start=4, stop=20, step=3)

    assert list(frames.sources) == [4, 7, 10, 13, 16, 19]
    assert frames.source_frame(2) == 10 and frames.last_source == 19


def test_a_stop_past_the_video_ends_at_its_last_frame() -> None:
    assert list(TaskFrames(5, start=1, stop=100, step=2).sources) == [1, 3]


def test_a_start_past_the_video_shows_nothing() -> None:
    frames = TaskFrames(5, start=7)

    assert len(frames) == 0 and frames.last_source is None and frames.chunk_count(4) == 0


@pytest.mark.parametrize("frame", [-1, 6])
def test_task_frames_outside_the_range_are_refused(frame: int) -> None:
    with pytest.raises(IndexError, match=rf"frame {frame} is outside 0\.\.5"):
        TaskFrames(12, step=2).source_frame(frame)


def test_chunks_cut_task_frames_in_order_and_the_last_may_be_short() -> None:
    frames = TaskFrames(30, start=4, stop=20, step=3)

    assert frames.chunk_count(4) == 2
    last = frames.chunk(1, 4)
    assert (last.number, last.task_frames, last.source_frames) == (1, (4, 5), (16, 19))
    with pytest.raises(IndexError, match=r"chunk 2 is outside 0\.\.1"):
        frames.chunk(2, 4)


def test_a_chunks_cache_name_changes_with_everything_its_bytes_depend_on() -> None:
    plan = TaskFrames(30).chunk(1, 5)
    names = {
        plan.variant(0),
        plan.variant(90),
        plan.variant(0, quality=70),
        TaskFrames(30, step=2).chunk(1, 5).variant(0),
        TaskFrames(30, start=1).chunk(1, 5).variant(0),
    }

    assert len(names) == 5 and plan.variant(0) == "v1-c00000005-s1-n5-t0000005-r0-q85.zip"


@pytest.mark.parametrize(("start", "stop", "step"), [(-1, None, 1), (0, None, 0), (5, 4, 1)])
def test_an_impossible_range_is_refused(start: int, stop: int | None, step: int) -> None:
    with pytest.raises(ValueError, match="invalid frame range"):
        TaskFrames(10, start, stop, step)
