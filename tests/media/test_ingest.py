import dataclasses
import hashlib
import io
from pathlib import Path

import pytest

from annota.media.ingest import (
    IngestBatch,
    IngestedFile,
    IngestLimits,
    MediaIngestError,
    ingest_share,
    ingest_uploads,
    ingest_zip,
)
from annota.settings import Settings
from annota.storage.media_store import MediaStore

from .samples import files_under, image_bytes, set_declared_size, write_zip

LIMITS = IngestLimits(
    max_upload_bytes=10 * 1024 * 1024,
    max_image_pixels=10**7,
    max_zip_members=100,
    max_zip_uncompressed_bytes=50 * 1024 * 1024,
    max_zip_ratio=200.0,
)
JPEG_A = image_bytes(".jpg", seed=1)
JPEG_B = image_bytes(".jpg", seed=2)
PNG_C = image_bytes(".png", 30, 10, seed=3)


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    return MediaStore(tmp_path / "media")


def problems_of(caught: pytest.ExceptionInfo[MediaIngestError]) -> list[tuple[tuple[str, ...], str]]:
    return [(p.loc, p.type) for p in caught.value.problems]


def test_uploads_are_stored_and_described_in_order(store: MediaStore) -> None:
    files = ingest_uploads(store, [("b.jpg", io.BytesIO(JPEG_B)), ("c.png", io.BytesIO(PNG_C))], LIMITS)
    assert files == [
        IngestedFile("b.jpg", hashlib.sha256(JPEG_B).hexdigest(), len(JPEG_B), "image/jpeg", 40, 20),
        IngestedFile("c.png", hashlib.sha256(PNG_C).hexdigest(), len(PNG_C), "image/png", 30, 10),
    ]
    assert all(store.exists(f.content_hash) for f in files)


def test_same_image_under_two_names_is_stored_once(store: MediaStore) -> None:
    files = ingest_uploads(store, [("a.jpg", io.BytesIO(JPEG_A)), ("copy.jpg", io.BytesIO(JPEG_A))], LIMITS)
    assert files[0].content_hash == files[1].content_hash
    assert files_under(store.root) == [store.path(files[0].content_hash)]


def test_every_problem_is_reported_and_nothing_is_stored(store: MediaStore) -> None:
    truncated = JPEG_B[: len(JPEG_B) // 2]
    uploads = [
        ("good.jpg", io.BytesIO(JPEG_A)),
        ("cut.jpg", io.BytesIO(truncated)),
        ("notes.txt", io.BytesIO(b"hello")),
        ("also-good.png", io.BytesIO(PNG_C)),
    ]
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, uploads, LIMITS)
    assert problems_of(caught) == [(("cut.jpg",), "image.broken"), (("notes.txt",), "image.unsupported")]
    assert caught.value.problems[0].msg.startswith("file is truncated or damaged")
    assert files_under(store.root) == []


def test_upload_over_the_size_limit_is_refused(store: MediaStore) -> None:
    limits = dataclasses.replace(LIMITS, max_upload_bytes=100)
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, [("a.jpg", io.BytesIO(JPEG_A))], limits)
    assert problems_of(caught) == [(("a.jpg",), "upload.too_large")]
    assert files_under(store.root) == []


def test_image_over_the_pixel_limit_is_refused(store: MediaStore) -> None:
    limits = dataclasses.replace(LIMITS, max_image_pixels=40 * 20 - 1)
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, [("a.jpg", io.BytesIO(JPEG_A))], limits)
    assert problems_of(caught) == [(("a.jpg",), "image.too_large")]


@pytest.mark.parametrize("name", ["../a.jpg", "/abs/a.jpg", "C:\\a.jpg"])
def test_upload_name_that_climbs_out_is_refused(store: MediaStore, name: str) -> None:
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, [(name, io.BytesIO(JPEG_A))], LIMITS)
    assert problems_of(caught) == [((name,), "name.invalid")]


def test_folder_upload_keeps_relative_names_and_skips_metadata(store: MediaStore) -> None:
    uploads = [("shoot/day 1/a.jpg", io.BytesIO(JPEG_A)), ("shoot/.DS_Store", io.BytesIO(b"\0"))]
    assert [f.name for f in ingest_uploads(store, uploads, LIMITS)] == ["shoot/day 1/a.jpg"]


def test_two_files_with_the_same_name_are_refused(store: MediaStore) -> None:
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, [("a.jpg", io.BytesIO(JPEG_A)), ("./a.jpg", io.BytesIO(JPEG_B))], LIMITS)
    assert problems_of(caught) == [(("a.jpg",), "name.duplicate")]


def test_uploaded_zip_is_expanded_in_natural_order_keeping_paths(store: MediaStore, tmp_path: Path) -> None:
    archive = write_zip(
        tmp_path / "pics.zip",
        {"sub/dir/img 10.jpg": JPEG_A, "sub/dir/img 9.jpg": JPEG_B, "__MACOSX/sub/._x": b"x", "c.png": PNG_C},
    )
    with archive.open("rb") as fp:
        files = ingest_uploads(store, [("pics.zip", fp)], LIMITS)
    assert [f.name for f in files] == ["c.png", "sub/dir/img 9.jpg", "sub/dir/img 10.jpg"]
    assert len(files_under(store.root)) == 3


