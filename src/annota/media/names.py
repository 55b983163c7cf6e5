"""How media files are named inside a task: relative POSIX paths, in natural order.

A name comes from outside (an upload's file name, a zip member, a path under the share root) and
becomes the media item's name, e.g. ``sub/dir/img 1.jpg``. It is never used to build a path on
our disk, but it is still refused when it tries to climb out (``..``, absolute, drive letter), so
that exporting a task back to a folder or an archive cannot write outside it.
"""

from __future__ import annotations

import re

# Files that operating systems and archivers add next to images; skipped, never reported.
METADATA_FILE_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
METADATA_DIR_NAMES = frozenset({"__macosx"})

_DRIVE = re.compile(r"[A-Za-z]:")
_DIGITS = re.compile(r"([0-9]+)")


class InvalidMediaName(ValueError):
    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name!r}: {reason}")


def relative_name(raw: str) -> str:
    """Normalise a name to a relative POSIX path, or raise InvalidMediaName.

    Backslashes count as separators: Windows zip tools write them, and ``a\\..\\b`` must not pass.
    """
    if not raw.strip():
        raise InvalidMediaName(raw, "empty name")
    if any(ord(c) < 32 or ord(c) == 127 for c in raw):
        raise InvalidMediaName(raw, "name contains control characters")
    text = raw.replace("\\", "/")
    if text.startswith("/"):
        raise InvalidMediaName(raw, "absolute paths are not allowed")
    if _DRIVE.match(text):
        raise InvalidMediaName(raw, "drive letters are not allowed")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise InvalidMediaName(raw, "'..' is not allowed in a path")
    if not parts:
        raise InvalidMediaName(raw, "empty name")
    return "/".join(parts)


def is_metadata(name: str) -> bool:
    """True for hidden files and folders, ``__MACOSX/`` and OS thumbnail databases."""
    parts = name.split("/")
    if any(part.startswith(".") for part in parts):
        return True
    if any(part.casefold() in METADATA_DIR_NAMES for part in parts[:-1]):
        return True
    return parts[-1].casefold() in METADATA_FILE_NAMES


def _natural_pieces(text: str) -> tuple[str | int, ...]:
    # re.split with a capture group alternates text, digits, text...: even slots are always
    # strings and odd slots always ints, so the keys of any two names are comparable.
    pieces = _DIGITS.split(text.casefold())
    return tuple(int(piece) if i % 2 else piece for i, piece in enumerate(pieces))


def natural_key(name: str) -> tuple[object, ...]:
    """Sort key: folder by folder, digit runs compared as numbers (``img2`` before ``img10``),
    the stem before the extension (``img.jpg`` before ``img1.jpg``); ties broken by the name itself.
    """
    components = []
    for part in name.split("/"):
        stem, dot, extension = part.rpartition(".")
        if not stem:  # no dot, or a leading one: all stem
            stem, extension = part, ""
        components.append((_natural_pieces(stem), _natural_pieces(dot + extension)))
    return tuple(components), name


def natural_sorted(names: list[str]) -> list[str]:
    return sorted(names, key=natural_key)
