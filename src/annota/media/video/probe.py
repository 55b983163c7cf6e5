"""A quick look at an uploaded video: what it is, whether we can serve it, how many frames it has.

Fast enough to run before the upload is answered (tens of milliseconds, whatever the length):
the container header, the first few decoded frames, and a truncation check that reads the
container's index (mp4, mov) or a few packets near the end (mkv, webm, avi). The exact frame
count comes later from the background index; until then ``frame_count`` is the container's
declared count (exact for mp4/mov sample tables) or duration x average rate (mkv, webm).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from annota.media.images import DEFAULT_MAX_IMAGE_PIXELS
from annota.media.video.errors import VideoError
from annota.media.video.formats import container_of
from annota.media.video.index import video_stream

FIRST_FRAMES_CHECKED = 4
MAX_PROBE_PACKETS = 300
# The truncation check wants packets up to this share of the declared duration, less a few frames.
TAIL_SHARE = 0.9
TAIL_SLACK_FRAMES = 3
MAX_TAIL_PACKETS = 3000
_STREAMING_CONTAINERS = ("matroska", "webm", "avi")


@dataclass(frozen=True, slots=True)
class VideoInfo:
    container: str  # mp4, mov, matroska, webm, avi
    mime: str
    codec: str
    pixel_format: str
    width: int  # as decoded, before rotation
    height: int
    rotation: int  # clockwise degrees that turn a decoded frame upright: 0, 90, 180 or 270
    time_base: Fraction
    average_rate: Fraction | None
    duration_s: float | None
    frame_count: int  # an estimate until the index is built (see ``frame_count_source``)
    frame_count_source: str  # "container" (declared by the file) or "duration" (duration x rate)
    method: str  # how the index must be built: "demux" or "decode"
    first_pts: int

    @property
    def display_width(self) -> int:
        return self.height if self.rotation in (90, 270) else self.width

    @property
    def display_height(self) -> int:
        return self.width if self.rotation in (90, 270) else self.height


def probe_video(path: Path, *, name: str, max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> VideoInfo:
    """Raises VideoError (naming ``name``) for anything we cannot index and serve frame by frame."""
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise VideoError(name, "not a readable video file", "video.unreadable") from exc
    with container:
        found = container_of(container.format.name, name)
        if found is None:
            raise VideoError(
                name,
                f"unsupported container {container.format.long_name!r}: use mp4, mov, mkv, webm or avi",
                "video.unsupported_container",
            )
        stream = video_stream(container)
        if stream is None:
            raise VideoError(name, "the file has no video stream", "video.no_video_stream")
        width, height = stream.codec_context.width, stream.codec_context.height
        if width <= 0 or height <= 0:
            raise VideoError(name, "the video stream declares no frame size", "video.unreadable")
        if width * height > max_pixels:
            raise VideoError(
                name, f"{width}x{height} frames exceed the limit of {max_pixels} pixels", "video.too_large"
            )
        container_name, mime = found
        if container_name in ("mp4", "mov"):
            _check_sample_table(path, stream, name)
        first = _first_frames(container, stream, name)
        count, source = _declared_count(container, stream, container_name, len(first.decoded))
        if container_name in _STREAMING_CONTAINERS:
            _check_tail(container, stream, name)
        time_base = Fraction(stream.time_base) if stream.time_base else Fraction(1, 1)
        rate = stream.average_rate or stream.guessed_rate
        return VideoInfo(
            container=container_name,
            mime=mime,
            codec=stream.codec_context.name,
            pixel_format=first.pixel_format,
            width=width,
            height=height,
            rotation=first.rotation,
            time_base=time_base,
            average_rate=Fraction(rate) if rate else None,
            duration_s=_duration_s(container, stream),
            frame_count=count,
            frame_count_source=source,
            method=first.method,
            first_pts=first.decoded[0],
        )


@dataclass(frozen=True, slots=True)
class _FirstFrames:
    decoded: list[int]
    rotation: int
    pixel_format: str
    method: str


def _first_frames(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream, name: str
) -> _FirstFrames:
    """Decode the first frames; their pts must be the smallest packet pts, else index by decoding."""
    decoded: list[int | None] = []
    packet_pts: list[int | None] = []
    first: av.VideoFrame | None = None
    try:
        for read, packet in enumerate(container.demux(stream)):
            if packet.size and not packet.is_discard:
                packet_pts.append(packet.pts)
            frames = stream.codec_context.decode(packet if packet.size else None)
            for frame in frames:
                first = first or frame
                decoded.append(frame.pts)
            if len(decoded) >= FIRST_FRAMES_CHECKED or read >= MAX_PROBE_PACKETS:
                break
    except av.error.FFmpegError as exc:
        raise VideoError(
            name, f"the {stream.codec_context.name} video stream cannot be decoded", "video.undecodable"
        ) from exc
    if first is None:
        raise VideoError(name, "no frame could be decoded from the video stream", "video.no_frames")
    if None in decoded:
        raise VideoError(name, "frames have no timestamps: they cannot be addressed", "video.no_pts")
    known = sorted(p for p in packet_pts if p is not None)
    trusted = None not in packet_pts and known[: len(decoded)] == decoded
    return _FirstFrames(
        decoded=[int(p) for p in decoded if p is not None],
        rotation=_rotation(first, stream),
        pixel_format=first.format.name,
        method="demux" if trusted else "decode",
    )


def _rotation(frame: av.VideoFrame, stream: av.video.stream.VideoStream) -> int:
    """Clockwise degrees from the display matrix (counter-clockwise in FFmpeg) or a legacy ``rotate`` tag."""
    counter_clockwise = frame.rotation
    if counter_clockwise:
        return (-round(counter_clockwise / 90) * 90) % 360
    tag = stream.metadata.get("rotate", "0")
    try:
        return (round(float(tag) / 90) * 90) % 360
    except ValueError:
        return 0


def _declared_count(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream, kind: str, decoded: int
) -> tuple[int, str]:
    if kind in ("mp4", "mov"):
        listed = sum(1 for entry in stream.index_entries if not entry.is_discard)
        if listed:
            return listed, "container"
    if stream.frames > 0:
        return int(stream.frames), "container"
    duration = _duration_s(container, stream)
    rate = stream.average_rate or stream.guessed_rate
    if duration and rate:
        return max(decoded, round(duration * float(rate))), "duration"
    return max(decoded, 1), "duration"


def _duration_s(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> float | None:
    """The video stream's duration, else the container's (which may include a longer audio track)."""
    own = _stream_duration_s(stream)
    if own is not None:
        return own
    if container.duration:
        return container.duration / av.time_base
    return None


def _stream_duration_s(stream: av.video.stream.VideoStream) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    # Matroska keeps a per-track duration in a tag: "00:01:02.500000000".
    tag = stream.metadata.get("DURATION") or stream.metadata.get("duration")
    if tag is None:
        return None
    try:
        hours, minutes, seconds = tag.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return None


def _check_sample_table(path: Path, stream: av.video.stream.VideoStream, name: str) -> None:
    """mp4/mov list every frame's place in the file: refuse a file whose frames lie past its end."""
    entries = stream.index_entries
    if stream.frames > 0 and len(entries) == 0:
        msg = f"the file is truncated or damaged: it lists {stream.frames} frames but none can be read"
        raise VideoError(name, msg, "video.truncated")
    end = max((entry.pos + entry.size for entry in entries), default=0)
    size = path.stat().st_size
    if end > size:
        msg = f"the file is truncated: its frames run {end - size} bytes past its end"
        raise VideoError(name, msg, "video.truncated")


