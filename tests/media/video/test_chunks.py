import io
import zipfile
from pathlib import Path

from annota.media.video.chunks import member_name, member_names, pack_chunk, read_member


def test_a_chunk_is_a_stored_zip_of_its_frames_in_order() -> None:
    chunk = pack_chunk([(member_name(12), b"twelve"), (member_name(13), b"thirteen")])

    archive = zipfile.ZipFile(io.BytesIO(chunk))
    assert archive.namelist() == ["000012.jpg", "000013.jpg"]
    assert [i.compress_type for i in archive.infolist()] == [zipfile.ZIP_STORED] * 2
    assert archive.read("000013.jpg") == b"thirteen"


def test_equal_frames_make_byte_identical_chunks() -> None:
    frames = [(member_name(0), b"a"), (member_name(1), b"b")]

    assert pack_chunk(frames) == pack_chunk(frames)


def test_a_member_is_read_from_a_chunk_file_and_a_missing_one_is_none(tmp_path: Path) -> None:
    path = tmp_path / "c.zip"
    path.write_bytes(pack_chunk([(member_name(3), b"three")]))

    assert read_member(path, "000003.jpg") == b"three"
    assert read_member(path, "000004.jpg") is None
    assert read_member(tmp_path / "absent.zip", "000003.jpg") is None
    assert member_names(path) == ["000003.jpg"]


def test_member_names_take_another_suffix_for_image_frames() -> None:
    assert member_name(7, ".png") == "000007.png"
