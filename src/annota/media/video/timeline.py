"""Which source frames a task shows, and how its frames are grouped into chunks.

A task over a video shows source frames ``frame_start, frame_start + step, ...`` up to
``frame_stop`` (inclusive) or the video's last frame. Task frames are numbered 0, 1, 2, ...:
annotations, jobs and the frames API use task frame numbers; export maps them back.
"""

from __future__ import annotations

from dataclasses import dataclass

from annota.media.video.encode import JPEG_QUALITY

FRAMES_VERSION = 1


@dataclass(frozen=True, slots=True)
class ChunkPlan:
    """Chunk ``number``: task frames and the source frames they show, in order."""

    number: int
    task_frames: tuple[int, ...]
    source_frames: tuple[int, ...]

    def variant(self, rotation: int, quality: int = JPEG_QUALITY) -> str:
        """Cache name: everything the chunk's bytes depend on."""
        first, count = self.source_frames[0], len(self.source_frames)
        step = self.source_frames[1] - first if count > 1 else 1
        return (
            f"v{FRAMES_VERSION}-c{first:08d}-s{step}-n{count}"
            f"-t{self.task_frames[0]:07d}-r{rotation}-q{quality}.zip"
        )


@dataclass(frozen=True, slots=True)
class TaskFrames:
    source_count: int
    start: int = 0
    stop: int | None = None  # inclusive; None: the video's last frame
    step: int = 1

    def __post_init__(self) -> None:
        if self.start < 0 or self.step < 1 or (self.stop is not None and self.stop < self.start):
            raise ValueError(f"invalid frame range start={self.start} stop={self.stop} step={self.step}")

    @property
    def sources(self) -> range:
        last = self.source_count - 1 if self.stop is None else min(self.stop, self.source_count - 1)
        return range(self.start, last + 1, self.step)

    def __len__(self) -> int:
        return len(self.sources)

    @property
    def last_source(self) -> int | None:
        sources = self.sources
        return sources[-1] if sources else None

    def source_frame(self, task_frame: int) -> int:
        if not 0 <= task_frame < len(self):
            raise IndexError(f"frame {task_frame} is outside 0..{len(self) - 1}")
        return self.sources[task_frame]

    def chunk_count(self, size: int) -> int:
        return -(-len(self) // size)

    def chunk(self, number: int, size: int) -> ChunkPlan:
        if not 0 <= number < self.chunk_count(size):
            raise IndexError(f"chunk {number} is outside 0..{self.chunk_count(size) - 1}")
        first = number * size
        task_frames = tuple(range(first, min(first + size, len(self))))
        return ChunkPlan(number, task_frames, tuple(self.sources[i] for i in task_frames))
