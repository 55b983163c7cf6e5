"""Seek proxies on disk: made once per video, found by content hash, under a size cap of their own.

Layout: ``root/ab/<content hash>/`` holding ``proxy.mp4`` and, once it is complete, ``proxy.json``
(version, frame count, the proxy's index, bytes, build seconds). The manifest is written last (a
temporary file and a rename), so a proxy is ready exactly when its manifest exists: a build killed
half-way leaves no manifest, and the next build starts over. A video that cannot have one (odd frame
size, larger than the cap allows) gets ``unavailable.json`` instead, so it is not tried again.

Builds of one video are serialised across processes by an exclusive lock on ``.lock``; a second
build waits, then finds the manifest (building is idempotent). After a build, whole proxies are
deleted, least recently used first, until all of them fit ``max_bytes``. Use is recorded in the
manifest's mtime, touched at most once a minute per video. A proxy deleted while a reader has it
open stays readable through that reader (POSIX unlink); new requests fall back to the original.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np

from annota.media.video.index import FrameIndex
from annota.media.video.proxy import PROXY_VERSION, ProxyUnavailable, write_proxy
from annota.storage.media_store import validate_hash

VIDEO_FILE = "proxy.mp4"
MANIFEST = "proxy.json"
UNAVAILABLE = "unavailable.json"
TOUCH_EVERY_S = 60.0
TURNED_OFF = "seek proxies are turned off (video_proxy_max_bytes = 0)"
ProxyStatus = Literal["none", "ready", "unavailable"]


@dataclass(frozen=True, slots=True)
class Proxy:
    """A ready proxy: its file and its index (proxy frame n is source frame n)."""

    content_hash: str
    path: Path
    index: FrameIndex
    size_bytes: int
    build_seconds: float


@dataclass(frozen=True, slots=True)
class ProxyState:
    status: ProxyStatus
    reason: str | None = None  # why it is unavailable
    proxy: Proxy | None = None


class ProxyStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 or more, got {max_bytes}")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._loaded: dict[str, Proxy] = {}
        self._touched: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def folder(self, content_hash: str) -> Path:
        h = validate_hash(content_hash)
        return self.root / h[:2] / h

    def ready(self, content_hash: str) -> Proxy | None:
        """The proxy of a video when it is complete (and marks it used), else None."""
        if not self.enabled:
            return None
        folder = self.folder(content_hash)
        manifest = folder / MANIFEST
        with self._lock:
            proxy = self._loaded.get(content_hash)
        if proxy is None:
            proxy = _read_manifest(content_hash, folder)
            if proxy is None:
                return None
            with self._lock:
                self._loaded[content_hash] = proxy
        elif not manifest.exists():  # evicted, possibly by another process
            with self._lock:
                self._loaded.pop(content_hash, None)
            return None
        self._touch(content_hash, manifest)
        return proxy

    def state(self, content_hash: str) -> ProxyState:
        if not self.enabled:
            return ProxyState("unavailable", reason=TURNED_OFF)
        proxy = self.ready(content_hash)
        if proxy is not None:
            return ProxyState("ready", proxy=proxy)
        marker = self.folder(content_hash) / UNAVAILABLE
        try:
            reason = str(json.loads(marker.read_text())["reason"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return ProxyState("none")
        return ProxyState("unavailable", reason=reason)

    def build(
        self,
        content_hash: str,
        source: Path,
        index: FrameIndex,
        progress: Callable[[int], None] = lambda done: None,
    ) -> ProxyState:
        """Make the proxy of a video unless it exists (or cannot exist); its state afterwards.

        Anything ``progress`` raises (a cancel) stops the build and leaves nothing behind.
        """
        if not self.enabled:
            return ProxyState("unavailable", reason=TURNED_OFF)
        folder = self.folder(content_hash)
        with _exclusive(folder):
            state = self.state(content_hash)
            if state.status != "none":
                return state
            target = folder / VIDEO_FILE
            started = time.perf_counter()
            try:
                proxy_index = write_proxy(
                    source, index, target, max_bytes=self.max_bytes // 2, progress=progress
                )
            except ProxyUnavailable as exc:
                target.unlink(missing_ok=True)
                _write_json(
                    folder / UNAVAILABLE, {"version": PROXY_VERSION, "reason": exc.msg, "type": exc.type}
                )
                return ProxyState("unavailable", reason=exc.msg)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            size = target.stat().st_size
            seconds = time.perf_counter() - started
            _write_json(folder / MANIFEST, _manifest(proxy_index, size, seconds))
        self.evict(keep=content_hash)
        return self.state(content_hash)

    def size(self) -> int:
        return sum(size for _, _, size in self._proxies())

    def evict(self, keep: str | None = None) -> int:
        """Delete whole proxies, least recently used first, until all fit the cap; bytes freed."""
        proxies = sorted(self._proxies(), key=lambda p: p[1])
        total = sum(size for _, _, size in proxies)
        freed = 0
        for folder, _, size in proxies:
            if total - freed <= self.max_bytes:
                break
            if folder.name == keep:
                continue
            (folder / MANIFEST).unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            with self._lock:
                self._loaded.pop(folder.name, None)
            freed += size
        return freed

    def delete(self, content_hash: str) -> bool:
        """Drop a video's proxy (when its blob is deleted)."""
        folder = self.folder(content_hash)
        with self._lock:
            self._loaded.pop(content_hash, None)
        if not folder.is_dir():
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True

    def _touch(self, content_hash: str, manifest: Path) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._touched.get(content_hash, -TOUCH_EVERY_S) < TOUCH_EVERY_S:
                return
            self._touched[content_hash] = now
        with suppress(FileNotFoundError):
            os.utime(manifest)

    def _proxies(self) -> Iterator[tuple[Path, int, int]]:
        """(folder, last use in ns, bytes) of every complete proxy."""
        for manifest in self.root.glob(f"*/*/{MANIFEST}"):
            try:
                used = manifest.stat().st_mtime_ns
                size = (manifest.parent / VIDEO_FILE).stat().st_size
            except FileNotFoundError:
                continue
            yield manifest.parent, used, size


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _manifest(index: FrameIndex, size: int, seconds: float) -> dict[str, Any]:
    pts, keyframes = index.pack()
    return {
        "version": PROXY_VERSION,
        # the longest run of frames between keyframes (the rung's GOP: see proxy.RUNGS)
        "gop": int(np.diff(np.append(index.keyframes, len(index))).max()) if len(index.keyframes) else 0,
        "frames": len(index),
        "time_base": [index.time_base.numerator, index.time_base.denominator],
        "pts": base64.b64encode(pts).decode(),
        "keyframes": base64.b64encode(keyframes).decode(),
        "bytes": size,
        "seconds": round(seconds, 3),
    }


def _read_manifest(content_hash: str, folder: Path) -> Proxy | None:
    """The proxy a manifest describes; None when there is none, or one of another version."""
    try:
        data = json.loads((folder / MANIFEST).read_text())
        if data.get("version") != PROXY_VERSION:
            return None
        num, den = data["time_base"]
        index = FrameIndex.unpack(
            base64.b64decode(data["pts"]), base64.b64decode(data["keyframes"]), Fraction(num, den)
        )
        return Proxy(content_hash, folder / VIDEO_FILE, index, int(data["bytes"]), float(data["seconds"]))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None  # none yet, or damaged: a build writes it again


def _write_json(path: Path, data: dict[str, Any]) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w") as out:
            json.dump(data, out)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
