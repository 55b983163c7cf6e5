"""What a process keeps for serving video: the frame cache, open readers, index builds, loaded indexes.

One runtime per cache folder, made on first use (never at import time) and shared by every
request of the process. Settings come from ``Settings.extra`` (strings, like environment
variables) until they earn fields of their own:

- ``video_cache_max_bytes``: cap of the frame and chunk cache (default 2 GiB);
- ``video_chunk_size``: frames per chunk (default 30, about a second of playback);
- ``video_index_wait_s``: how long a frame request waits for the background index to reach
  its frame before answering "retry" (default 20);
- ``video_proxy_max_bytes``: cap of the seek proxies (default 4 GiB; one proxy may take half of
  it; 0 turns proxies off);
- ``video_proxy_niceness``: how much lower the CPU priority of a proxy build is (0-19, default 10;
  0 for a worker that has its machine to itself).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from annota.media.video.builds import IndexBuilds
from annota.media.video.cache import FrameCache
from annota.media.video.index import FrameIndex
from annota.media.video.pool import ReaderPool
from annota.media.video.proxies import ProxyStore
from annota.settings import Settings

DEFAULT_CACHE_BYTES = 2 * 1024**3
DEFAULT_CHUNK_SIZE = 30
DEFAULT_INDEX_WAIT_S = 20.0
DEFAULT_PROXY_BYTES = 4 * 1024**3
DEFAULT_PROXY_NICENESS = 10
MAX_NICENESS = 19
MAX_CHUNK_SIZE = 300
LOADED_INDEXES = 32
# Tests make many apps, each on its own folder: older runtimes are closed past this many.
MAX_RUNTIMES = 8


@dataclass(frozen=True, slots=True)
class VideoConfig:
    cache_max_bytes: int = DEFAULT_CACHE_BYTES
    chunk_size: int = DEFAULT_CHUNK_SIZE
    index_wait_s: float = DEFAULT_INDEX_WAIT_S
    proxy_max_bytes: int = DEFAULT_PROXY_BYTES
    proxy_niceness: int = DEFAULT_PROXY_NICENESS

    @classmethod
    def from_settings(cls, settings: Settings) -> VideoConfig:
        extra = settings.extra
        config = cls(
            cache_max_bytes=int(_number(extra, "video_cache_max_bytes", DEFAULT_CACHE_BYTES)),
            chunk_size=int(_number(extra, "video_chunk_size", DEFAULT_CHUNK_SIZE)),
            index_wait_s=_number(extra, "video_index_wait_s", DEFAULT_INDEX_WAIT_S),
            proxy_max_bytes=int(_number(extra, "video_proxy_max_bytes", DEFAULT_PROXY_BYTES)),
            proxy_niceness=int(_number(extra, "video_proxy_niceness", DEFAULT_PROXY_NICENESS)),
        )
        if not 1 <= config.chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError(f"settings.extra['video_chunk_size']: must be 1..{MAX_CHUNK_SIZE}")
        if not 0 <= config.proxy_niceness <= MAX_NICENESS:
            raise ValueError(f"settings.extra['video_proxy_niceness']: must be 0..{MAX_NICENESS}")
        for key, value in (
            ("video_cache_max_bytes", config.cache_max_bytes),
            ("video_index_wait_s", config.index_wait_s),
            ("video_proxy_max_bytes", config.proxy_max_bytes),
        ):
            if value < 0:
                raise ValueError(f"settings.extra[{key!r}]: must be >= 0")
        return config


def _number(extra: dict[str, str], key: str, default: float) -> float:
    raw = extra.get(key)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"settings.extra[{key!r}]: expected a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"settings.extra[{key!r}]: expected a finite number, got {raw!r}")
    return value


class VideoRuntime:
    def __init__(self, cache_dir: Path, config: VideoConfig) -> None:
        self.config = config
        self.cache = FrameCache(Path(cache_dir) / "video", config.cache_max_bytes)
        self.readers = ReaderPool()
        self.builds = IndexBuilds()
        self.proxies = ProxyStore(Path(cache_dir) / "video-proxy", config.proxy_max_bytes)
        # Videos whose proxy this process has asked for (a job each), so that it asks once.
        self.proxy_requested: set[str] = set()
        self._indexes: OrderedDict[str, FrameIndex] = OrderedDict()
        self._lock = threading.Lock()

    def loaded_index(self, content_hash: str) -> FrameIndex | None:
        with self._lock:
            index = self._indexes.get(content_hash)
            if index is not None:
                self._indexes.move_to_end(content_hash)
            return index

    def keep_index(self, content_hash: str, index: FrameIndex) -> None:
        with self._lock:
            self._indexes[content_hash] = index
            self._indexes.move_to_end(content_hash)
            while len(self._indexes) > LOADED_INDEXES:
                self._indexes.popitem(last=False)

    def first_proxy_request(self, content_hash: str) -> bool:
        """True the first time this process asks for a video's proxy: it asks once."""
        with self._lock:
            if content_hash in self.proxy_requested:
                return False
            self.proxy_requested.add(content_hash)
            return True

    def close(self) -> None:
        self.readers.close()


_RUNTIMES: OrderedDict[Path, VideoRuntime] = OrderedDict()
_RUNTIMES_LOCK = threading.Lock()


def runtime_for(settings: Settings) -> VideoRuntime:
    """The runtime of ``settings.cache_dir``, made on first use."""
    key = Path(settings.cache_dir).resolve()
    with _RUNTIMES_LOCK:
        runtime = _RUNTIMES.get(key)
        if runtime is None:
            runtime = VideoRuntime(key, VideoConfig.from_settings(settings))
            _RUNTIMES[key] = runtime
            while len(_RUNTIMES) > MAX_RUNTIMES:
                _, old = _RUNTIMES.popitem(last=False)
                old.close()
        _RUNTIMES.move_to_end(key)
        return runtime
