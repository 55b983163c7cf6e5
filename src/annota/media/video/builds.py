"""Index builds in background threads, usable while they run.

The build publishes frames as soon as their place in display order is certain (see ``index``),
so frame 0 is served while the rest of a long video is still being read, and a request for a
frame further on waits only until the build has reached it. A thread per video is enough for
now; a job queue replaces it with another issue (the build is a plain function of the file).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from annota.media.video.errors import IndexFailed, IndexPending, VideoError
from annota.media.video.index import FrameIndex, NeedsDecode, frames_by_decode, frames_by_demux

log = logging.getLogger("annota.video")

PUBLISH_EVERY_FRAMES = 256
PUBLISH_EVERY_S = 0.02
STATES = ("running", "done", "failed")


class IndexBuild:
    """One video's index, growing in a thread; ``on_done(build)`` runs in that thread at the end."""

    def __init__(
        self,
        content_hash: str,
        path: Path,
        *,
        name: str,
        method: str,
        time_base: Fraction,
        on_done: Callable[[IndexBuild], None] | None = None,
    ) -> None:
        self.content_hash = content_hash
        self.path = path
        self.name = name
        self.method = method
        self.time_base = time_base
        self.state = "running"
        self.error: str | None = None
        self.result: FrameIndex | None = None
        self.seconds: float | None = None
        self._on_done = on_done
        self._pts: list[int] = []
        self._keys: list[int] = []
        self._published = 0
        self._snapshot: FrameIndex | None = None
        self._changed = threading.Condition()
        # Set after ``on_done`` has run too: what it records is visible once ``wait`` returns.
        self._finished = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"video-index-{content_hash[:12]}", daemon=True
        )

    def start(self) -> IndexBuild:
        self._thread.start()
        return self

    @property
    def frames_indexed(self) -> int:
        with self._changed:
            return len(self.result) if self.result is not None else self._published

    def wait(self, timeout: float | None = None) -> bool:
        """True once the build has finished (done or failed, ``on_done`` run) within ``timeout`` seconds."""
        return self._finished.wait(timeout)

    def index_covering(self, frame: int, timeout: float) -> FrameIndex:
        """An index (the whole one, or the part built so far) that holds ``frame``.

        Raises IndexPending when the build has not reached it within ``timeout`` seconds,
        IndexFailed when the build stopped first, and IndexError when the video has fewer frames.
        """
        with self._changed:
            self._changed.wait_for(
                lambda: self.state != "running" or self._published > frame, timeout=timeout
            )
            if self.result is not None:
                if frame >= len(self.result):
                    raise IndexError(f"frame {frame} is outside 0..{len(self.result) - 1}")
                return self.result
            if self._published > frame:
                return self._prefix()
            if self.state == "failed":
                raise IndexFailed(self.content_hash, self.error or "unknown error")
            raise IndexPending(frame, self._published)

    def _prefix(self) -> FrameIndex:
        """Under the lock: the published frames as an index (rebuilt only when more were published)."""
        if self._snapshot is None or len(self._snapshot) != self._published:
            pts = np.array(self._pts[: self._published], dtype=np.int64)
            keys = np.array([k for k in self._keys if k < self._published], dtype=np.int64)
            self._snapshot = FrameIndex(pts, keys, self.time_base)
        return self._snapshot

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            try:
                self._consume(self._frames(self.method))
            except NeedsDecode as why:
                log.info("%s: indexing by decoding (%s)", self.name, why)
                self._restart("decode")
                self._consume(self._frames("decode"))
            with self._changed:
                self.result = FrameIndex(
                    np.array(self._pts, np.int64), np.array(self._keys, np.int64), self.time_base
                )
                if len(self.result) == 0:
                    raise VideoError(self.name, "no frames found in the video stream", "video.no_frames")
                self.state = "done"
        except (VideoError, av.error.FFmpegError, OSError) as exc:
            self._fail(exc.msg if isinstance(exc, VideoError) else f"{type(exc).__name__}: {exc}")
        except Exception as exc:
            log.exception("indexing %s failed", self.name)
            self._fail(f"internal error ({type(exc).__name__})")
        finally:
            self.seconds = time.perf_counter() - started
            with self._changed:
                self._changed.notify_all()
        try:
            if self._on_done is not None:
                self._on_done(self)
        except Exception:
            log.exception("recording the index of %s failed", self.name)
        finally:
            self._finished.set()

    def _frames(self, method: str) -> Iterator[tuple[int, bool]]:
        self.method = method
        return frames_by_demux(self.path) if method == "demux" else frames_by_decode(self.path, self.name)

    def _consume(self, frames: Iterator[tuple[int, bool]]) -> None:
        last_publish = time.perf_counter()
        for pts, key in frames:
            n = len(self._pts)
            self._pts.append(pts)
            if key:
                self._keys.append(n)
            now = time.perf_counter()
            if n + 1 - self._published >= PUBLISH_EVERY_FRAMES or now - last_publish >= PUBLISH_EVERY_S:
                self._publish(n + 1)
                last_publish = now
        self._publish(len(self._pts))

    def _publish(self, count: int) -> None:
        with self._changed:
            self._published = count
            self._changed.notify_all()

    def _restart(self, method: str) -> None:
        with self._changed:
            self._pts, self._keys, self._published, self._snapshot = [], [], 0, None
            self.method = method

    def _fail(self, reason: str) -> None:
        with self._changed:
            self.state = "failed"
            self.error = reason


class IndexBuilds:
    """The builds of one process, at most one per video."""

    def __init__(self) -> None:
        self._builds: dict[str, IndexBuild] = {}
        self._lock = threading.Lock()

    def start(
        self,
        content_hash: str,
        path: Path,
        *,
        name: str,
        method: str,
        time_base: Fraction,
        on_done: Callable[[IndexBuild], None] | None = None,
    ) -> IndexBuild:
        """Start a build, or return the one already running or finished for this video."""
        with self._lock:
            build = self._builds.get(content_hash)
            if build is not None and build.state != "failed":
                return build
            build = IndexBuild(
                content_hash, path, name=name, method=method, time_base=time_base, on_done=on_done
            )
            self._builds[content_hash] = build
        return build.start()

    def get(self, content_hash: str) -> IndexBuild | None:
        with self._lock:
            return self._builds.get(content_hash)

    def forget(self, content_hash: str) -> None:
        with self._lock:
            self._builds.pop(content_hash, None)

    def wait_all(self, timeout: float | None = None) -> bool:
        """True when every build has finished (tests, benchmarks, shutdown)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            builds = list(self._builds.values())
        for build in builds:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not build.wait(left):
                return False
        return True