def _check_tail(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream, name: str
) -> None:
    """mkv, webm, avi: refuse a file whose video packets stop well before the stream's own duration.

    Only the video stream's duration counts: a container may be longer because of its audio.
    """
    duration = _stream_duration_s(stream)
    if not duration or not stream.time_base:
        return
    rate = float(stream.average_rate or stream.guessed_rate or 30)
    # The last frame starts one frame before the end; allow a few frames and a tenth of slack.
    needed_s = duration * TAIL_SHARE - TAIL_SLACK_FRAMES / rate
    if needed_s <= 0:
        return
    start = stream.start_time or 0
    wanted = start + math.floor(needed_s / stream.time_base)
    reached = _last_pts_towards(container, stream, wanted)
    if reached is None or reached < wanted:
        seconds = 0.0 if reached is None else float((reached - start) * stream.time_base)
        msg = f"the file is truncated: its video lasts {duration:.2f} s but stops near {seconds:.2f} s"
        raise VideoError(name, msg, "video.truncated")


def _last_pts_towards(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream, wanted: int
) -> int | None:
    """Seek near ``wanted`` and read packets until one reaches it; the largest pts seen (None: none)."""
    try:
        container.seek(wanted, stream=stream, backward=True, any_frame=False)
        reached: int | None = None
        for read, packet in enumerate(container.demux(stream)):
            if packet.pts is not None:
                reached = packet.pts if reached is None else max(reached, packet.pts)
                if reached >= wanted:
                    break
            if read >= MAX_TAIL_PACKETS:
                return wanted  # the seek did not move: cannot tell, so do not refuse
        return reached
    except av.error.FFmpegError:
        return None
