from pathlib import Path

import av

from annota.media.video.references import non_reference_test

from .samples import CORPUS_MP4, b_frames, write_video


def packets_marked(path: Path) -> list[bool]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        test = non_reference_test(stream.codec_context)
        assert test is not None
        return [test(packet) for packet in container.demux(stream) if packet.size]


def test_b_frames_of_h264_are_told_apart_from_the_frames_they_refer_to(tmp_path: Path) -> None:
    marked = packets_marked(b_frames(tmp_path / "b.mp4", 24))

    assert marked[0] is False  # the keyframe
    assert 0 < sum(marked) < len(marked)


def test_h264_without_b_frames_has_no_frame_to_skip(tmp_path: Path) -> None:
    assert not any(packets_marked(write_video(tmp_path / "p.mp4", 12)))


def test_other_codecs_and_start_code_streams_get_no_test(tmp_path: Path) -> None:
    for path in (
        CORPUS_MP4,
        write_video(tmp_path / "v.webm", 3, codec="libvpx-vp9"),
        write_video(tmp_path / "a.avi", 3),
    ):
        with av.open(str(path)) as container:
            assert non_reference_test(container.streams.video[0].codec_context) is None
