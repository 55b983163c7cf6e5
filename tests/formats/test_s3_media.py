"""Imports and exports with the media in an S3 bucket (moto_server in CI: TEST_S3_URL): new images are
staged and committed through the store, exports read them back through its cache, and a refused import
leaves no object behind."""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from pathlib import Path

import boto3
import pytest

from annota.formats.base import FormatError
from annota.settings import Settings
from annota.storage import projects
from annota.storage.db import Database
from tests.formats.corpus import corpus_or_skip
from tests.formats.roundtrip import export_from, import_into, stored
from tests.services import url_or_skip

SAMPLE = "coco/dm_coco_instances"


@pytest.fixture
def endpoint() -> str:
    return url_or_skip("TEST_S3_URL", "S3")


@pytest.fixture
def settings(tmp_path: Path, endpoint: str) -> Settings:
    """The formats conftest's `database` and `admin_id` are built on these settings."""
    bucket = f"annota-formats-{uuid.uuid4().hex[:12]}"
    client(endpoint).create_bucket(Bucket=bucket)
    return Settings(
        data_dir=tmp_path / "data",
        media_url=f"s3://{bucket}/media",
        s3_endpoint_url=endpoint,
        s3_region="us-east-1",
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )


def client(endpoint: str):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    )  # fmt: skip


def objects(settings: Settings) -> list[str]:
    assert settings.media_url is not None
    bucket = settings.media_url.removeprefix("s3://").split("/")[0]
    listed = client(str(settings.s3_endpoint_url)).list_objects_v2(Bucket=bucket)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def digest(path: Path | bytes) -> str:
    return hashlib.sha256(path if isinstance(path, bytes) else path.read_bytes()).hexdigest()


def test_an_import_puts_its_images_in_the_bucket_and_an_export_reads_them_back(
    database: Database, settings: Settings, admin_id: int, tmp_path: Path
) -> None:
    sample = corpus_or_skip(SAMPLE)
    originals = sorted(digest(p) for p in (sample / "images").rglob("*.jpg"))

    import_into(database, settings, sample, "first", admin_id, "coco")

    assert objects(settings) == sorted(f"media/{h[:2]}/{h[2:4]}/{h}" for h in originals)
    assert not settings.media_dir.exists() or not any(settings.media_dir.rglob("*.jpg"))
    export_from(database, settings, "first", "coco", tmp_path / "out.zip", with_images=True)
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        images = sorted(digest(archive.read(n)) for n in archive.namelist() if n.endswith(".jpg"))
    assert images == originals
    import_into(database, settings, tmp_path / "out.zip", "again", admin_id, "coco")
    assert stored(database, "again") == stored(database, "first")
    assert len(objects(settings)) == len(originals)  # the same bytes are one object


def test_an_import_refused_after_its_images_were_stored_leaves_no_object_in_the_bucket(
    database: Database, settings: Settings, admin_id: int
) -> None:
    with database.write() as session:  # labels for points only: the sample's boxes and polygons are refused
        project = projects.create_project(session, owner_id=admin_id, name="P")
        for name in ("a", "b", "c"):
            projects.create_label(session, project.id, name=name, color="#102030", kind="points")

    with pytest.raises(FormatError) as refused:
        import_into(database, settings, corpus_or_skip(SAMPLE), "P", admin_id, "coco")

    assert {p.type for p in refused.value.problems} == {"kind_not_allowed"}
    assert objects(settings) == []
