"""A dataset uploaded as a zip, unpacked into a private folder with the media layer's zip guards.

Zip slip (absolute names, ``..``), zip bombs (member count, total size, compression ratio, members that
inflate past their header) and encrypted members are refused before or while extracting, all located.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from annota.formats.base import FormatError, FormatProblem
from annota.media import archives
from annota.media.problems import SourceError
from annota.settings import Settings


def zip_limits(settings: Settings) -> archives.ZipLimits:
    return archives.ZipLimits(
        max_members=settings.max_zip_members,
        max_uncompressed_bytes=settings.max_zip_uncompressed_bytes,
        max_ratio=settings.max_zip_ratio,
    )


def extract_zip(archive: Path, target: Path, settings: Settings) -> None:
    """Every member of `archive` under `target`; raises FormatError on any problem."""
    name = archive.name
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise FormatError(
            [FormatProblem(name, f"not a readable zip archive: {error}", "zip.invalid")]
        ) from None
    problems: list[FormatProblem] = []
    with zf:
        plan = archives.plan_members(zf, name, zip_limits(settings))
        problems += [FormatProblem(name, p.msg, p.type, tuple(p.loc)) for p in plan.problems]
        if not problems:
            for member in plan.members:
                path = target / member.name
                path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with path.open("wb") as out:
                        for chunk in archives.read_member(zf, member):
                            out.write(chunk)
                except SourceError as error:
                    problems.append(FormatProblem(name, error.msg, error.type, (error.name,)))
    if problems:
        raise FormatError(problems)
