"""Reading dataset files safely: size limits before parsing, defused XML, located parse errors.

Every function takes the dataset `root` and a path inside it, reports problems into a `ProblemLog` located at
the file's name relative to the root, and returns None (never raises) when the file cannot be used.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

import orjson
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from annota.formats.base import ProblemLog

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif"})


def relative(root: Path, path: Path) -> str:
    """`path` as a POSIX path relative to `root` (its name when it is the root itself)."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path.name
    return rel.as_posix() if rel.parts else path.name


class TooLarge(int):
    """What `read_file` gives instead of a file's bytes when the file is above the limit: its size."""


FileRead = bytes | TooLarge | OSError | None  # None: there is no such file


def read_file(path: Path, max_bytes: int) -> FileRead:
    """The file's bytes, or why not (see `accept`). Plain system calls: a YOLO dataset has a small label
    file per image, and Python's file objects would cost more than the calls themselves."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as error:
        return error
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            return TooLarge(size)
        chunks = []
        while chunk := os.read(fd, max(size, 1 << 16)):
            chunks.append(chunk)
            if sum(map(len, chunks)) > max_bytes:  # it grew while being read
                return TooLarge(sum(map(len, chunks)))
        return b"".join(chunks)
    except OSError as error:
        return error
    finally:
        os.close(fd)


def accept(
    root: Path, path: Path, read: FileRead, log: ProblemLog, max_bytes: int, *, missing_ok: bool = False
) -> bytes | None:
    """The bytes of a `read_file` result, or None with its problem logged (none for a missing file when
    `missing_ok`: e.g. an image without a YOLO label file has no boxes)."""
    if isinstance(read, TooLarge):
        msg = f"file is {int(read)} bytes, more than the limit of {max_bytes}"
        log.add(relative(root, path), msg, "format.too_large")
        return None
    if isinstance(read, OSError):
        log.add(relative(root, path), f"cannot read: {read.strerror}", "format.unreadable")
        return None
    if read is None and not missing_ok:
        log.add(relative(root, path), "cannot read: No such file or directory", "format.unreadable")
    return read


def read_bytes(
    root: Path, path: Path, log: ProblemLog, max_bytes: int, *, missing_ok: bool = False
) -> bytes | None:
    """The file's bytes, refusing files above `max_bytes` before reading them; problems logged."""
    return accept(root, path, read_file(path, max_bytes), log, max_bytes, missing_ok=missing_ok)


def open_file(path: Path, name: str, log: ProblemLog, max_bytes: int) -> IO[bytes] | None:
    """`path` opened for a streaming reader (problems located at `name`), refused above `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            log.add(name, f"file is {size} bytes, more than the limit of {max_bytes}", "format.too_large")
            return None
        return path.open("rb")
    except OSError as error:
        log.add(name, f"cannot read: {error.strerror}", "format.unreadable")
        return None


def read_json(root: Path, path: Path, log: ProblemLog, max_bytes: int) -> Any:
    """The parsed JSON document, or None with a problem located at the line and column of a syntax error."""
    data = read_bytes(root, path, log, max_bytes)
    if data is None:
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        log.add(
            relative(root, path),
            f"invalid JSON: {error.msg} (column {error.colno})",
            "format.json",
            line=error.lineno,
        )
        return None


def read_xml(root: Path, path: Path, log: ProblemLog, max_bytes: int) -> Element | None:
    """The XML root element, parsed by defusedxml: entity declarations and external references are refused."""
    data = read_bytes(root, path, log, max_bytes)
    if data is None:
        return None
    name = relative(root, path)
    try:
        return defused_fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        log.add(name, f"refused hostile XML: {type(error).__name__}", "format.xml_hostile")
    except ParseError as error:
        line, column = error.position
        log.add(name, f"invalid XML: {error} (column {column})", "format.xml", line=line)
    return None


def read_lines(
    root: Path, path: Path, log: ProblemLog, max_bytes: int, *, missing_ok: bool = False
) -> list[str] | None:
    """The file's lines as text (UTF-8, a BOM tolerated), without line ends."""
    return lines_of(root, path, read_bytes(root, path, log, max_bytes, missing_ok=missing_ok), log)


def lines_of(root: Path, path: Path, data: bytes | None, log: ProblemLog) -> list[str] | None:
    """The lines of `data`, the bytes of `path` (None stays None)."""
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        msg = f"not UTF-8 text: {error.reason} at byte {error.start}"
        log.add(relative(root, path), msg, "format.encoding")
        return None


def walk_files(root: Path) -> Iterator[Path]:
    """Every regular file under `root`, sorted per folder; hidden ones skipped, links not followed."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith("."):
                yield Path(folder) / file


def is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def find_image(folder: Path, stem_or_name: str) -> Path | None:
    """The image `folder/stem_or_name` itself if it exists, else `folder/<stem>.<any image suffix>`."""
    direct = folder / stem_or_name
    if direct.is_file() and is_image(direct):
        return direct
    for suffix in sorted(IMAGE_SUFFIXES):
        for candidate in (folder / f"{stem_or_name}{suffix}", folder / f"{stem_or_name}{suffix.upper()}"):
            if candidate.is_file():
                return candidate
    return None


class ImageIndex:
    """The image files under a dataset root, listed by one walk on first use, then found by dict lookups
    (a dataset of 100,000 items would otherwise cost a dozen stat calls per item)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: set[str] | None = None
        self._by_name: dict[str, list[str]] = {}

    def _index(self) -> set[str]:
        if self._paths is None:
            self._paths = set()
            for folder, dirs, files in os.walk(self.root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                rel = os.path.relpath(folder, self.root)
                prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
                for file in sorted(files):
                    if not file.startswith(".") and is_image(Path(file)):
                        self._paths.add(prefix + file)
                        self._by_name.setdefault(file, []).append(prefix + file)
        return self._paths

    def get(self, relative: str) -> Path | None:
        """The image at `relative` (a POSIX path under the root), if there is one."""
        key = posixpath.normpath(relative)
        return self.root / key if key in self._index() else None

    def find(self, folder: str, stem_or_name: str) -> Path | None:
        """Like `find_image` in `folder` (relative to the root, "" for the root itself)."""
        if not self._index():
            return None  # a dataset without images: no lookups at all
        base = posixpath.join(folder, stem_or_name)
        found = self.get(base)
        if found is not None:
            return found
        for suffix in sorted(IMAGE_SUFFIXES):
            found = self.get(base + suffix) or self.get(base + suffix.upper())
            if found is not None:
                return found
        return None

    def named(self, name: str) -> list[str]:
        """Relative paths of the images called `name`, in walk order."""
        self._index()
        return self._by_name.get(name, [])


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) read from the image header by Pillow (no pixel decoding), or None if unreadable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return int(image.width), int(image.height)
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def head(path: Path, size: int = 1024) -> bytes:
    """The first `size` bytes of a file (for `detect`), or b"" when it cannot be read."""
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""
