"""Which deployment the API tests run on: `ANNOTA_TEST_TOPOLOGY=embedded` (the default: SQLite, local
media files, the embedded queue) or `scaled` (PostgreSQL, an S3 bucket, Redis; from TEST_PG_URL,
TEST_S3_URL and TEST_REDIS_URL). `make test` runs the API suite once on each.

Scaled isolation: one PostgreSQL schema migrated per session and every table truncated after each
test; a fresh prefix in one bucket per test; a Redis queue name of its own per test, flushed after it.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import boto3
import pytest

from annota.settings import Settings
from annota.storage.db import create_engine_for, upgrade
from tests.services import pg_url_or_skip, url_or_skip

TOPOLOGY_VARIABLE = "ANNOTA_TEST_TOPOLOGY"
TOPOLOGIES = ("embedded", "scaled")
BUCKET = "annota-api-tests"


def topology() -> str:
    chosen = os.environ.get(TOPOLOGY_VARIABLE, "embedded")
    if chosen not in TOPOLOGIES:
        raise pytest.UsageError(f"{TOPOLOGY_VARIABLE}={chosen!r}: expected one of {', '.join(TOPOLOGIES)}")
    return chosen


def scaled() -> bool:
    return topology() == "scaled"


class ScaledServices:
    """PostgreSQL migrated once, the bucket created once, and Redis: what every scaled test shares."""

    def __init__(self) -> None:
        self.pg_url = pg_url_or_skip()
        self.s3_url = url_or_skip("TEST_S3_URL", "S3")
        self.redis_url = url_or_skip("TEST_REDIS_URL", "Redis")
        engine = create_engine_for(self.pg_url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        upgrade(engine)
        engine.dispose()
        s3 = boto3.client(
            "s3", endpoint_url=self.s3_url, region_name="us-east-1",
            aws_access_key_id="test", aws_secret_access_key="test",
        )  # fmt: skip
        existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
        if BUCKET not in existing:
            s3.create_bucket(Bucket=BUCKET)

    def settings(self, data_dir: Path, share_root: Path) -> Settings:
        """Settings of one test: the shared engines, with a media prefix and a queue name of its own."""
        own = uuid.uuid4().hex[:12]
        return Settings(
            data_dir=data_dir,
            share_root=share_root,
            database_url=self.pg_url,
            media_url=f"s3://{BUCKET}/{own}/media",
            s3_endpoint_url=self.s3_url,
            queue_url=self.redis_url,
            s3_region="us-east-1",
            s3_access_key_id="test",
            s3_secret_access_key="test",
            extra={"queue_name": f"api-test-{own}"},
        )


def s3_client(settings: Settings):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3", endpoint_url=settings.s3_endpoint_url, region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id, aws_secret_access_key=settings.s3_secret_access_key,
    )  # fmt: skip


def stored_media(settings: Settings) -> list[str]:
    """Every object in the test's media store: keys under its bucket prefix, or files under media_dir."""
    if settings.media_url and settings.media_url.startswith("s3://"):
        bucket, _, prefix = settings.media_url.removeprefix("s3://").partition("/")
        pages = s3_client(settings).get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", []))
    return sorted(str(p) for p in settings.media_dir.rglob("*") if p.is_file())
