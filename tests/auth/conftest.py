"""The API fixtures (a migrated template database, people with logged-in clients) for auth tests."""

from tests.api.conftest import app_client, database, migrated_database_file, settings, users

__all__ = ["app_client", "database", "migrated_database_file", "settings", "users"]
