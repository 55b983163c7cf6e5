"""Media ingestion, all or nothing: every file is stored and probed, every problem is collected,
and blobs become visible in the store only when there is no problem at all.

    with IngestBatch(store, IngestLimits.from_settings(settings)) as batch:
        batch.add_upload("a.jpg", stream)          # a "*.zip" upload is expanded
        batch.add_share(settings.share_root, ["sub/dir"])
        files = batch.commit()                     # raises MediaIngestError(problems)
        ...insert the media rows...                # an exception here deletes the new blobs

Each file is staged (streamed and hashed into the store's staging folder), then probed from that
private copy, so what is probed is exactly what is stored. Once a problem is known the batch can
no longer succeed, so staged files are dropped as they are probed: disk use stays flat while the
remaining files are still checked and reported.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from annota.media import archives, share
from annota.media.images import ImageError, ImageInfo, probe
from annota.media.names import InvalidMediaName, is_metadata, relative_name
from annota.media.problems import MediaIngestError, Problem, SourceError
from annota.settings import Settings
from annota.storage.media_store import BlobTooLarge, ByteSource, StagedBlob
from annota.storage.media_stores import MediaStore

__all__ = [
    "IngestBatch",
    "IngestLimits",
    "IngestedFile",
    "MediaIngestError",
    "Problem",
    "ingest_share",
    "ingest_uploads",
    "ingest_zip",
]

_ZIP_SUFFIX = ".zip"


@dataclass(frozen=True, slots=True)
class IngestLimits:
    max_upload_bytes: int
    max_image_pixels: int
    max_zip_members: int
    max_zip_uncompressed_bytes: int
    max_zip_ratio: float

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestLimits:
        return cls(
            max_upload_bytes=settings.max_upload_bytes,
            max_image_pixels=settings.max_image_pixels,
            max_zip_members=settings.max_zip_members,
            max_zip_uncompressed_bytes=settings.max_zip_uncompressed_bytes,
            max_zip_ratio=settings.max_zip_ratio,
        )

    @property
    def zip(self) -> archives.ZipLimits:
        return archives.ZipLimits(
            max_members=self.max_zip_members,
            max_uncompressed_bytes=self.max_zip_uncompressed_bytes,
            max_ratio=self.max_zip_ratio,
        )


@dataclass(frozen=True, slots=True)
class IngestedFile:
    name: str
    content_hash: str
    size: int
    mime: str
    width: int
    height: int


def _too_large(name: str, exc: BlobTooLarge) -> Problem:
    return Problem((name,), f"file is larger than the limit of {exc.max_bytes} bytes", "upload.too_large")


@dataclass(frozen=True, slots=True)
class _Pending:
    name: str
    staged: StagedBlob
    info: ImageInfo


class IngestBatch:
    def __init__(self, store: MediaStore, limits: IngestLimits) -> None:
        self._store = store
        self._limits = limits
        self._pending: list[_Pending] = []
        self._problems: list[Problem] = []
        self._names: set[str] = set()
        self._created: list[str] = []
        self._state = "open"

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    # -- sources ---------------------------------------------------------------------------------

    def add_upload(self, filename: str, stream: ByteSource) -> None:
        """One uploaded file, at most ``max_upload_bytes``; a ``.zip`` file is expanded."""
        self._require_open()
        if not filename.lower().endswith(_ZIP_SUFFIX):
            self._add_named(filename, stream)
            return
        try:
            staged = self._store.stage(stream, self._limits.max_upload_bytes, name=filename)
        except BlobTooLarge as exc:
            self._problem(_too_large(filename, exc))
            return
        try:
            self.add_zip(staged.path, archive_name=filename)
        finally:
            self._store.discard(staged)

    def add_share(self, share_root: Path | None, requested: Iterable[str]) -> None:
        """Paths relative to the share folder; folders expand recursively in natural order."""
        self._require_open()
        listing = share.list_share(share_root, list(requested))
        for problem in listing.problems:
            self._problem(problem)
        for item in listing.files:
            try:
                # O_NOFOLLOW: the path was resolved and checked; a link swapped in since is refused.
                fd = os.open(item.path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError as exc:
                self._problem(Problem((item.name,), f"cannot open: {exc.strerror}", "share.unreadable"))
                continue
            with os.fdopen(fd, "rb") as fp:
                self._add(item.name, fp)

    def add_zip(self, archive: Path | BinaryIO, *, archive_name: str) -> None:
        """Every file in a zip archive (a path, or a seekable binary stream), in natural order."""
        self._require_open()
        try:
            zf = zipfile.ZipFile(archive)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            self._problem(Problem((archive_name,), f"not a readable zip archive: {exc}", "zip.invalid"))
            return
        with zf:
            plan = archives.plan_members(zf, archive_name, self._limits.zip)
            for problem in plan.problems:
                self._problem(problem)
            for member in plan.members:
                self._add(member.name, archives.read_member(zf, member))

    # -- outcome ---------------------------------------------------------------------------------

    def commit(self) -> list[IngestedFile]:
        """Move every staged file into the store, or raise MediaIngestError and keep nothing."""
        self._require_open()
        if self._problems:
            self.discard()
            raise MediaIngestError(self._problems)
        files: list[IngestedFile] = []
        try:
            for pending in self._pending:
                blob = self._store.commit(pending.staged)
                if blob.created:
                    self._created.append(blob.hash)
                files.append(
                    IngestedFile(
                        name=pending.name,
                        content_hash=blob.hash,
                        size=blob.size,
                        mime=pending.info.mime,
                        width=pending.info.width,
                        height=pending.info.height,
                    )
                )
        except BaseException:
            self._state = "committed"
            self.rollback()
            self._drop_pending()
            raise
        self._pending.clear()
        self._state = "committed"
        return files

    def discard(self) -> None:
        """Drop everything staged; the store is left as it was."""
        self._drop_pending()
        self._state = "discarded"

    def rollback(self) -> None:
        """After commit: delete the blobs this batch created (e.g. the database insert failed).

        Blobs that already existed are kept. A concurrent batch that found one of ours between our
        commit and this rollback loses it; the blobs table is the place to arbitrate that.
        """
        if self._state != "committed":
            raise RuntimeError(f"rollback() needs a committed batch; this one is {self._state}")
        for content_hash in self._created:
            self._store.delete(content_hash)
        self._created.clear()
        self._state = "rolled back"

    def __enter__(self) -> IngestBatch:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._state == "open":
            self.discard()
        elif self._state == "committed" and exc_type is not None:
            self.rollback()

    # -- internals -------------------------------------------------------------------------------

    def _require_open(self) -> None:
        if self._state != "open":
            raise RuntimeError(f"this ingest batch is already {self._state}")

    def _drop_pending(self) -> None:
        for pending in self._pending:
            self._store.discard(pending.staged)
        self._pending.clear()

    def _problem(self, problem: Problem) -> None:
        # One problem and the batch cannot commit: free the staged files now.
        self._problems.append(problem)
        self._drop_pending()

    def _add_named(self, filename: str, source: ByteSource) -> None:
        try:
            name = relative_name(filename)
        except InvalidMediaName as exc:
            self._problem(Problem((filename,), exc.reason, "name.invalid"))
            return
        if not is_metadata(name):
            self._add(name, source)

    def _add(self, name: str, source: ByteSource) -> None:
        if name in self._names:
            self._problem(Problem((name,), "another file has the same name", "name.duplicate"))
            return
        self._names.add(name)
        try:
            staged = self._store.stage(source, self._limits.max_upload_bytes, name=name)
        except BlobTooLarge as exc:
            self._problem(_too_large(name, exc))
            return
        except SourceError as exc:
            self._problem(exc.as_problem())
            return
        try:
            info = probe(staged.path, name=name, max_pixels=self._limits.max_image_pixels)
        except ImageError as exc:
            self._store.discard(staged)
            self._problem(Problem((name,), exc.msg, exc.type))
            return
        except BaseException:
            self._store.discard(staged)
            raise
        if self._problems:
            self._store.discard(staged)
        else:
            self._pending.append(_Pending(name, staged, info))


def ingest_uploads(
    store: MediaStore, uploads: Iterable[tuple[str, ByteSource]], limits: IngestLimits
) -> list[IngestedFile]:
    with IngestBatch(store, limits) as batch:
        for filename, stream in uploads:
            batch.add_upload(filename, stream)
        return batch.commit()


def ingest_share(
    store: MediaStore, share_root: Path | None, requested: Iterable[str], limits: IngestLimits
) -> list[IngestedFile]:
    with IngestBatch(store, limits) as batch:
        batch.add_share(share_root, requested)
        return batch.commit()


def ingest_zip(
    store: MediaStore, archive: Path | BinaryIO, limits: IngestLimits, *, archive_name: str | None = None
) -> list[IngestedFile]:
    if archive_name is None:
        archive_name = archive.name if isinstance(archive, Path) else "archive.zip"
    with IngestBatch(store, limits) as batch:
        batch.add_zip(archive, archive_name=archive_name)
        return batch.commit()
