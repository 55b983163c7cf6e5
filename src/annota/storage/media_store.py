"""Content-addressed media files: every blob lives at ``root/ab/cd/<sha256>``.

Writes stream into ``root/.staging`` (same filesystem, so the final rename is atomic) while hashing,
then the staged file is linked into place. A blob that already exists is never rewritten, so two
uploads of the same bytes share one file. Video files go through the same store; nothing here
knows about image or video formats.

Writing is two-step so that a caller can look at a file before it becomes a blob:
``stage()`` -> inspect ``staged.path`` -> ``commit()`` or ``discard()``. ``put_stream()`` does both.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

HASH_ALGORITHM = "sha256"
HASH_HEX_LENGTH = 64
CHUNK_BYTES = 1024 * 1024
STAGING_DIR = ".staging"
_HASH_PATTERN = re.compile(r"[0-9a-f]{64}")

# What put_stream/stage accept: an open binary file, an iterable of chunks, or the bytes themselves.
ByteSource = Iterable[bytes] | BinaryIO | bytes


class MediaStoreError(Exception):
    """Base class of the media store's errors."""


class InvalidContentHash(MediaStoreError, ValueError):
    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(f"invalid content hash {value!r}: expected {HASH_HEX_LENGTH} lowercase hex digits")


class BlobTooLarge(MediaStoreError):
    def __init__(self, max_bytes: int, name: str | None = None) -> None:
        self.max_bytes = max_bytes
        self.name = name
        where = f"{name}: " if name else ""
        super().__init__(f"{where}file is larger than the limit of {max_bytes} bytes")


class BlobNotFound(MediaStoreError, FileNotFoundError):
    def __init__(self, content_hash: str) -> None:
        self.content_hash = content_hash
        super().__init__(f"no media blob with hash {content_hash}")


@dataclass(frozen=True, slots=True)
class StoredBlob:
    hash: str
    size: int
    path: Path
    # False when the same content was already stored (deduplicated); only a created blob may be
    # deleted again by the call that created it.
    created: bool


@dataclass(frozen=True, slots=True)
class StagedBlob:
    """Bytes written and hashed, not yet visible in the store."""

    hash: str
    size: int
    path: Path


def validate_hash(value: object) -> str:
    """Return ``value`` if it is a sha256 hex digest, else raise InvalidContentHash.

    Runs before any path is built, so a hash can never name a file outside the store.
    """
    if not isinstance(value, str) or _HASH_PATTERN.fullmatch(value) is None:
        raise InvalidContentHash(value)
    return value


def _chunks_of(source: ByteSource) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        yield bytes(source)
        return
    read = getattr(source, "read", None)
    if read is None:
        yield from source
        return
    while chunk := read(CHUNK_BYTES):
        yield chunk


class MediaStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def staging_dir(self) -> Path:
        return self.root / STAGING_DIR

    def path(self, content_hash: str) -> Path:
        h = validate_hash(content_hash)
        return self.root / h[:2] / h[2:4] / h

    def local_path(self, content_hash: str) -> Path:
        """A file with the blob's bytes (here the blob itself; see `storage.media_stores`)."""
        return self.path(content_hash)

    def exists(self, content_hash: str) -> bool:
        return self.path(content_hash).is_file()

    def open(self, content_hash: str) -> BinaryIO:
        try:
            return self.path(content_hash).open("rb")
        except FileNotFoundError:
            raise BlobNotFound(content_hash) from None

    def size(self, content_hash: str) -> int:
        try:
            return self.path(content_hash).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(content_hash) from None

    def delete(self, content_hash: str) -> bool:
        """Remove a blob; False when there was none. Callers must know nothing references it."""
        try:
            self.path(content_hash).unlink()
        except FileNotFoundError:
            return False
        return True

    def put_stream(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StoredBlob:
        return self.commit(self.stage(source, max_bytes, name=name))

    def stage(self, source: ByteSource, max_bytes: int, *, name: str | None = None) -> StagedBlob:
        """Stream ``source`` into a staging file, hashing it; more than ``max_bytes`` raises BlobTooLarge.

        Whatever goes wrong (limit, a failing reader, an interrupt), the staging file is removed.
        """
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.staging_dir, prefix="stage-")
        tmp_path = Path(tmp_name)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in _chunks_of(source):
                    size += len(chunk)
                    if size > max_bytes:
                        raise BlobTooLarge(max_bytes, name)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp_path, 0o644)
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise
        return StagedBlob(hash=digest.hexdigest(), size=size, path=tmp_path)

    def commit(self, staged: StagedBlob) -> StoredBlob:
        """Move a staged file into place; if the content is already stored, keep the existing file."""
        target = self.path(staged.hash)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            # link() fails when the target exists, so exactly one of two racing writers "creates" it.
            os.link(staged.path, target)
            created = True
        except FileExistsError:
            created = False
        except OSError:
            # Filesystems without hard links: rename is still atomic, the race only costs a rewrite
            # of identical bytes.
            created = not target.exists()
            os.replace(staged.path, target)
        staged.path.unlink(missing_ok=True)
        return StoredBlob(hash=staged.hash, size=staged.size, path=target, created=created)

    def discard(self, staged: StagedBlob) -> None:
        staged.path.unlink(missing_ok=True)

    def clean_staging(self, older_than_s: float = 24 * 3600) -> int:
        """Remove staging files left by a crashed process; returns how many were removed."""
        if not self.staging_dir.is_dir():
            return 0
        cutoff = time.time() - older_than_s
        removed = 0
        for entry in self.staging_dir.iterdir():
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
