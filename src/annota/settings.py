"""Settings, built explicitly (never at import time) and passed to the app factory and the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path("annota-data")


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    # None means the embedded SQLite database inside data_dir.
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    # Server-side folder that tasks may import media from; None disables share imports.
    share_root: Path | None = None
    max_upload_bytes: int = 2 * 1024**3
    # Decompression-bomb guard: images above this many pixels are refused.
    max_image_pixels: int = 30_000 * 30_000
    # Zip-bomb guards for archive uploads.
    max_zip_members: int = 100_000
    max_zip_uncompressed_bytes: int = 20 * 1024**3
    max_zip_ratio: float = 200.0
    session_max_age_s: int = 14 * 24 * 3600
    # Cookies get the Secure flag when served over HTTPS (set by deployment).
    secure_cookies: bool = False
    web_dist: Path | None = None
    # Media store: None or file:///PATH (local files; None means data_dir/media), or
    # s3://BUCKET/PREFIX on an S3-compatible object store configured by the s3_* settings.
    media_url: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    # Local copies of media kept in the object store (frames are decoded from them); oldest go first.
    media_cache_bytes: int = 10 * 1024**3
    # Job queue: None or "embedded" (a file in data_dir), or redis://HOST:PORT/DB.
    queue_url: str | None = None
    api_processes: int = 1
    worker_processes: int = 1
    # Folder every API and worker process sees (NFS, a shared volume): uploaded datasets and export
    # files of background jobs live under <shared_dir>/jobs. None: data_dir (one machine).
    shared_dir: Path | None = None
    # Logs on stderr: "text" for people, "json" (one object per line) for log collectors.
    log_format: str = "text"
    log_level: str = "warning"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'annota.db').resolve()}"

    @property
    def media_dir(self) -> Path:
        """Root of the local media store (or, with an S3 media store, of its local staging)."""
        if self.media_url and self.media_url.startswith("file://"):
            return Path(self.media_url.removeprefix("file://"))
        return self.data_dir / "media"

    @property
    def job_files_root(self) -> Path:
        """The folder `jobs/` (background jobs' files) lives in: shared_dir, else data_dir."""
        return self.shared_dir if self.shared_dir is not None else self.data_dir

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from the file named by ANNOTA_CONFIG, then ANNOTA_* environment variables, then
        explicit overrides (CLI flags); validated (see `annota.config.load_settings`)."""
        from annota.config import load_settings

        env = os.environ if environ is None else environ
        return load_settings(environ=env, flags={k: v for k, v in overrides.items() if v is not None})
