"""Encoded frames and chunks on disk, under a size cap, least recently used evicted first.

Layout: ``root/ab/<content hash>/<variant>`` (variant e.g. ``v1-f0000123-r0-q85.jpg``). A file
is written whole (temporary file + rename), so readers never see a partial file. Use is
recorded in the file's mtime (touched on every hit), which survives restarts and is shared by
every process using the folder. The running total is counted from the folder on first use and
then kept up to date by this process; eviction rescans the folder, so files written by other
processes are counted too. Eviction goes down to 90% of the cap, so it runs once in a while,
not on every write.

Readers get bytes, not paths: a file may be evicted by another request at any moment.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from annota.storage.media_store import validate_hash

LOW_WATER = 0.9
_VARIANT = re.compile(r"[a-z0-9][a-z0-9_.-]{0,95}\.(jpg|png|zip)")


class FrameCache:
    def __init__(self, root: Path, max_bytes: int) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 or more, got {max_bytes}")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._total: int | None = None
        self._making: dict[Path, threading.Lock] = {}

    def path(self, content_hash: str, variant: str) -> Path:
        h = validate_hash(content_hash)
        if _VARIANT.fullmatch(variant) is None:
            raise ValueError(f"invalid cache variant {variant!r}: expected e.g. 'v1-f0000012-r0-q85.jpg'")
        return self.root / h[:2] / h / variant

    def read(self, content_hash: str, variant: str) -> bytes | None:
        """The cached bytes (marking them recently used), or None."""
        path = self.path(content_hash, variant)
        try:
            data = path.read_bytes()
            os.utime(path)
        except FileNotFoundError:
            return None
        return data

    def write(self, content_hash: str, variant: str, data: bytes) -> None:
        path = self.path(content_hash, variant)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        with self._lock:
            # A first count reads the folder, which already holds the new file.
            self._total = self._counted() if self._total is None else self._total + len(data)
            over = self._total > self.max_bytes
        if over:
            self.evict()

    def get_or_make(self, content_hash: str, variant: str, make: Callable[[], bytes]) -> bytes:
        """Cached bytes, else ``make()``'s, stored. Concurrent callers for one variant make it once."""
        cached = self.read(content_hash, variant)
        if cached is not None:
            return cached
        path = self.path(content_hash, variant)
        with self._lock:
            gate = self._making.setdefault(path, threading.Lock())
        with gate:
            cached = self.read(content_hash, variant)
            if cached is None:
                cached = make()
                self.write(content_hash, variant, cached)
        with self._lock:
            self._making.pop(path, None)
        return cached

    def size(self) -> int:
        """Bytes in the cache as this process counts them."""
        with self._lock:
            if self._total is None:
                self._total = self._counted()
            return self._total

    def evict(self) -> int:
        """Delete least recently used files until the cache is under 90% of its cap; bytes freed."""
        with self._lock:
            files = sorted(self._files(), key=lambda f: f[1])
            total = sum(size for _, _, size in files)
            freed = 0
            for path, _, size in files:
                if total - freed <= self.max_bytes * LOW_WATER:
                    break
                path.unlink(missing_ok=True)
                freed += size
            self._total = total - freed
            return freed

    def delete(self, content_hash: str) -> bool:
        """Drop everything cached for one video (when its blob is deleted)."""
        h = validate_hash(content_hash)
        folder = self.root / h[:2] / h
        if not folder.is_dir():
            return False
        shutil.rmtree(folder, ignore_errors=True)
        with self._lock:
            self._total = None
        return True

    def _files(self) -> list[tuple[Path, int, int]]:
        """(path, mtime in ns, size) of every cached file; files vanishing meanwhile are skipped."""
        found: list[tuple[Path, int, int]] = []
        if not self.root.is_dir():
            return found
        for folder, _, names in os.walk(self.root):
            for name in names:
                if name.startswith(".tmp-"):
                    continue
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
        return found

    def _counted(self) -> int:
        return sum(size for _, _, size in self._files())
