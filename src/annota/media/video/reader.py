"""Exact decoding of frame n: seek to the nearest keyframe at or before it, decode up to its pts.

A reader stays open between calls and remembers the last frame it returned, so reading n+1
(playback) or a frame a little further on continues decoding without a seek. Frames are
matched by pts, never counted after a seek: a seek that lands later than asked (some demuxers
do) is noticed and retried from an earlier keyframe, and as a last resort from the start.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av

from annota.media.video.errors import FrameUnavailable
from annota.media.video.index import FrameIndex, video_stream
from annota.media.video.references import non_reference_test

# Decoding this many frames costs about as much as a seek (demuxer seek + decoder flush).
SEEK_COST_FRAMES = 4
MAX_SEEK_ATTEMPTS = 3


class _Overshoot(Exception):
    """The decoder went past the wanted frame without producing it."""


class FrameReader:
    """One open container positioned somewhere in the video. Not thread-safe: one user at a time."""

    def __init__(self, path: Path, *, threaded: bool = True) -> None:
        """``threaded``: frame and slice threads (playback); a short-GOP seek is quicker on one thread."""
        self.path = path
        self._container = av.open(str(path))
        stream = video_stream(self._container)
        if stream is None:
            self._container.close()
            raise ValueError(f"{path}: no video stream")
        if threaded:
            stream.thread_type = "AUTO"
        else:
            stream.thread_type = "NONE"
            stream.codec_context.thread_count = 1
        self._stream = stream
        self._frames: Iterator[av.VideoFrame] | None = None
        self._is_non_reference = non_reference_test(stream.codec_context)
        # Packets before this pts that no frame refers to are not decoded (the frame wanted is later).
        self._skip_before: int | None = None
        # Frame number of the last frame returned; None right after opening or a failed read.
        self.position: int | None = None
        self.seeks = 0
        self.skipped = 0

    def close(self) -> None:
        self._frames = None
        self._container.close()

    def read(self, index: FrameIndex, frame: int) -> av.VideoFrame:
        """Frame ``frame`` of ``index`` (which may be a prefix of the whole video's index)."""
        target = index.pts_of(frame)
        keyframe = index.keyframe_at_or_before(frame)
        if self._should_continue(frame, keyframe):
            try:
                return self._decode_until(index, frame, target)
            except (_Overshoot, FrameUnavailable):
                pass
        start = keyframe
        for _ in range(MAX_SEEK_ATTEMPTS):
            self._seek(index.pts_of(start))
            try:
                return self._decode_until(index, frame, target)
            except (_Overshoot, FrameUnavailable):
                if start == 0:
                    break
                start = index.keyframe_at_or_before(start - 1)
        self._seek_to_start()
        try:
            return self._decode_until(index, frame, target)
        except _Overshoot:
            raise FrameUnavailable(frame, "the decoder never produced it") from None

    def _should_continue(self, frame: int, keyframe: int) -> bool:
        if self._frames is None or self.position is None or self.position >= frame:
            return False
        return frame - self.position <= frame - keyframe + SEEK_COST_FRAMES

    def _seek(self, pts: int) -> None:
        self.seeks += 1
        self.position = None
        self._container.seek(pts, stream=self._stream, backward=True, any_frame=False)
        self._stream.codec_context.flush_buffers()
        self._frames = self._decoded()

    def _seek_to_start(self) -> None:
        self.seeks += 1
        self.position = None
        self._container.seek(0, backward=True, any_frame=False)
        self._stream.codec_context.flush_buffers()
        self._frames = self._decoded()

    def _decoded(self) -> Iterator[av.VideoFrame]:
        """Frames in display order from the current position, skipping unneeded non-reference packets."""
        for packet in self._container.demux(self._stream):
            skip = self._skip_before
            if (
                skip is not None
                and self._is_non_reference is not None
                and packet.size
                and packet.pts is not None
                and packet.pts < skip
                and self._is_non_reference(packet)
            ):
                self.skipped += 1
                continue
            yield from packet.decode()

    def _decode_until(self, index: FrameIndex, frame: int, target: int) -> av.VideoFrame:
        assert self._frames is not None
        self.position = None
        self._skip_before = target if index.is_sorted else None
        try:
            for decoded in self._frames:
                pts = decoded.pts
                if pts is None:
                    continue
                if pts == target:
                    self.position = frame
                    self._skip_before = None
                    return decoded
                at = index.frame_of(pts)
                if (at is not None and at > frame) or (at is None and index.is_sorted and pts > target):
                    raise _Overshoot()
        except av.error.FFmpegError as exc:
            self._frames = None
            raise FrameUnavailable(frame, f"decoding failed: {exc}") from exc
        self._frames = None
        raise FrameUnavailable(frame, "the video ended before it")
