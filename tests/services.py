"""External services for tests: skipped when absent locally, a failure when CI requires them.

CI sets ANNOTA_REQUIRE_SERVICES=1, so a missing service can never turn into a quietly skipped
test suite there.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_SERVICES = "ANNOTA_REQUIRE_SERVICES"


def services_required() -> bool:
    return os.environ.get(REQUIRE_SERVICES) == "1"


def url_or_skip(variable: str, service: str) -> str:
    """The URL in env `variable`; without it, skip (locally) or fail (when services are required)."""
    url = os.environ.get(variable)
    if url:
        return url
    reason = f"{service} not available: set {variable} (CI sets it)"
    if services_required():
        pytest.fail(f"{reason}; {REQUIRE_SERVICES}=1 makes a missing service a failure", pytrace=False)
    pytest.skip(reason)


def pg_url_or_skip() -> str:
    """`postgresql+psycopg://...` of a throwaway database from TEST_PG_URL."""
    return url_or_skip("TEST_PG_URL", "PostgreSQL")
