"""`annota user add` and `annota token create`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annota.auth import accounts
from annota.cli.context import data_options, fail_on_storage_error, opened, settings_from
from annota.storage import users as user_rows
from annota.storage.errors import StorageError


@click.group()
def user() -> None:
    """Manage user accounts."""


@user.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="Make the user a site administrator.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--email", default=None)
@data_options
def add_user(
    name: str, admin: bool, password_stdin: bool, email: str | None, data_dir: Path, db_url: str | None
) -> None:
    """Create user NAME. Without --password-stdin a password is generated and printed once."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else accounts.generate_password()
    with opened(settings_from(data_dir, db_url)) as database:
        try:
            with database.write() as session:
                accounts.create_user(session, name, password, is_admin=admin, email=email)
        except StorageError as error:
            raise fail_on_storage_error(error) from error
    click.echo(f"created {'admin ' if admin else ''}user {name}")
    if not password_stdin:
        click.echo(f"password: {password}")


@click.group()
def token() -> None:
    """Manage API tokens (for the SDK and scripts: `Authorization: Bearer <token>`)."""


@token.command("create")
@click.argument("name")
@click.option("--user", "username", default="admin", show_default=True, help="Whose token it is.")
@data_options
def create_token(name: str, username: str, data_dir: Path, db_url: str | None) -> None:
    """Create an API token called NAME and print it (it is shown only once)."""
    with opened(settings_from(data_dir, db_url)) as database, database.write() as session:
        owner = user_rows.find_user_by_username(session, username)
        if owner is None:
            raise click.ClickException(f"no user {username!r}; create one with `annota user add`")
        _, secret = accounts.create_token(session, owner.id, name)
    click.echo(secret)