def test_non_image_in_a_zip_is_reported_not_dropped(store: MediaStore, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", {"a.jpg": JPEG_A, "README.txt": b"read me", ".hidden": b"x"})
    with pytest.raises(MediaIngestError) as caught:
        ingest_zip(store, archive, LIMITS)
    assert problems_of(caught) == [(("README.txt",), "image.unsupported")]
    assert files_under(store.root) == []


def test_zip_slip_refuses_the_whole_archive(store: MediaStore, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", {"a.jpg": JPEG_A, "../../etc/evil.jpg": JPEG_B})
    with pytest.raises(MediaIngestError) as caught:
        ingest_zip(store, archive, LIMITS)
    assert problems_of(caught) == [(("../../etc/evil.jpg",), "zip.unsafe_name")]
    assert files_under(store.root) == []
    assert not (tmp_path.parent / "etc").exists()


def test_zip_bomb_member_is_refused(store: MediaStore, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "bomb.zip", {"a.jpg": JPEG_A, "bomb.png": bytes(8 * 1024 * 1024)})
    with pytest.raises(MediaIngestError) as caught:
        ingest_zip(store, archive, LIMITS)
    assert problems_of(caught) == [(("bomb.png",), "zip.ratio")]
    assert files_under(store.root) == []


def test_zip_member_with_a_lying_header_is_refused_without_leftovers(
    store: MediaStore, tmp_path: Path
) -> None:
    archive = write_zip(tmp_path / "liar.zip", {"a.jpg": JPEG_A, "liar.png": bytes(4 * 1024 * 1024)})
    set_declared_size(archive, "liar.png", 1024)
    with pytest.raises(MediaIngestError) as caught:
        ingest_zip(store, archive, LIMITS)
    assert problems_of(caught) == [(("liar.png",), "zip.corrupt_member")]
    assert files_under(store.root) == []


def test_file_that_is_not_a_zip_is_refused(store: MediaStore) -> None:
    with pytest.raises(MediaIngestError) as caught:
        ingest_uploads(store, [("photos.zip", io.BytesIO(JPEG_A))], LIMITS)
    assert problems_of(caught) == [(("photos.zip",), "zip.invalid")]
    assert files_under(store.root) == []


def test_share_folder_is_ingested_with_names_relative_to_the_root(store: MediaStore, tmp_path: Path) -> None:
    share = tmp_path / "share"
    (share / "sub" / "dir").mkdir(parents=True)
    (share / "sub" / "dir" / "img 1.jpg").write_bytes(JPEG_A)
    (share / "sub" / "img 2.png").write_bytes(PNG_C)
    files = ingest_share(store, share, ["sub"], LIMITS)
    assert [(f.name, f.mime) for f in files] == [
        ("sub/dir/img 1.jpg", "image/jpeg"),
        ("sub/img 2.png", "image/png"),
    ]


def test_share_escape_refuses_everything(store: MediaStore, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.jpg").write_bytes(JPEG_A)
    (tmp_path / "outside.jpg").write_bytes(JPEG_B)
    (share / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    with pytest.raises(MediaIngestError) as caught:
        ingest_share(store, share, ["a.jpg", "link.jpg", "../outside.jpg"], LIMITS)
    assert problems_of(caught) == [
        (("link.jpg",), "share.outside_root"),
        (("../outside.jpg",), "share.invalid_path"),
    ]
    assert files_under(store.root) == []


def test_batch_combines_sources_and_fails_as_one(store: MediaStore, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "s.jpg").write_bytes(JPEG_B)
    with IngestBatch(store, LIMITS) as batch:
        batch.add_upload("u.jpg", io.BytesIO(JPEG_A))
        batch.add_share(share, ["s.jpg"])
        batch.add_upload("bad.jpg", io.BytesIO(JPEG_A[: len(JPEG_A) // 2]))
        with pytest.raises(MediaIngestError) as caught:
            batch.commit()
    assert problems_of(caught) == [(("bad.jpg",), "image.broken")]
    assert files_under(store.root) == []


def test_exception_after_commit_deletes_only_the_blobs_the_batch_created(store: MediaStore) -> None:
    existing = store.put_stream(JPEG_A, max_bytes=10**6)
    with pytest.raises(RuntimeError, match="database insert failed"), IngestBatch(store, LIMITS) as batch:
        batch.add_upload("a.jpg", io.BytesIO(JPEG_A))
        batch.add_upload("b.jpg", io.BytesIO(JPEG_B))
        assert len(batch.commit()) == 2
        raise RuntimeError("database insert failed")
    assert files_under(store.root) == [existing.path]


def test_committed_batch_accepts_no_more_files(store: MediaStore) -> None:
    batch = IngestBatch(store, LIMITS)
    batch.commit()
    with pytest.raises(RuntimeError, match="already committed"):
        batch.add_upload("a.jpg", io.BytesIO(JPEG_A))


def test_limits_come_from_settings() -> None:
    settings = Settings(max_upload_bytes=5, max_image_pixels=6, max_zip_members=7)
    limits = IngestLimits.from_settings(settings)
    assert (limits.max_upload_bytes, limits.max_image_pixels, limits.max_zip_members) == (5, 6, 7)
    assert limits.zip.max_ratio == settings.max_zip_ratio
