"""Open readers kept between requests, a few per video, so that playback never re-opens or re-seeks.

A request leases the idle reader best placed for its frame (the one just behind it, which can
decode forward without a seek), or opens a new one while under the limits, or waits for one.
Idle readers of other videos are closed, least recently used first, to make room.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annota.media.video.reader import FrameReader

READERS_PER_VIDEO = 3
MAX_READERS = 12
LEASE_TIMEOUT_S = 60.0


@dataclass(eq=False)
class _Slot:
    key: str
    # None only while the reader opens, outside the lock (opening reads the file's header).
    reader: FrameReader | None
    busy: bool = False
    used_at: float = field(default_factory=time.monotonic)


class ReaderPool:
    def __init__(self, per_video: int = READERS_PER_VIDEO, max_readers: int = MAX_READERS) -> None:
        self.per_video = per_video
        self.max_readers = max(max_readers, per_video)
        self._slots: list[_Slot] = []
        self._changed = threading.Condition()

    @contextmanager
    def lease(self, key: str, path: Path, near: int, *, threaded: bool = True) -> Iterator[FrameReader]:
        """A reader of ``path`` for exclusive use, preferring one positioned just before frame ``near``.

        ``threaded`` applies to a reader opened now (see ``FrameReader``); keep one value per key.
        """
        slot, reader = self._acquire(key, path, near, threaded)
        try:
            yield reader
        except BaseException:
            # A reader that failed mid-read may be in any state: close it rather than reuse it.
            self._drop(slot)
            raise
        with self._changed:
            slot.busy = False
            slot.used_at = time.monotonic()
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            idle = [slot for slot in self._slots if not slot.busy]
            self._slots = [slot for slot in self._slots if slot.busy]
        for slot in idle:
            if slot.reader is not None:
                slot.reader.close()

    def open_count(self, key: str | None = None) -> int:
        with self._changed:
            return sum(1 for slot in self._slots if key is None or slot.key == key)

    def _acquire(self, key: str, path: Path, near: int, threaded: bool) -> tuple[_Slot, FrameReader]:
        deadline = time.monotonic() + LEASE_TIMEOUT_S
        with self._changed:
            while True:
                slot = self._best_idle(key, near)
                if slot is not None and slot.reader is not None:
                    slot.busy = True
                    return slot, slot.reader
                mine = sum(1 for s in self._slots if s.key == key)
                if mine < self.per_video and self._make_room():
                    opening = _Slot(key, None, busy=True)
                    self._slots.append(opening)
                    break
                if not self._changed.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise TimeoutError(f"no video reader free within {LEASE_TIMEOUT_S:.0f} s")
        try:
            reader = FrameReader(path, threaded=threaded)
        except BaseException:
            self._drop(opening)
            raise
        opening.reader = reader
        return opening, reader

    def _best_idle(self, key: str, near: int) -> _Slot | None:
        idle = [s for s in self._slots if s.key == key and not s.busy and s.reader is not None]
        behind = [s for s in idle if _position(s) is not None and (_position(s) or 0) < near]
        if behind:
            return max(behind, key=lambda s: _position(s) or 0)
        return max(idle, key=lambda s: s.used_at, default=None)

    def _make_room(self) -> bool:
        """Under the lock: True when one more reader may open (an idle one of any video closed if needed)."""
        if len(self._slots) < self.max_readers:
            return True
        idle = [s for s in self._slots if not s.busy]
        if not idle:
            return False
        oldest = min(idle, key=lambda s: s.used_at)
        self._slots.remove(oldest)
        if oldest.reader is not None:
            oldest.reader.close()
        return True

    def _drop(self, slot: _Slot) -> None:
        with self._changed:
            if slot in self._slots:
                self._slots.remove(slot)
            self._changed.notify_all()
        if slot.reader is not None:
            slot.reader.close()


def _position(slot: _Slot) -> int | None:
    return slot.reader.position if slot.reader is not None else None
