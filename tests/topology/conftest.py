"""One embedded and one scaled topology per test session (each start costs tens of seconds on 2 cores);
on a failure, the logs of every process of the topology are printed."""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from tests.services import url_or_skip
from tests.topology.cluster import Cluster, Services, embedded, scaled

STALE_AFTER_S = 6.0  # the shortest the worker accepts: the fault tests wait for it


@pytest.fixture(scope="session")
def embedded_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with embedded(tmp_path_factory.mktemp("embedded")) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def scaled_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    services = Services(
        pg_url=url_or_skip("TEST_PG_URL", "PostgreSQL"),
        redis_url=url_or_skip("TEST_REDIS_URL", "Redis"),
        s3_url=url_or_skip("TEST_S3_URL", "S3"),
    )
    with scaled(tmp_path_factory.mktemp("scaled"), services, stale_after_s=STALE_AFTER_S) as cluster:
        yield cluster


@pytest.fixture(params=["embedded", "scaled"])
def cluster(request: pytest.FixtureRequest) -> Cluster:
    """Each topology in turn: the same scenario must pass on both."""
    running: Cluster = request.getfixturevalue(f"{request.param}_cluster")
    request.node.stash[CLUSTER] = running
    return running


@pytest.fixture
def scaled_only(request: pytest.FixtureRequest, scaled_cluster: Cluster) -> Cluster:
    request.node.stash[CLUSTER] = scaled_cluster
    return scaled_cluster


CLUSTER = pytest.StashKey[Cluster]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    running = item.stash.get(CLUSTER, None)
    if report.failed and running is not None:
        report.sections.append((f"{running.kind} topology logs", running.log_text()))
    return report
