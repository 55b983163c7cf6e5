"""The `annota` command. Every command works on a data directory without a running server."""

from __future__ import annotations

import click

from annota import __version__
from annota.cli import backup, datasets, db, projects, quality, serve, users, worker
from annota.cli.options import HELP_OPTIONS


@click.group(context_settings={"help_option_names": HELP_OPTIONS})
@click.version_option(__version__, prog_name="annota")
def main() -> None:
    """annota: image and video annotation.

    Start the server with `annota serve`; manage users, tokens, projects and tasks with the
    other commands. Each takes --data DIR and --db URL, like `serve`.
    """


main.add_command(serve.serve)
main.add_command(users.user)
main.add_command(users.token)
main.add_command(projects.project)
main.add_command(projects.task)
main.add_command(datasets.formats)
main.add_command(datasets.import_)
main.add_command(datasets.export)
main.add_command(quality.quality_group)
main.add_command(worker.worker)
main.add_command(db.db)
main.add_command(backup.backup)
main.add_command(backup.restore)


def _same_help_options(command: click.Command) -> None:
    """`-h` works on every command, also when one is invoked on its own (tests, entry points)."""
    command.context_settings.setdefault("help_option_names", HELP_OPTIONS)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _same_help_options(sub)


_same_help_options(main)
