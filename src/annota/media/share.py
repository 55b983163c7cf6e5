"""The server-side share folder: turning requested relative paths into files under ``share_root``.

Requests name paths relative to the root. A path is refused when it is absolute, contains ``..``,
or resolves (through symbolic links) outside the root. Folders expand recursively to their files,
in natural order; links inside them are followed only while they stay under the root. Hidden
files and folders and OS metadata (Thumbs.db) are skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from annota.media.names import InvalidMediaName, is_metadata, natural_key, relative_name
from annota.media.problems import Problem

_ROOT_REQUESTS = frozenset({"", ".", "./"})


@dataclass(frozen=True, slots=True)
class ShareFile:
    name: str  # relative to the share root, e.g. "sub/dir/img 1.jpg"
    path: Path  # resolved, under the share root


@dataclass(slots=True)
class ShareListing:
    files: list[ShareFile]
    problems: list[Problem]


def _problem(name: str, msg: str, type: str) -> Problem:
    return Problem(loc=(name,), msg=msg, type=f"share.{type}")


class _Walk:
    """Expands one requested folder; ``ancestors`` are the real folders above, to stop link loops."""

    def __init__(self, root: Path, listing: ShareListing) -> None:
        self.root = root
        self.listing = listing

    def folder(self, real_dir: Path, name: str, ancestors: frozenset[Path]) -> None:
        try:
            entries = list(os.scandir(real_dir))
        except OSError as exc:
            self.listing.problems.append(_problem(name, f"cannot read folder: {exc.strerror}", "unreadable"))
            return
        inside = ancestors | {real_dir}
        for entry in sorted(entries, key=lambda e: natural_key(e.name)):
            entry_name = f"{name}/{entry.name}" if name else entry.name
            if is_metadata(entry.name):
                continue
            if entry.is_symlink():
                self.link(Path(entry.path), entry_name, inside)
            elif entry.is_dir(follow_symlinks=False):
                self.folder(Path(entry.path), entry_name, inside)
            elif entry.is_file(follow_symlinks=False):
                self.listing.files.append(ShareFile(entry_name, Path(entry.path)))
            else:
                self.listing.problems.append(_problem(entry_name, "not a regular file", "not_a_file"))

    def link(self, link: Path, name: str, ancestors: frozenset[Path]) -> None:
        target = link.resolve()
        if not target.is_relative_to(self.root):
            self.listing.problems.append(
                _problem(name, "symbolic link points outside the share folder", "outside_root")
            )
        elif not target.exists():
            self.listing.problems.append(_problem(name, "broken symbolic link", "not_found"))
        elif target.is_dir():
            if target in ancestors:
                self.listing.problems.append(
                    _problem(name, "symbolic link loops back to a folder above it", "link_loop")
                )
            else:
                self.folder(target, name, ancestors)
        elif target.is_file():
            self.listing.files.append(ShareFile(name, target))
        else:
            self.listing.problems.append(_problem(name, "not a regular file", "not_a_file"))


def _normalise_request(requested: str) -> str:
    if requested.strip() in _ROOT_REQUESTS:
        return ""
    return relative_name(requested)


def list_share(share_root: Path | None, requested: list[str]) -> ShareListing:
    """Files for each requested path, in request order; folders expanded in natural order."""
    listing = ShareListing(files=[], problems=[])
    if share_root is None:
        for path in requested:
            listing.problems.append(_problem(path, "importing from the share folder is disabled", "disabled"))
        return listing
    root = share_root.resolve()
    if not root.is_dir():
        for path in requested:
            listing.problems.append(_problem(path, "the share folder does not exist", "unavailable"))
        return listing
    walk = _Walk(root, listing)
    for path in requested:
        try:
            name = _normalise_request(path)
        except InvalidMediaName as exc:
            listing.problems.append(_problem(path, exc.reason, "invalid_path"))
            continue
        candidate = root / name
        if not os.path.lexists(candidate):
            listing.problems.append(_problem(path, "no such file or folder in the share", "not_found"))
            continue
        target = candidate.resolve()
        if not target.is_relative_to(root):
            listing.problems.append(_problem(path, "path leads outside the share folder", "outside_root"))
        elif not target.exists():
            listing.problems.append(_problem(path, "broken symbolic link", "not_found"))
        elif target.is_dir():
            before = len(listing.files) + len(listing.problems)
            walk.folder(target, name, frozenset())
            if len(listing.files) + len(listing.problems) == before:
                listing.problems.append(_problem(path or ".", "folder contains no files", "empty"))
        elif target.is_file():
            listing.files.append(ShareFile(name, target))
        else:
            listing.problems.append(_problem(path, "not a regular file", "not_a_file"))
    return listing
