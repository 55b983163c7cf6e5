"""Zip archives as a media source, refusing zip slip and zip bombs before extracting anything.

Checked from the central directory first (cheap, before any byte is inflated): the member count,
the total declared uncompressed size, every member's name (no absolute paths, ``..`` or drive
letters) and compression ratio. Headers can lie, so extraction also counts the bytes it actually
inflates: zipfile stops at the declared size and then fails the CRC check, and we stop as well
should a member ever deliver more than it declared. Nested archives are not opened.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from annota.media.names import InvalidMediaName, is_metadata, natural_key, relative_name
from annota.media.problems import Problem, SourceError

CHUNK_BYTES = 1024 * 1024
_ENCRYPTED_FLAG = 0x1
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_members: int
    max_uncompressed_bytes: int
    max_ratio: float
    # Smaller members are not ratio-checked: a small flat image legitimately compresses far beyond
    # any sensible ratio, and inflating it can do no harm.
    ratio_floor_bytes: int = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipMember:
    name: str
    info: zipfile.ZipInfo


@dataclass(slots=True)
class ZipPlan:
    members: list[ZipMember]
    problems: list[Problem]


def _is_folder(info: zipfile.ZipInfo) -> bool:
    return info.filename.endswith(("/", "\\"))


def plan_members(zf: zipfile.ZipFile, archive_name: str, limits: ZipLimits) -> ZipPlan:
    """Members to extract, in natural order of their paths, and every problem found on the way."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        msg = f"archive has {len(infos)} members, more than the limit of {limits.max_members}"
        return ZipPlan([], [Problem((archive_name,), msg, "zip.too_many_members")])
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_uncompressed_bytes:
        msg = (
            f"archive would unpack to {declared} bytes, more than the limit of "
            f"{limits.max_uncompressed_bytes}"
        )
        return ZipPlan([], [Problem((archive_name,), msg, "zip.too_large")])

    plan = ZipPlan([], [])
    for info in infos:
        if _is_folder(info):
            continue
        try:
            name = relative_name(info.filename)
        except InvalidMediaName as exc:
            plan.problems.append(
                Problem((info.filename,), f"unsafe path in archive: {exc.reason}", "zip.unsafe_name")
            )
            continue
        if is_metadata(name):
            continue
        if info.flag_bits & _ENCRYPTED_FLAG:
            plan.problems.append(
                Problem((name,), "encrypted archive members are not supported", "zip.encrypted")
            )
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= limits.ratio_floor_bytes and ratio > limits.max_ratio:
            msg = (
                f"compressed {ratio:.0f}:1 ({info.compress_size} -> {info.file_size} bytes), more than "
                f"the limit of {limits.max_ratio:g}:1"
            )
            plan.problems.append(Problem((name,), msg, "zip.ratio"))
            continue
        plan.members.append(ZipMember(name, info))
    plan.members.sort(key=lambda member: natural_key(member.name))
    if not plan.members and not plan.problems:
        plan.problems.append(Problem((archive_name,), "archive contains no files", "zip.empty"))
    return plan


def read_member(zf: zipfile.ZipFile, member: ZipMember) -> Iterator[bytes]:
    """The member's bytes in chunks; a member that does not match its header raises SourceError."""
    declared = member.info.file_size
    inflated = 0
    try:
        with zf.open(member.info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                inflated += len(chunk)
                if inflated > declared:
                    raise SourceError(
                        member.name, f"member inflates past its declared {declared} bytes", "zip.bomb"
                    )
                yield chunk
    except NotImplementedError as exc:
        raise SourceError(member.name, f"unsupported compression: {exc}", "zip.unsupported") from exc
    except _READ_ERRORS as exc:
        raise SourceError(
            member.name,
            f"archive member is corrupt or does not match its header ({exc})",
            "zip.corrupt_member",
        ) from exc
    if inflated != declared:
        raise SourceError(
            member.name,
            f"member holds {inflated} bytes but its header declares {declared}",
            "zip.corrupt_member",
        )
