"""The frames a tracker reads, from whichever media store the deployment names (a bucket included)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import boto3
import numpy as np
import pytest
from PIL import Image

from annota.jobs.errors import JobFailed
from annota.jobs.tracking.frames import ImageFrames
from annota.settings import Settings
from annota.storage.media_files import MediaFiles
from annota.storage.media_stores import media_store_for
from tests.jobs.scenes import Scene
from tests.services import url_or_skip


@pytest.fixture
def bucket_settings(tmp_path: Path) -> Settings:
    endpoint = url_or_skip("TEST_S3_URL", "S3")
    bucket = f"annota-track-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    )  # fmt: skip
    client.create_bucket(Bucket=bucket)
    return Settings(
        data_dir=tmp_path / "data",
        media_url=f"s3://{bucket}/media",
        s3_endpoint_url=endpoint,
        s3_region="us-east-1",
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )


def test_image_frames_are_read_from_a_bucket_through_the_local_cache(bucket_settings: Settings) -> None:
    scene = Scene(frames=2)
    store = media_store_for(bucket_settings)
    stored = {frame: store.put_stream(scene.jpeg(frame), max_bytes=10**6).hash for frame in range(2)}
    images = {f: (h, f"frame_{f}.jpg") for f, h in stored.items()}
    frames = ImageFrames(bucket_settings, MediaFiles(bucket_settings, {}, {}), images)

    pixels = frames.image(1)

    assert pixels.shape == (scene.height, scene.width, 3)
    assert np.array_equal(pixels, np.asarray(Image.open(io.BytesIO(scene.jpeg(1))).convert("RGB")))


def test_an_image_missing_from_the_store_fails_the_run_at_its_frame(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    frames = ImageFrames(settings, MediaFiles(settings, {}, {}), {3: ("f" * 64, "gone.jpg")})

    with pytest.raises(JobFailed) as failed:
        frames.image(3)

    assert failed.value.problems[0]["loc"] == ["frame", 3] and "gone.jpg" in failed.value.message
