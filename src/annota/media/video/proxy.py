"""The seek proxy: a keyframe-dense copy of a video, made once in the background for random access.

A seek decodes from the keyframe at or before the wanted frame. Cameras and encoders put one every
2-10 s (x264: 250 frames), so a seek into textured 1080p decodes up to hundreds of frames: 0.5-2 s on
two cores. The proxy re-encodes every frame with H.264 (libx264 ``superfast``, ``tune=fastdecode``:
no CABAC, no deblocking, no B-frames) with a keyframe every ``GOP`` frames, so a seek decodes at most
``GOP`` frames of a stream that decodes faster than the original. Measured choices are in
docs/video.md (GOP, preset and CRF against seek time, build speed, size and fidelity).

Proxy frame n is source frame n: frames are written in the source index's order with pts = n, and
the proxy is indexed again after writing (by demuxing, as any video) so that its reader matches by
pts exactly as for the original. Frames keep their coded size and orientation: rotation is applied
when serving, as for the original. The original stays the source of lossless (export) frames.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av

from annota.media.video.index import FrameIndex, frames_by_demux, video_stream

PROXY_VERSION = 1
GOP = 4
CRF = 20
RATE = 25
OPTIONS = {"preset": "superfast", "tune": "fastdecode", "sc_threshold": "0", "bf": "0"}
# (crf, GOP), tried in order when a proxy would not fit its cap: on textured 1080p 295, 178 and 117 MB
# per 1,000 frames, 29.0, 26.4 and 23.6 dB from the original (its served JPEG: ~25 dB), seeks decoding
# in 20-36 ms (docs/video.md).
RUNGS = ((CRF, GOP), (26, 10), (30, 10))
# After this many frames a build projects its final size and moves to the next rung if it would not fit.
SAMPLE_FRAMES = 100
_PASS_THROUGH = frozenset({"yuv420p", "yuvj420p"})


class ProxyUnavailable(Exception):
    """No proxy can be made for this video (``type`` says why); its frames are served from the original."""

    def __init__(self, msg: str, type: str) -> None:
        self.msg = msg
        self.type = type
        super().__init__(msg)


def write_proxy(
    source: Path,
    index: FrameIndex,
    target: Path,
    *,
    max_bytes: int,
    progress: Callable[[int], None] = lambda done: None,
) -> FrameIndex:
    """Write the proxy of ``source`` (whose exact index is ``index``) to ``target``; its index.

    A proxy that would exceed ``max_bytes`` is made again with the next of ``RUNGS`` (smaller, softer,
    keyframes further apart), decided after ``SAMPLE_FRAMES`` frames from the size so far, or when the
    cap is crossed. ``progress(frames written)`` is called after every frame (it may raise to stop the
    build; it counts again from 1 when a rung is given up). Raises ProxyUnavailable when the frames
    cannot be encoded (odd size) or even the last rung would exceed ``max_bytes``; ``target`` is then
    left incomplete, for the caller to delete.
    """
    for rung in RUNGS[:-1]:
        try:
            return _write(source, index, target, rung, max_bytes, progress, last=False)
        except _TooLarge:
            continue
    return _write(source, index, target, RUNGS[-1], max_bytes, progress, last=True)


class _TooLarge(Exception):
    """This rung's proxy would not fit: try the next."""


def _write(
    source: Path,
    index: FrameIndex,
    target: Path,
    rung: tuple[int, int],
    max_bytes: int,
    progress: Callable[[int], None],
    *,
    last: bool,
) -> FrameIndex:
    written = 0
    size = 0
    with av.open(str(source)) as container, av.open(str(target), "w", format="mp4") as output:
        stream = video_stream(container)
        if stream is None:
            raise ProxyUnavailable("the file has no video stream", "video.no_video_stream")
        stream.thread_type = "AUTO"
        encoder: av.video.stream.VideoStream | None = None
        for frame in container.decode(stream):
            at = index.frame_of(frame.pts) if frame.pts is not None else None
            if at is None or at < written:
                continue  # not a frame of the index (or a repeat): the index decides what frames are
            if at > written:
                msg = f"frame {written} did not decode (the decoder went on at frame {at})"
                raise ProxyUnavailable(msg, "video.frame_unavailable")
            if encoder is None:
                encoder = _encoder(output, frame, rung)
            for packet in encoder.encode(_prepared(frame, encoder, written)):
                size += packet.size
                output.mux(packet)
            written += 1
            projected = size * len(index) / written if written >= SAMPLE_FRAMES else size
            if projected > max_bytes and not last:
                raise _TooLarge
            if size > max_bytes:
                raise ProxyUnavailable(f"the proxy would exceed {max_bytes} bytes", "proxy.too_large")
            progress(written)
            if written == len(index):
                break
        if encoder is None or written < len(index):
            raise ProxyUnavailable(
                f"the video ended at frame {written} of {len(index)}", "video.frame_unavailable"
            )
        for packet in encoder.encode():
            output.mux(packet)
    return _indexed(target, len(index))


def _encoder(
    output: av.container.OutputContainer, first: av.VideoFrame, rung: tuple[int, int]
) -> av.video.stream.VideoStream:
    if first.width % 2 or first.height % 2:
        msg = f"frames of {first.width}x{first.height}: H.264 4:2:0 needs an even width and height"
        raise ProxyUnavailable(msg, "proxy.odd_size")
    encoder = output.add_stream("libx264", rate=RATE)
    encoder.width, encoder.height = first.width, first.height
    encoder.pix_fmt = first.format.name if first.format.name in _PASS_THROUGH else "yuv420p"
    crf, gop = rung
    encoder.options = {**OPTIONS, "crf": str(crf), "g": str(gop), "keyint_min": str(gop)}
    encoder.thread_type = "AUTO"
    # Decoders convert to RGB by these tags: the proxy must carry the original's.
    context = encoder.codec_context
    context.color_range = first.color_range
    context.colorspace = first.colorspace
    context.color_primaries = first.color_primaries
    context.color_trc = first.color_trc
    return encoder


def _prepared(frame: av.VideoFrame, encoder: av.video.stream.VideoStream, number: int) -> av.VideoFrame:
    if frame.format.name != encoder.pix_fmt or (frame.width, frame.height) != (encoder.width, encoder.height):
        frame = frame.reformat(width=encoder.width, height=encoder.height, format=encoder.pix_fmt)
    frame.pts = number
    frame.time_base = Fraction(1, RATE)
    # The decoder's picture types would force the encoder's (I, P) choices: let the GOP decide.
    frame.pict_type = av.video.frame.PictureType.NONE
    return frame


def _indexed(path: Path, frames: int) -> FrameIndex:
    """The proxy's own index (the muxer may rescale pts); it must hold exactly ``frames`` frames."""
    with av.open(str(path)) as container:
        stream = video_stream(container)
        if stream is None or stream.time_base is None:
            raise ProxyUnavailable("the proxy has no video stream", "proxy.unreadable")
        time_base = Fraction(stream.time_base)
    index = FrameIndex.from_frames(list(frames_by_demux(path)), time_base)
    if len(index) != frames or not index.is_sorted or len(index.keyframes) == 0:
        msg = f"the proxy holds {len(index)} frames, the video {frames}"
        raise ProxyUnavailable(msg, "proxy.unreadable")
    return index
