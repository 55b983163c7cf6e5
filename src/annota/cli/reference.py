"""`python -m annota.cli.reference > docs/cli.md`: the CLI reference, generated from the commands' help."""

from __future__ import annotations

import click

from annota.cli import main
from annota.cli.options import HELP_OPTIONS

HEADER = (
    "# Command-line reference\n\nGenerated from `annota --help` by `make docs`; a test keeps it current.\n"
)


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], [*path, name])
    return found


def render() -> str:
    sections = [HEADER]
    for path, command in _walk(main, ["annota"]):
        # The same help options as a real invocation, where the group's settings reach every command.
        context = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=80,
            max_content_width=80,
            help_option_names=HELP_OPTIONS,
        )
        with context:
            sections.append(
                f"\n## `{' '.join(path)}`\n\n```text\n{command.get_help(context).rstrip()}\n```\n"
            )
    return "".join(sections)


if __name__ == "__main__":
    click.echo(render(), nl=False)
