from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from annota.storage import credentials, users
from annota.storage.db import Database
from annota.storage.errors import Conflict, NotFound
from tests.storage.builders import a_user

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_an_api_token_is_found_by_hash_until_revoked(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        token = credentials.create_api_token(session, user.id, name="ci", prefix="ann_abcd", token_hash="h1")
        assert credentials.find_active_api_token(session, "h1", NOW) is not None

        credentials.revoke_api_token(session, user.id, token.id, NOW)

        assert credentials.find_active_api_token(session, "h1", NOW) is None
        assert credentials.list_api_tokens(session, user.id)[0].revoked_at == NOW


def test_an_expired_api_token_is_not_found(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        credentials.create_api_token(session, user.id, name="ci", prefix="p", token_hash="h1", expires_at=NOW)

        assert credentials.find_active_api_token(session, "h1", NOW - timedelta(seconds=1)) is not None
        assert credentials.find_active_api_token(session, "h1", NOW) is None


def test_token_hashes_are_unique(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        credentials.create_api_token(session, user.id, name="a", prefix="p", token_hash="same")
        with pytest.raises(Conflict):
            credentials.create_api_token(session, user.id, name="b", prefix="p", token_hash="same")


def test_another_users_token_is_not_found(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        token = credentials.create_api_token(session, ada.id, name="ci", prefix="p", token_hash="h1")
        with pytest.raises(NotFound):
            credentials.revoke_api_token(session, bob.id, token.id, NOW)


def test_touching_a_token_records_its_last_use(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        token = credentials.create_api_token(session, user.id, name="ci", prefix="p", token_hash="h1")
        credentials.touch_api_token(session, token.id, NOW)

    with database.session() as session:
        assert credentials.list_api_tokens(session, user.id)[0].last_used_at == NOW


def test_a_login_session_is_found_until_it_expires(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        credentials.create_login_session(
            session, session_hash="s1", user_id=user.id, csrf_token="c", expires_at=NOW
        )

        found = credentials.find_login_session(session, "s1", NOW - timedelta(seconds=1))
        assert found is not None and found.csrf_token == "c"
        assert credentials.find_login_session(session, "s1", NOW) is None


def test_expired_sessions_are_deleted_and_live_ones_kept(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        for name, expires in [("old", NOW - timedelta(hours=1)), ("live", NOW + timedelta(hours=1))]:
            credentials.create_login_session(
                session, session_hash=name, user_id=user.id, csrf_token="c", expires_at=expires
            )

        assert credentials.delete_expired_sessions(session, NOW) == 1
        assert credentials.find_login_session(session, "live", NOW) is not None


def test_logging_a_user_out_everywhere_deletes_all_their_sessions(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        for n, user in enumerate([ada, ada, bob]):
            credentials.create_login_session(
                session, session_hash=f"s{n}", user_id=user.id, csrf_token="c", expires_at=NOW
            )

        assert credentials.delete_user_sessions(session, ada.id) == 2
        credentials.delete_login_session(session, "s2")
        assert credentials.find_login_session(session, "s2", NOW - timedelta(days=1)) is None


def test_deleting_a_user_deletes_their_tokens_and_sessions(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        credentials.create_api_token(session, user.id, name="ci", prefix="p", token_hash="h1")
        credentials.create_login_session(
            session, session_hash="s1", user_id=user.id, csrf_token="c", expires_at=NOW
        )
        users.delete_user(session, user.id)

        assert credentials.find_active_api_token(session, "h1", NOW) is None
        assert credentials.find_login_session(session, "s1", NOW - timedelta(days=1)) is None
