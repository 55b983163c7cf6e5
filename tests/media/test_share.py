import os
from pathlib import Path

import pytest

from annota.media.share import list_share


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    for name in [
        "img10.jpg",
        "img2.jpg",
        "img1.jpg",
        "sub/dir/img 1.jpg",
        "sub/a.jpg",
        ".hidden.jpg",
        ".cache/x.jpg",
        "sub/Thumbs.db",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode())
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "key.jpg").write_bytes(b"secret")
    return root


def names(share_root: Path, requested: list[str]) -> list[str]:
    listing = list_share(share_root, requested)
    assert listing.problems == []
    return [f.name for f in listing.files]


def problem_types(share_root: Path | None, requested: list[str]) -> list[tuple[tuple[str, ...], str]]:
    return [(p.loc, p.type) for p in list_share(share_root, requested).problems]


def test_folder_expands_recursively_in_natural_order_skipping_hidden_files(share: Path) -> None:
    assert names(share, ["."]) == [
        "img1.jpg",
        "img2.jpg",
        "img10.jpg",
        "sub/a.jpg",
        "sub/dir/img 1.jpg",
    ]


def test_files_keep_their_path_relative_to_the_share_root(share: Path) -> None:
    listing = list_share(share, ["sub"])
    assert [(f.name, f.path) for f in listing.files] == [
        ("sub/a.jpg", share / "sub" / "a.jpg"),
        ("sub/dir/img 1.jpg", share / "sub" / "dir" / "img 1.jpg"),
    ]


def test_requested_paths_keep_their_order(share: Path) -> None:
    assert names(share, ["img10.jpg", "sub/dir", "img1.jpg"]) == [
        "img10.jpg",
        "sub/dir/img 1.jpg",
        "img1.jpg",
    ]


def test_explicitly_requested_hidden_file_is_listed(share: Path) -> None:
    assert names(share, [".hidden.jpg"]) == [".hidden.jpg"]


@pytest.mark.parametrize(
    ("requested", "type"),
    [
        ("/etc/passwd", "share.invalid_path"),
        ("../secret/key.jpg", "share.invalid_path"),
        ("sub/../../secret", "share.invalid_path"),
        ("missing.jpg", "share.not_found"),
    ],
)
def test_paths_outside_or_missing_are_refused(share: Path, requested: str, type: str) -> None:
    assert problem_types(share, [requested]) == [((requested,), type)]


def test_symlink_escaping_the_root_is_refused_when_requested(share: Path) -> None:
    (share / "escape").symlink_to(share.parent / "secret")
    assert problem_types(share, ["escape"]) == [(("escape",), "share.outside_root")]
    assert problem_types(share, ["escape/key.jpg"]) == [(("escape/key.jpg",), "share.outside_root")]


def test_symlink_escaping_the_root_is_refused_inside_a_folder(share: Path) -> None:
    (share / "sub" / "key.jpg").symlink_to(share.parent / "secret" / "key.jpg")
    listing = list_share(share, ["sub"])
    assert [(p.loc, p.type) for p in listing.problems] == [(("sub/key.jpg",), "share.outside_root")]
    assert all("secret" not in str(f.path) for f in listing.files)


def test_symlink_within_the_root_is_followed(share: Path) -> None:
    (share / "alias").symlink_to(share / "sub" / "dir")
    assert names(share, ["alias"]) == ["alias/img 1.jpg"]


def test_symlink_loop_is_reported_once(share: Path) -> None:
    (share / "sub" / "dir" / "up").symlink_to(share / "sub")
    assert problem_types(share, ["sub"]) == [(("sub/dir/up",), "share.link_loop")]


def test_fifo_is_reported_not_opened(share: Path) -> None:
    os.mkfifo(share / "sub" / "pipe.jpg")
    assert problem_types(share, ["sub"]) == [(("sub/pipe.jpg",), "share.not_a_file")]


def test_empty_folder_is_reported(share: Path) -> None:
    (share / "empty").mkdir()
    assert problem_types(share, ["empty"]) == [(("empty",), "share.empty")]


def test_share_import_is_refused_when_no_share_root_is_configured() -> None:
    assert problem_types(None, ["a.jpg"]) == [(("a.jpg",), "share.disabled")]
