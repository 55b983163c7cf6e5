"""Videos for the tests, written with PyAV into a test's tmp_path; every frame looks different.

Frame i has a background level and a bright bar whose position both depend on i, so a frame
can be told from its neighbours even after lossy compression (see ``which_frame``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

# The shared corpus sits next to the repository (../shared/corpus), as for the format tests.
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "video"
CORPUS_MP4 = CORPUS / "dm_cvat_test_mp4" / "test.mp4"  # 30 frames, 240x180, 15 fps, MPEG-4 part 2
CORPUS_AVI = CORPUS / "dm_video_avi" / "video.avi"  # 8 frames, 32x32, 1 fps, MJPEG


def picture(i: int, width: int, height: int) -> np.ndarray:
    """RGB frame i: a grey level and a white bar both moving with i."""
    rgb = np.full((height, width, 3), 30 + (i * 37) % 180, dtype=np.uint8)
    bar = max(2, width // 8)
    x = (i * 3) % max(1, width - bar)
    rgb[:, x : x + bar] = 255
    rgb[: max(1, height // 4), : max(1, width // 4)] = (255, 0, 0)  # a red corner shows rotations
    return rgb


def write_video(
    path: Path,
    frames: int = 12,
    *,
    size: tuple[int, int] = (64, 48),
    codec: str = "libx264",
    rate: int = 25,
    options: dict[str, str] | None = None,
    pts: Sequence[int] | None = None,
    time_base: Fraction | None = None,
    rotation: int | None = None,
    pix_fmt: str = "yuv420p",
    container_options: dict[str, str] | None = None,
) -> Path:
    """Encode ``frames`` pictures; ``pts`` (in ``time_base``) gives a variable frame rate."""
    width, height = size
    with av.open(str(path), "w", options=container_options or {}) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        stream.options = {"preset": "ultrafast", "bf": "0"} if codec == "libx264" else {}
        stream.options.update(options or {})
        if time_base is not None:
            stream.codec_context.time_base = time_base
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(picture(i, width, height), format="rgb24")
            frame.pts = pts[i] if pts is not None else i
            if time_base is not None:
                frame.time_base = time_base
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def b_frames(path: Path, frames: int = 40, **kwargs: object) -> Path:
    """H.264 with B-frames (decode order differs from display order) and a short GOP."""
    options = {"preset": "medium", "g": "12", "x264-params": "bframes=3:b-adapt=0:scenecut=0"}
    return write_video(path, frames, options=options, **kwargs)  # type: ignore[arg-type]


def decoded_frames(path: Path) -> list[np.ndarray]:
    """Every frame of a sequential decode, RGB: the ground truth."""
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def which_frame(image: np.ndarray, candidates: Sequence[np.ndarray]) -> int:
    """The candidate closest to ``image`` (mean absolute difference); ties go to the first."""
    return min(closest_frames(image, candidates))


def closest_frames(image: np.ndarray, candidates: Sequence[np.ndarray]) -> set[int]:
    """Every candidate as close to ``image`` as the closest (a video may repeat a picture)."""
    image = image.astype(np.int16)
    distances = [float(np.abs(image - c.astype(np.int16)).mean()) for c in candidates]
    return {n for n, d in enumerate(distances) if d <= min(distances) + 0.5}


def faststart(path: Path, frames: int = 100, **kwargs: object) -> Path:
    """An mp4 whose sample table (moov) comes first, as web encoders write them."""
    return write_video(path, frames, container_options={"movflags": "faststart"}, **kwargs)  # type: ignore[arg-type]


def truncated_copy(source: Path, target: Path, keep: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target
