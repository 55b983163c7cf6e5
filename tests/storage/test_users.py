from __future__ import annotations

import pytest

from annota.storage import users
from annota.storage.db import Database
from annota.storage.errors import Conflict, InvalidValue, NotFound
from tests.storage.builders import a_project, a_user


def test_a_created_user_is_found_by_id_and_by_username(database: Database) -> None:
    with database.write() as session:
        user = users.create_user(session, username="ada", email="ada@example.org", password_hash="h")

    with database.session() as session:
        assert users.get_user(session, user.id).email == "ada@example.org"
        found = users.find_user_by_username(session, "ada")
        assert found is not None and found.id == user.id
        assert found.is_active and not found.is_admin and found.locale == "en"
        assert users.find_user_by_username(session, "bob") is None


def test_a_taken_username_is_a_conflict_and_leaves_the_transaction_usable(database: Database) -> None:
    with database.write() as session:
        a_user(session, "ada")
        with pytest.raises(Conflict, match="'ada' is already taken"):
            users.create_user(session, username="ada")
        users.create_user(session, username="bob")

    with database.session() as session:
        assert users.count_users(session) == 2


def test_an_unknown_user_is_not_found(database: Database) -> None:
    with database.session() as session, pytest.raises(NotFound) as error:
        users.get_user(session, 42)
    assert (error.value.entity, error.value.id) == ("user", 42)


def test_update_changes_allowed_fields_and_refuses_others_with_their_names(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        users.update_user(session, user.id, {"locale": "fr", "is_admin": True})
        with pytest.raises(InvalidValue) as error:
            users.update_user(session, user.id, {"id": 7, "username": " "})

    assert [(p.loc, p.type) for p in error.value.problems] == [
        (("id",), "read_only"),
        (("username",), "invalid_value"),
    ]
    with database.session() as session:
        updated = users.get_user(session, user.id)
        assert (updated.locale, updated.is_admin, updated.username) == ("fr", True, "ada")


def test_renaming_to_a_taken_username_is_a_conflict(database: Database) -> None:
    with database.write() as session:
        a_user(session, "ada")
        bob = a_user(session, "bob")
        with pytest.raises(Conflict):
            users.update_user(session, bob.id, {"username": "ada"})


def test_list_users_pages_sorts_and_filters(database: Database) -> None:
    with database.write() as session:
        for name in ["carol", "ada", "bob"]:
            a_user(session, name)
        users.update_user(session, users.get_user(session, 3).id, {"is_active": False})

    with database.session() as session:
        first = users.list_users(session, page=1, page_size=2)
        assert [u.username for u in first.items] == ["ada", "bob"]
        assert (first.count, first.pages) == (3, 2)
        assert [u.username for u in users.list_users(session, sort="-username").items] == [
            "carol",
            "bob",
            "ada",
        ]
        inactive = users.list_users(session, filters={"is_active": "false"})
        assert [u.username for u in inactive.items] == ["bob"]


def test_a_user_who_owns_a_project_cannot_be_deleted(database: Database) -> None:
    with database.write() as session:
        owner = a_user(session, "ada")
        a_project(session, owner)
        with pytest.raises(Conflict, match="still owns"):
            users.delete_user(session, owner.id)


def test_a_user_who_owns_nothing_is_deleted(database: Database) -> None:
    with database.write() as session:
        user = a_user(session)
        users.delete_user(session, user.id)
        assert users.count_users(session) == 0
