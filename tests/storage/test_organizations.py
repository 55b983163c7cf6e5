from __future__ import annotations

import pytest

from annota.storage import organizations as orgs
from annota.storage import projects
from annota.storage.db import Database
from annota.storage.errors import Conflict, InvalidValue, NotFound
from tests.storage.builders import a_user


def test_the_creator_of_an_organization_is_its_owner(database: Database) -> None:
    with database.write() as session:
        ada = a_user(session)
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)

    with database.session() as session:
        membership = orgs.get_membership(session, org.id, ada.id)
        assert membership is not None and membership.role == "owner"
        found = orgs.find_organization_by_slug(session, "acme")
        assert found is not None and found.id == org.id


def test_slugs_are_unique(database: Database) -> None:
    with database.write() as session:
        ada = a_user(session)
        orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        with pytest.raises(Conflict, match="'acme' is already taken"):
            orgs.create_organization(session, slug="acme", name="Other", owner_id=ada.id)


def test_a_user_is_a_member_of_an_organization_once(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        orgs.add_member(session, org.id, bob.id, "annotator")
        with pytest.raises(Conflict, match="already a member"):
            orgs.add_member(session, org.id, bob.id, "reviewer")
        assert [m.role for m in orgs.list_members(session, org.id)] == ["owner", "annotator"]


def test_an_unknown_role_is_refused_with_its_field(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        with pytest.raises(InvalidValue) as error:
            orgs.add_member(session, org.id, bob.id, "boss")
    assert error.value.problems[0].loc == ("role",)


def test_the_last_owner_can_be_neither_demoted_nor_removed(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        with pytest.raises(Conflict, match="at least one owner"):
            orgs.set_member_role(session, org.id, ada.id, "manager")
        with pytest.raises(Conflict, match="at least one owner"):
            orgs.remove_member(session, org.id, ada.id)

        orgs.add_member(session, org.id, bob.id, "owner")
        orgs.set_member_role(session, org.id, ada.id, "manager")
        orgs.remove_member(session, org.id, ada.id)
        assert [m.user_id for m in orgs.list_members(session, org.id)] == [bob.id]


def test_removing_a_non_member_is_not_found(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        with pytest.raises(NotFound):
            orgs.remove_member(session, org.id, bob.id)


def test_organizations_are_listed_for_a_member(database: Database) -> None:
    with database.write() as session:
        ada, bob = a_user(session, "ada"), a_user(session, "bob")
        orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        orgs.create_organization(session, slug="bobco", name="Bobco", owner_id=bob.id)

    with database.session() as session:
        assert [o.slug for o in orgs.list_organizations(session, member_id=bob.id).items] == ["bobco"]
        assert orgs.list_organizations(session).count == 2


def test_an_organization_with_projects_cannot_be_deleted(database: Database) -> None:
    with database.write() as session:
        ada = a_user(session)
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        projects.create_project(session, owner_id=ada.id, name="Birds", organization_id=org.id)
        with pytest.raises(Conflict, match="still has projects"):
            orgs.delete_organization(session, org.id)


def test_deleting_an_organization_deletes_its_memberships(database: Database) -> None:
    with database.write() as session:
        ada = a_user(session)
        org = orgs.create_organization(session, slug="acme", name="Acme", owner_id=ada.id)
        orgs.delete_organization(session, org.id)

        assert orgs.get_membership(session, org.id, ada.id) is None
        with pytest.raises(NotFound):
            orgs.get_organization(session, org.id)
