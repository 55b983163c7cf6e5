import pytest

from annota.media.video.formats import container_of, is_video_name


@pytest.mark.parametrize("name", ["a.mp4", "B.MOV", "dir/c.mkv", "d.webm", "e.AVI", "f.m4v", "g\\h.mp4"])
def test_video_suffixes_are_recognised_whatever_their_case_or_folder(name: str) -> None:
    assert is_video_name(name)


@pytest.mark.parametrize("name", ["a.jpg", "b.zip", "mp4", "c.mp4.txt", "d.gif"])
def test_images_archives_and_other_files_are_not_videos(name: str) -> None:
    assert not is_video_name(name)


def test_the_suffix_picks_mov_or_webm_among_what_the_demuxer_allows() -> None:
    mp4_family, matroska = "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"

    assert container_of(mp4_family, "a.mp4") == ("mp4", "video/mp4")
    assert container_of(mp4_family, "a.mov") == ("mov", "video/quicktime")
    assert container_of(matroska, "a.webm") == ("webm", "video/webm")
    assert container_of(matroska, "a.mkv") == ("matroska", "video/x-matroska")
    assert container_of(matroska, "a.mp4") == ("matroska", "video/x-matroska")


def test_other_demuxers_are_unsupported() -> None:
    assert container_of("png_pipe", "a.mp4") is None
    assert container_of("mpegts", "a.ts") is None
