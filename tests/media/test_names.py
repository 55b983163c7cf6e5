import pytest

from annota.media.names import InvalidMediaName, is_metadata, natural_sorted, relative_name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("img.jpg", "img.jpg"),
        ("sub/dir/img 1.jpg", "sub/dir/img 1.jpg"),
        ("./sub//img.jpg", "sub/img.jpg"),
        ("sub\\img.jpg", "sub/img.jpg"),
        ("café/ünï.jpg", "café/ünï.jpg"),
    ],
)
def test_relative_name_normalises_to_a_posix_path(raw: str, name: str) -> None:
    assert relative_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("../evil.jpg", "'..'"),
        ("sub/../../evil.jpg", "'..'"),
        ("..\\evil.jpg", "'..'"),
        ("/etc/passwd", "absolute"),
        ("\\\\server\\share\\x.jpg", "absolute"),
        ("C:/Windows/x.jpg", "drive letter"),
        ("c:x.jpg", "drive letter"),
        ("", "empty"),
        ("./", "empty"),
        ("a\x00.jpg", "control characters"),
        ("a\n.jpg", "control characters"),
    ],
)
def test_relative_name_refuses_names_that_climb_out(raw: str, reason: str) -> None:
    with pytest.raises(InvalidMediaName, match=reason):
        relative_name(raw)


@pytest.mark.parametrize(
    "name",
    [".DS_Store", "sub/.hidden.jpg", ".git/config", "__MACOSX/._img.jpg", "sub/Thumbs.db", "desktop.ini"],
)
def test_hidden_and_os_metadata_files_are_metadata(name: str) -> None:
    assert is_metadata(name)


@pytest.mark.parametrize("name", ["img.jpg", "sub/img.jpg", "__MACOSX.jpg", "thumbs.jpg"])
def test_ordinary_images_are_not_metadata(name: str) -> None:
    assert not is_metadata(name)


def test_natural_sort_orders_digit_runs_as_numbers() -> None:
    names = ["img10.jpg", "img2.jpg", "IMG1.jpg", "img1.png", "img.jpg", "img02.jpg"]
    assert natural_sorted(names) == ["img.jpg", "IMG1.jpg", "img1.png", "img02.jpg", "img2.jpg", "img10.jpg"]


def test_natural_sort_compares_folder_by_folder() -> None:
    names = ["b/1.jpg", "a-b/1.jpg", "a/10.jpg", "a/9.jpg", "a 2/1.jpg", "frame_10/x.jpg", "frame_9/x.jpg"]
    assert natural_sorted(names) == [
        "a/9.jpg",
        "a/10.jpg",
        "a 2/1.jpg",
        "a-b/1.jpg",
        "b/1.jpg",
        "frame_9/x.jpg",
        "frame_10/x.jpg",
    ]
