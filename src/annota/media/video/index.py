"""The frame index of a video: frame n <-> presentation timestamp (pts), and where the keyframes are.

Frames are counted and numbered by pts, in display order: frame n is the frame with the n-th
smallest pts. Nothing is derived from time x frame rate, so variable frame rates, B-frames (pts
order differs from decode order) and streams that do not start at 0 are counted exactly.

Two ways to build it, both yielding frames in display order as soon as their place is certain:

- ``demux`` (the default, no decoding): one pass over the packets. A packet's pts is final once
  a packet with a larger decode timestamp (dts) has been read, because every later packet has
  ``pts >= dts``. Packets the container marks as discarded (edit lists) are not frames.
- ``decode``: for files whose packet timestamps do not describe the frames (an AVI with
  B-frames stores none; FFmpeg invents them in decode order). The frames the decoder outputs
  are counted, with the pts it gives them.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Generator, Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from annota.media.video.errors import VideoError

PACK_VERSION = b"\x01"
METHODS = ("demux", "decode")


class NeedsDecode(Exception):
    """The packets' timestamps cannot number the frames: index this file by decoding it."""


class FrameIndex:
    """Immutable: ``pts[n]`` is frame n's pts in ``time_base`` units; ``keyframes`` are frame numbers."""

    __slots__ = ("_by_pts", "_sorted", "keyframes", "pts", "time_base")

    def __init__(self, pts: np.ndarray, keyframes: np.ndarray, time_base: Fraction) -> None:
        self.pts = np.ascontiguousarray(pts, dtype=np.int64)
        self.keyframes = np.ascontiguousarray(keyframes, dtype=np.int64)
        self.time_base = time_base
        self._sorted = bool(np.all(np.diff(self.pts) > 0))
        self._by_pts: dict[int, int] | None = None

    @classmethod
    def from_frames(cls, frames: list[tuple[int, bool]], time_base: Fraction) -> FrameIndex:
        pts = np.fromiter((p for p, _ in frames), dtype=np.int64, count=len(frames))
        keys = np.fromiter((n for n, (_, key) in enumerate(frames) if key), dtype=np.int64)
        return cls(pts, keys, time_base)

    @property
    def is_sorted(self) -> bool:
        """Whether pts grow with the frame number (always, except for decode-indexed AVI files)."""
        return self._sorted

    def __len__(self) -> int:
        return int(self.pts.shape[0])

    def pts_of(self, frame: int) -> int:
        if not 0 <= frame < len(self):
            raise IndexError(f"frame {frame} is outside 0..{len(self) - 1}")
        return int(self.pts[frame])

    def frame_of(self, pts: int) -> int | None:
        """The frame with exactly this pts, or None."""
        if self._sorted:
            at = int(np.searchsorted(self.pts, pts))
            return at if at < len(self) and int(self.pts[at]) == pts else None
        if self._by_pts is None:
            self._by_pts = {int(p): n for n, p in enumerate(self.pts)}
        return self._by_pts.get(pts)

    def keyframe_at_or_before(self, frame: int) -> int:
        """The last keyframe at or before ``frame`` (0 when none is: decode from the start)."""
        at = int(np.searchsorted(self.keyframes, frame, side="right")) - 1
        return int(self.keyframes[at]) if at >= 0 else 0

    def seconds(self) -> np.ndarray:
        """Each frame's time in seconds from the first frame."""
        if len(self) == 0:
            return np.zeros(0, dtype=np.float64)
        return (self.pts - self.pts.min()).astype(np.float64) * float(self.time_base)

    def is_variable_rate(self) -> bool:
        """Whether frame durations differ by more than one tick (the rounding of a constant rate)."""
        if len(self) < 3 or not self._sorted:
            return False
        steps = np.diff(self.pts)
        return int(steps.max() - steps.min()) > 1

    def average_rate(self) -> float | None:
        """Frames per second over the whole video, from the timestamps."""
        if len(self) < 2:
            return None
        span = float(int(self.pts.max()) - int(self.pts.min())) * float(self.time_base)
        return (len(self) - 1) / span if span > 0 else None

    def pack(self) -> tuple[bytes, bytes]:
        """(pts, keyframes) as compressed deltas: a few hundred bytes for an hour at a constant rate."""
        return _pack(self.pts), _pack(self.keyframes)

    @classmethod
    def unpack(cls, pts: bytes, keyframes: bytes, time_base: Fraction) -> FrameIndex:
        return cls(_unpack(pts), _unpack(keyframes), time_base)


