from __future__ import annotations

import pytest
from sqlalchemy import select

from annota.storage.db import Database
from annota.storage.errors import InvalidQuery
from annota.storage.pagination import paginate
from annota.storage.tables import Organization, User
from tests.storage.builders import a_user

COLUMNS = {"id": User.id, "username": User.username, "is_admin": User.is_admin, "email": User.email}


def users_page(database: Database, **options: object) -> list[str]:
    with database.session() as session:
        page = paginate(session, select(User), columns=COLUMNS, unique_key=User.id, **options)  # type: ignore[arg-type]
        return [user.username for user in page.items]


@pytest.fixture
def five_users(database: Database) -> Database:
    with database.write() as session:
        for n, name in enumerate(["eve", "bob", "dan", "ada", "cid"]):
            user = a_user(session, name)
            user.is_admin = n % 2 == 0
            user.email = None if name == "dan" else f"{name}@example.org"
    return database


def test_sort_accepts_several_columns_and_descending_ones(five_users: Database) -> None:
    assert users_page(five_users, sort="-is_admin,username") == ["cid", "dan", "eve", "ada", "bob"]


def test_pages_never_overlap_even_when_the_sort_has_ties(five_users: Database) -> None:
    pages = [users_page(five_users, sort="is_admin", page=n, page_size=2) for n in (1, 2, 3)]

    assert sorted(name for page in pages for name in page) == ["ada", "bob", "cid", "dan", "eve"]


def test_filters_compare_for_equality_null_and_membership(five_users: Database) -> None:
    assert users_page(five_users, filters={"is_admin": "true"}, sort="username") == ["cid", "dan", "eve"]
    assert users_page(five_users, filters={"email": None}) == ["dan"]
    assert users_page(five_users, filters={"username": ["ada", "bob"]}, sort="username") == ["ada", "bob"]
    assert users_page(five_users, filters={"id": "1"}) == ["eve"]


def test_the_count_is_of_all_matching_rows_not_of_the_page(five_users: Database) -> None:
    with five_users.session() as session:
        page = paginate(
            session,
            select(User),
            columns=COLUMNS,
            unique_key=User.id,
            page=2,
            page_size=2,
            filters={"is_admin": False},
        )
    assert (len(page.items), page.count, page.pages) == (0, 2, 1)


def test_an_unknown_sort_or_filter_column_and_bad_page_numbers_are_all_reported(database: Database) -> None:
    with database.session() as session, pytest.raises(InvalidQuery) as error:
        paginate(
            session,
            select(User),
            columns=COLUMNS,
            unique_key=User.id,
            page=0,
            page_size=100_000,
            sort="username,-password_hash",
            filters={"created_at": "x", "id": "one"},
        )

    assert [(p.loc, p.type) for p in error.value.problems] == [
        (("query", "page"), "invalid_page"),
        (("query", "page_size"), "invalid_page_size"),
        (("query", "sort"), "invalid_sort"),
        (("query", "created_at"), "invalid_filter"),
        (("query", "id"), "invalid_filter"),
    ]
    assert "allowed: email, id, is_admin, username" in error.value.problems[2].msg


def test_paginate_returns_the_entities_of_any_select(database: Database) -> None:
    with database.write() as session:
        session.add_all([Organization(slug="b", name="B"), Organization(slug="a", name="A")])

    with database.session() as session:
        page = paginate(
            session,
            select(Organization),
            columns={"slug": Organization.slug},
            unique_key=Organization.id,
            sort="slug",
        )
    assert [org.slug for org in page.items] == ["a", "b"]
