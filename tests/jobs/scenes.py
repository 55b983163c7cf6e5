"""A synthetic scene whose truth is known: a textured square moving over a textured background.

Written as an image sequence (Pillow) or a video (PyAV), so that trackers can be measured against
the square's true position on every frame.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PIL import Image

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Scene:
    frames: int = 40
    width: int = 320
    height: int = 240
    side: int = 48
    step_x: float = 3.0  # pixels per frame
    swing_y: float = 20.0  # amplitude of the vertical sine
    seed: int = 7

    def truth(self, frame: int) -> Box:
        x = 30 + self.step_x * frame
        y = self.height / 2 - self.side / 2 + self.swing_y * math.sin(frame / 8)
        return (x, y, x + self.side, y + self.side)

    def corners(self, frame: int, inset: float = 10.0) -> list[float]:
        """Four points inside the square (its corners pulled in by `inset`), flattened."""
        x1, y1, x2, y2 = self.truth(frame)
        return [
            x1 + inset,
            y1 + inset,
            x2 - inset,
            y1 + inset,
            x2 - inset,
            y2 - inset,
            x1 + inset,
            y2 - inset,
        ]

    def picture(self, frame: int) -> np.ndarray:
        rng = np.random.default_rng(self.seed)
        small = rng.integers(40, 140, size=(self.height // 8 + 1, self.width // 8 + 1, 3), dtype=np.uint8)
        background = np.kron(small, np.ones((8, 8, 1), dtype=np.uint8))[: self.height, : self.width]
        image = background.copy()
        x1, y1, _, _ = (round(v) for v in self.truth(frame))
        yy, xx = np.mgrid[0 : self.side, 0 : self.side]
        checker = ((yy // 8 + xx // 8) % 2).astype(np.uint8)
        square = np.stack([checker * 230 + 20, checker * 40 + 200, 255 - checker * 200], axis=-1)
        image[y1 : y1 + self.side, x1 : x1 + self.side] = square.astype(np.uint8)
        return image

    def jpeg(self, frame: int) -> bytes:
        out = io.BytesIO()
        Image.fromarray(self.picture(frame)).save(out, "JPEG", quality=92)
        return out.getvalue()

    def files(self) -> list[tuple[str, tuple[str, bytes]]]:
        """The frames as a multipart upload of an image-sequence task (names sort in frame order)."""
        return [("files", (f"frame_{i:04d}.jpg", self.jpeg(i))) for i in range(self.frames)]

    def video(self, path: Path) -> Path:
        with av.open(str(path), "w") as container:
            stream = container.add_stream("libx264", rate=25)
            stream.width, stream.height, stream.pix_fmt = self.width, self.height, "yuv420p"
            stream.options = {"preset": "ultrafast", "crf": "18", "g": "30", "bf": "0"}
            for i in range(self.frames):
                frame = av.VideoFrame.from_ndarray(self.picture(i), format="rgb24")
                frame.pts = i
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        return path


def iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0
