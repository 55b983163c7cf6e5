import zipfile
from pathlib import Path

import pytest

from annota.media.archives import ZipLimits, ZipPlan, plan_members, read_member
from annota.media.problems import SourceError

from .samples import image_bytes, set_declared_size, set_encrypted_flag, write_zip

LIMITS = ZipLimits(max_members=100, max_uncompressed_bytes=50 * 1024 * 1024, max_ratio=200.0)
JPEG = image_bytes()


def plan(path: Path, limits: ZipLimits = LIMITS) -> ZipPlan:
    with zipfile.ZipFile(path) as zf:
        return plan_members(zf, "upload.zip", limits)


def problems(path: Path, limits: ZipLimits = LIMITS) -> list[tuple[tuple[str, ...], str]]:
    return [(p.loc, p.type) for p in plan(path, limits).problems]


def test_members_come_in_natural_order_without_folders_and_metadata(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "a.zip",
        {
            "pics/": b"",
            "pics/img10.jpg": JPEG,
            "pics/img9.jpg": JPEG,
            "pics/.DS_Store": b"x",
            "__MACOSX/pics/._img9.jpg": b"x",
            "Thumbs.db": b"x",
            "a.jpg": JPEG,
        },
    )
    result = plan(path)
    assert result.problems == []
    assert [m.name for m in result.members] == ["a.jpg", "pics/img9.jpg", "pics/img10.jpg"]


@pytest.mark.parametrize(
    "name", ["../evil.jpg", "/etc/cron.d/evil.jpg", "C:/evil.jpg", "..\\evil.jpg", "a/../../b.jpg"]
)
def test_zip_slip_names_are_refused(tmp_path: Path, name: str) -> None:
    path = write_zip(tmp_path / "slip.zip", {"ok.jpg": JPEG, name: JPEG})
    assert problems(path) == [((name,), "zip.unsafe_name")]
    assert [m.name for m in plan(path).members] == ["ok.jpg"]


def test_highly_compressible_member_over_the_ratio_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "bomb.zip", {"zeros.png": bytes(2 * 1024 * 1024)})
    result = plan(path)
    assert [(p.loc, p.type) for p in result.problems] == [(("zeros.png",), "zip.ratio")]
    assert "more than the limit of 200:1" in result.problems[0].msg
    assert result.members == []


def test_small_members_are_not_ratio_checked(tmp_path: Path) -> None:
    assert problems(write_zip(tmp_path / "small.zip", {"flat.png": bytes(100_000)})) == []


def test_too_many_members_refuses_the_whole_archive(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "many.zip", {f"{i}.jpg": JPEG for i in range(4)})
    limits = ZipLimits(max_members=3, max_uncompressed_bytes=10**9, max_ratio=200.0)
    assert problems(path, limits) == [(("upload.zip",), "zip.too_many_members")]
    assert plan(path, limits).members == []


def test_total_declared_size_over_the_limit_refuses_the_whole_archive(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "big.zip", {f"{i}.jpg": JPEG for i in range(4)})
    limits = ZipLimits(max_members=10, max_uncompressed_bytes=len(JPEG) * 3, max_ratio=200.0)
    assert problems(path, limits) == [(("upload.zip",), "zip.too_large")]


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = set_encrypted_flag(write_zip(tmp_path / "locked.zip", {"secret.jpg": JPEG}), "secret.jpg")
    assert problems(path) == [(("secret.jpg",), "zip.encrypted")]


def test_archive_with_nothing_but_metadata_is_reported_empty(tmp_path: Path) -> None:
    assert problems(write_zip(tmp_path / "e.zip", {"dir/": b"", ".DS_Store": b"x"})) == [
        (("upload.zip",), "zip.empty")
    ]


def test_read_member_returns_the_member_bytes(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "a.zip", {"a.jpg": JPEG})
    with zipfile.ZipFile(path) as zf:
        (member,) = plan_members(zf, "a.zip", LIMITS).members
        assert b"".join(read_member(zf, member)) == JPEG


def test_member_whose_header_understates_its_size_is_refused_while_reading(tmp_path: Path) -> None:
    # The header claims 1 KB (ratio below the limit), the data inflates to 4 MB.
    path = write_zip(tmp_path / "liar.zip", {"liar.png": bytes(4 * 1024 * 1024)})
    set_declared_size(path, "liar.png", 1024)
    with zipfile.ZipFile(path) as zf:
        (member,) = plan_members(zf, "liar.zip", LIMITS).members
        with pytest.raises(SourceError, match="does not match its header") as caught:
            inflated = sum(len(chunk) for chunk in read_member(zf, member))
            pytest.fail(f"read {inflated} bytes")
    assert caught.value.type == "zip.corrupt_member"


def test_member_whose_header_overstates_its_size_is_refused_while_reading(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "liar.zip", {"liar.jpg": JPEG}, compression=zipfile.ZIP_STORED)
    set_declared_size(path, "liar.jpg", len(JPEG) + 10)
    with zipfile.ZipFile(path) as zf:
        (member,) = plan_members(zf, "liar.zip", LIMITS).members
        with pytest.raises(
            SourceError, match=f"holds {len(JPEG)} bytes but its header declares {len(JPEG) + 10}"
        ):
            b"".join(read_member(zf, member))
