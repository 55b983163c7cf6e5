"""Checks of typed values beyond their type: ranges, URL schemes, the S3 bucket name."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

Check = Callable[[object], str | None]

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
DATABASE_SCHEMES = ("sqlite://", "postgresql://", "postgresql+psycopg://", "postgres://")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]")


def at_least(minimum: float) -> Check:
    def check(value: object) -> str | None:
        return None if isinstance(value, int | float) and value >= minimum else f"must be at least {minimum}"

    return check


def between(low: int, high: int) -> Check:
    def check(value: object) -> str | None:
        return None if isinstance(value, int) and low <= value <= high else f"must be from {low} to {high}"

    return check


def database_url(value: object) -> str | None:
    if isinstance(value, str) and value.startswith(DATABASE_SCHEMES):
        return None
    return "expected sqlite:///PATH or postgresql://USER@HOST:PORT/DB"


def media_url(value: object) -> str | None:
    text = str(value)
    if text.startswith("file://"):
        return None if text.removeprefix("file://").startswith("/") else "expected file:///ABSOLUTE/PATH"
    if text.startswith("s3://"):
        bucket = urlsplit(text).netloc
        if _BUCKET.fullmatch(bucket) is None:
            return f"bucket name {bucket!r} is not valid (3-63 lowercase letters, digits, '.', '-')"
        return None
    return "expected file:///PATH or s3://BUCKET/PREFIX"


def queue_url(value: object) -> str | None:
    if value == "embedded" or str(value).startswith(REDIS_SCHEMES):
        return None
    return "expected 'embedded' or a redis://, rediss:// or unix:// URL"


def one_of(*choices: str) -> Check:
    def check(value: object) -> str | None:
        return None if value in choices else "expected one of " + ", ".join(repr(c) for c in choices)

    return check


def http_url(value: object) -> str | None:
    parts = urlsplit(str(value))
    return None if parts.scheme in ("http", "https") and parts.netloc else "expected http(s)://HOST[:PORT]"


CHECKS: dict[str, Check] = {
    "port": between(1, 65535),
    "max_upload_bytes": at_least(1),
    "max_image_pixels": at_least(1),
    "max_zip_members": at_least(1),
    "max_zip_uncompressed_bytes": at_least(1),
    "max_zip_ratio": at_least(1),
    "session_max_age_s": at_least(60),
    "media_cache_bytes": at_least(1024**2),
    "api_processes": between(1, 256),
    "worker_processes": between(0, 256),
    "database_url": database_url,
    "media_url": media_url,
    "queue_url": queue_url,
    "s3_endpoint_url": http_url,
    "log_format": one_of("text", "json"),
    "log_level": one_of("debug", "info", "warning", "error"),
}