def _pack(values: np.ndarray) -> bytes:
    deltas = np.diff(values, prepend=np.int64(0)).astype("<i8")
    return PACK_VERSION + zlib.compress(deltas.tobytes(), 6)


def _unpack(data: bytes) -> np.ndarray:
    if data[:1] != PACK_VERSION:
        raise ValueError(f"unknown frame index packing {data[:1]!r}")
    deltas = np.frombuffer(zlib.decompress(data[1:]), dtype="<i8")
    return np.cumsum(deltas, dtype=np.int64)


def video_stream(container: av.container.InputContainer) -> av.video.stream.VideoStream | None:
    """The first video stream that is not an attached picture (cover art)."""
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def frames_by_demux(path: Path) -> Iterator[tuple[int, bool]]:
    """(pts, is keyframe) of every frame in display order, from the packets alone.

    Raises NeedsDecode when a packet has no pts or the timestamps contradict each other.
    """
    with av.open(str(path)) as container:
        stream = video_stream(container)
        if stream is None:
            raise NeedsDecode("no video stream")
        pending: list[tuple[int, bool]] = []
        last: int | None = None
        for packet in container.demux(stream):
            if packet.size == 0 or packet.is_discard:
                continue
            if packet.pts is None:
                raise NeedsDecode("a packet has no pts")
            heapq.heappush(pending, (int(packet.pts), bool(packet.is_keyframe)))
            if packet.dts is None:
                continue
            while pending and pending[0][0] < packet.dts:
                last = yield from _emit(heapq.heappop(pending), last)
        while pending:
            last = yield from _emit(heapq.heappop(pending), last)


def _emit(frame: tuple[int, bool], last: int | None) -> Generator[tuple[int, bool], None, int]:
    if last is not None and frame[0] <= last:
        raise NeedsDecode(f"pts {frame[0]} repeats or arrives after pts {last}")
    yield frame
    return frame[0]


def frames_by_decode(path: Path, name: str) -> Iterator[tuple[int, bool]]:
    """(pts, is keyframe) of every frame the decoder outputs, in output (display) order."""
    with av.open(str(path)) as container:
        stream = video_stream(container)
        if stream is None:
            raise VideoError(name, "the file has no video stream", "video.no_video_stream")
        stream.thread_type = "AUTO"
        seen: set[int] = set()
        for frame in container.decode(stream):
            if frame.pts is None:
                raise VideoError(name, "a frame has no timestamp: frames cannot be addressed", "video.no_pts")
            if frame.pts in seen:
                raise VideoError(name, f"two frames share the timestamp {frame.pts}", "video.duplicate_pts")
            seen.add(frame.pts)
            yield int(frame.pts), bool(frame.key_frame)


def build_index(path: Path, name: str, method: str = "demux") -> tuple[FrameIndex, str]:
    """The whole index at once (tests, the CLI); returns it with the method that built it."""
    with av.open(str(path)) as container:
        stream = video_stream(container)
        if stream is None:
            raise VideoError(name, "the file has no video stream", "video.no_video_stream")
        time_base = Fraction(stream.time_base) if stream.time_base else Fraction(1, 1)
    if method == "demux":
        try:
            return FrameIndex.from_frames(list(frames_by_demux(path)), time_base), "demux"
        except NeedsDecode:
            pass
    return FrameIndex.from_frames(list(frames_by_decode(path, name)), time_base), "decode"
