"""An annota app on a temporary data directory, and clients logged in as various people.

The deployment behind it is `ANNOTA_TEST_TOPOLOGY`'s (tests/api/topologies.py): SQLite, local files and
the embedded queue by default; PostgreSQL, S3 and Redis with `scaled`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.api.deps import CSRF_COOKIE, CSRF_HEADER
from annota.auth import accounts
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.topologies import ScaledServices, scaled
from tests.storage.conftest import truncate_all

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def migrated_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once; each test starts from a copy (migrating takes ~0.4 s)."""
    data_dir = tmp_path_factory.mktemp("template")
    Database.open(Settings(data_dir=data_dir)).dispose()
    return data_dir / "annota.db"


@pytest.fixture(scope="session")
def scaled_services() -> ScaledServices:
    return ScaledServices()


@pytest.fixture
def topology_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """The test's deployment (see tests/api/topologies.py); a module that needs other settings derives
    its own `settings` from these with `dataclasses.replace`."""
    share = tmp_path / "share"
    share.mkdir()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if scaled():
        services: ScaledServices = request.getfixturevalue("scaled_services")
        return services.settings(data_dir, share)
    shutil.copyfile(request.getfixturevalue("migrated_database_file"), data_dir / "annota.db")
    return Settings(data_dir=data_dir, share_root=share)


@pytest.fixture
def settings(topology_settings: Settings) -> Settings:
    return topology_settings


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database.open(settings, migrate=not scaled())
    yield db
    if db.dialect == "postgresql":
        truncate_all(db)
    db.dispose()


@pytest.fixture
def app_client(settings: Settings, database: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, database=database), raise_server_exceptions=False) as client:
        yield client


class Users:
    """Creates users and hands out a logged-in client for each."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self._clients: list[TestClient] = []

    def create(self, username: str, *, admin: bool = False) -> int:
        with self.database.write() as session:
            return accounts.create_user(session, username, PASSWORD, is_admin=admin).id

    def client(self, username: str, *, admin: bool = False) -> TestClient:
        """A client logged in as `username` (created if needed), sending the CSRF header."""
        with self.database.session() as session:
            from annota.storage.users import find_user_by_username

            exists = find_user_by_username(session, username) is not None
        if not exists:
            self.create(username, admin=admin)
        client = TestClient(create_app(self.settings, database=self.database), raise_server_exceptions=False)
        client.__enter__()
        self._clients.append(client)
        answer = client.post("/api/auth/login", json={"username": username, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.headers[CSRF_HEADER] = client.cookies[CSRF_COOKIE]
        return client

    def close(self) -> None:
        for client in self._clients:
            client.__exit__(None, None, None)


@pytest.fixture
def users(settings: Settings, database: Database) -> Iterator[Users]:
    made = Users(settings, database)
    yield made
    made.close()


@pytest.fixture
def admin(users: Users) -> TestClient:
    return users.client("admin", admin=True)


@pytest.fixture
def alice(users: Users) -> TestClient:
    return users.client("alice")


@pytest.fixture
def bob(users: Users) -> TestClient:
    return users.client("bob")


def assert_error(
    answer: object, status: int, type: str, loc: list[object] | None = None
) -> dict[str, object]:
    """The answer is in the one error shape with this status and an error of this type (and loc)."""
    body = answer.json()  # type: ignore[attr-defined]
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    assert body["ok"] is False and body["status"] == status
    assert all(set(e) == {"loc", "msg", "type"} for e in body["errors"]), body
    matching = [e for e in body["errors"] if e["type"] == type and (loc is None or e["loc"] == loc)]
    assert matching, body
    return body
