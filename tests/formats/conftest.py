"""A data directory with a migrated SQLite database and an `admin` user, as the CLI would use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annota.settings import Settings
from annota.storage import users
from annota.storage.db import Database


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    database = Database.open(settings)
    with database.write() as session:
        users.create_user(session, username="admin", password_hash="x")
    yield database
    database.dispose()


@pytest.fixture
def admin_id(database: Database) -> int:
    with database.session() as session:
        user = users.find_user_by_username(session, "admin")
        assert user is not None
        return user.id
