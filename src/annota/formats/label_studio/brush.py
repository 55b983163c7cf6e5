"""Label Studio's brush RLE: thi-ng's rle-pack over the mask's RGBA bytes (four bytes per pixel).

The bit stream holds a 32-bit value count, the word size minus one (5 bits), four run-length field sizes
minus one (4 bits each), then chunks: a repeat bit, a 2-bit size index, the chunk length minus one in that
many bits, and either one word repeated or that many literal words. Bits are packed most significant first.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

WORD_SIZE = 8
RUN_SIZES = (3, 4, 8, 16)


class BrushError(ValueError):
    """The run lengths are not a valid rle-pack stream of the expected size."""


class _Bits:
    def __init__(self, data: bytes) -> None:
        self.bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
        self.i = 0

    def read(self, n: int) -> int:
        if self.i + n > len(self.bits):
            raise BrushError("the stream ends in the middle of a chunk")
        value = 0
        for bit in self.bits[self.i : self.i + n]:
            value = (value << 1) | int(bit)
        self.i += n
        return value


def decode(rle: list[int], width: int, height: int) -> NDArray[np.bool_]:
    """The (height, width) mask of `rle`: pixels whose alpha byte is not 0."""
    if not all(isinstance(v, int) and 0 <= v <= 255 for v in rle):
        raise BrushError("the run lengths are bytes (integers from 0 to 255)")
    bits = _Bits(bytes(rle))
    count = bits.read(32)
    if count != width * height * 4:
        raise BrushError(
            f"the mask holds {count} bytes, the {width}x{height} image needs {width * height * 4}"
        )
    word = bits.read(5) + 1
    sizes = [bits.read(4) + 1 for _ in range(4)]
    out = np.zeros(count, dtype=np.uint8)
    i = 0
    while i < count:
        repeat = bits.read(1)
        j = i + 1 + bits.read(sizes[bits.read(2)])
        if j > count:
            raise BrushError("a chunk runs past the end of the mask")
        if repeat:
            out[i:j] = bits.read(word)
        else:
            for k in range(i, j):
                out[k] = bits.read(word)
        i = j
    return out.reshape(height, width, 4)[:, :, 3] > 0


def encode(mask: NDArray[np.bool_]) -> list[int]:
    """The rle-pack stream of `mask` as RGBA bytes (255 where set), repeat chunks only."""
    flat = np.repeat(mask.astype(np.uint8).ravel() * 255, 4)
    fields: list[tuple[int, int]] = [(flat.size, 32), (WORD_SIZE - 1, 5), *((s - 1, 4) for s in RUN_SIZES)]
    changes = np.flatnonzero(np.diff(flat)) + 1
    starts = np.concatenate(([0], changes))
    ends = np.concatenate((changes, [flat.size]))
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        value = int(flat[start])
        length = end - start
        while length > 0:
            chunk = min(length, 1 << RUN_SIZES[-1])
            index = next(k for k, s in enumerate(RUN_SIZES) if chunk - 1 < (1 << s))
            fields += [(1, 1), (index, 2), (chunk - 1, RUN_SIZES[index]), (value, WORD_SIZE)]
            length -= chunk
    text = "".join(format(value, f"0{size}b") for value, size in fields)
    text += "0" * (-len(text) % 8)
    return list(int(text, 2).to_bytes(len(text) // 8, "big"))
