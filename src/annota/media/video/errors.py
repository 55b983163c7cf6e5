"""Errors of the video layer, each naming the file or the frame it is about."""

from __future__ import annotations

from annota.media.problems import Problem


class VideoError(Exception):
    """A video file refused: unreadable, unsupported, truncated. ``name`` is the uploaded file's name."""

    def __init__(self, name: str, msg: str, type: str) -> None:
        self.name = name
        self.msg = msg
        self.type = type
        super().__init__(f"{name}: {msg}")

    def as_problem(self) -> Problem:
        return Problem(loc=(self.name,), msg=self.msg, type=self.type)


class FrameUnavailable(Exception):
    """The decoder did not produce a frame the index lists (a damaged stretch of the file)."""

    def __init__(self, frame: int, reason: str) -> None:
        self.frame = frame
        self.reason = reason
        super().__init__(f"frame {frame}: {reason}")


class IndexFailed(Exception):
    """The background index of a video stopped with an error; frames past what it saw cannot be served."""

    def __init__(self, content_hash: str, reason: str) -> None:
        self.content_hash = content_hash
        self.reason = reason
        super().__init__(f"video {content_hash[:12]}: index failed: {reason}")


class IndexPending(Exception):
    """The frame is past what the background index has reached so far; ask again shortly."""

    def __init__(self, frame: int, indexed: int) -> None:
        self.frame = frame
        self.indexed = indexed
        super().__init__(f"frame {frame} is not indexed yet ({indexed} frames so far)")
