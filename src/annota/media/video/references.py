"""Which packets no other frame refers to: a seek may skip them on its way to the wanted frame.

H.264 marks it in every slice's NAL header (``nal_ref_idc == 0``: "not used for reference").
Encoders with B-frames (x264's default, most cameras' High profile) make about half the frames
so, and skipping them halves the decoding between a keyframe and the wanted frame. Other codecs
are left alone: HEVC's "sub-layer non-reference" pictures may still be referenced from a higher
temporal layer, so nothing is skipped there.
"""

from __future__ import annotations

from collections.abc import Callable

import av

_H264_SLICES = frozenset({1, 2, 3, 4, 5})


def non_reference_test(codec: av.codec.context.CodecContext) -> Callable[[av.Packet], bool] | None:
    """A test telling packets no frame refers to, or None when the codec gives no safe answer."""
    if codec.name != "h264":
        return None
    extradata = codec.extradata or b""
    if extradata[:1] != b"\x01" or len(extradata) < 5:
        return None  # start-code streams (AVI): B-frames there are indexed by decoding, never skipped
    length_size = (extradata[4] & 3) + 1
    return lambda packet: _is_non_reference(memoryview(packet), length_size)


def _is_non_reference(data: memoryview, length_size: int) -> bool:
    """Length-prefixed NAL units (mp4, mkv, mov): True when it has slices, all with nal_ref_idc 0."""
    at, slices = 0, 0
    while at + length_size < len(data):
        size = int.from_bytes(data[at : at + length_size], "big")
        header = data[at + length_size]
        if header & 0x1F in _H264_SLICES:
            if header & 0x60:
                return False
            slices += 1
        at += length_size + size
    return slices > 0
