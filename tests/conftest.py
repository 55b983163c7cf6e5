"""Test-wide settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings

from annota.auth import passwords

# Property tests judge results, never speed: a busy 2-core CI machine must not fail them on timing
# (benchmarks in bench/ measure speed). Derandomized: every run, CI's included, tries the same
# examples, so a pass is reproducible; `HYPOTHESIS_PROFILE=explore` draws new ones each run.
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("annota", settings.get_profile("explore"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "annota"))


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """argon2id with the smallest cost: production parameters take ~0.4 s per hash on 2 cores,
    which would dominate the API tests. The code path (hash, verify, rehash check) is the same."""
    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    passwords._hasher = production
