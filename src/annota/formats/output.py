"""Where writers put their files: a folder, or a zip archive written as it goes (constant memory)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import IO

from annota.media.names import InvalidMediaName, relative_name


class OutputError(ValueError):
    """A writer asked for a name that is unsafe or already written."""


def _safe(name: str, written: set[str]) -> str:
    try:
        clean = relative_name(name)
    except InvalidMediaName as error:
        raise OutputError(f"unsafe output name {name!r}: {error.reason}") from None
    if clean in written:
        raise OutputError(f"{clean!r} is written twice")
    written.add(clean)
    return clean


class FolderOutput:
    """Files under `root` (created if needed)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._written: set[str] = set()
        self._folders: set[Path] = set()  # made already: one mkdir per folder, not per file
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, name: str) -> Path:
        path = self.root / _safe(name, self._written)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        return path

    def open(self, name: str) -> IO[bytes]:
        return self._path(name).open("wb")

    def copy(self, name: str, source: Path) -> None:
        shutil.copyfile(source, self._path(name))

    def close(self) -> None:
        """Nothing to finish for a folder."""


class ZipOutput:
    """Members streamed into a zip archive; images are stored (they are compressed already)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._written: set[str] = set()

    def open(self, name: str) -> IO[bytes]:
        info = zipfile.ZipInfo(_safe(name, self._written))
        info.compress_type = zipfile.ZIP_DEFLATED
        return self._zip.open(info, "w", force_zip64=True)

    def copy(self, name: str, source: Path) -> None:
        self._zip.write(source, _safe(name, self._written), compress_type=zipfile.ZIP_STORED)

    def close(self) -> None:
        self._zip.close()


def open_output(target: Path) -> FolderOutput | ZipOutput:
    """A zip archive when `target` ends in ``.zip``, else a folder."""
    return ZipOutput(target) if target.suffix.lower() == ".zip" else FolderOutput(target)
