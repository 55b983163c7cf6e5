"""tests/services.py: a missing service is a skip locally and a failure where CI requires services."""

from __future__ import annotations

import pytest

from tests.services import pg_url_or_skip


def test_the_postgresql_url_comes_from_test_pg_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_PG_URL", "postgresql+psycopg://ci@db/annota_test")

    assert pg_url_or_skip() == "postgresql+psycopg://ci@db/annota_test"


def test_without_test_pg_url_postgresql_tests_are_skipped_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TEST_PG_URL", raising=False)
    monkeypatch.delenv("ANNOTA_REQUIRE_SERVICES", raising=False)

    with pytest.raises(
        pytest.skip.Exception, match=r"PostgreSQL not available: set TEST_PG_URL \(CI sets it\)"
    ):
        pg_url_or_skip()


def test_without_test_pg_url_postgresql_tests_fail_when_services_are_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TEST_PG_URL", raising=False)
    monkeypatch.setenv("ANNOTA_REQUIRE_SERVICES", "1")

    with pytest.raises(pytest.fail.Exception, match="ANNOTA_REQUIRE_SERVICES=1"):
        pg_url_or_skip()
