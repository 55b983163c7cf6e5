"""Docs that cannot go stale."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from annota.cli import reference
from annota.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text() == reference.render(), "run `make docs`"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    missing = [f.name for f in dataclasses.fields(Settings) if f"`{f.name}`" not in text]
    assert not missing, f"docs/configuration.md lacks {missing}"


def test_the_readme_starts_with_the_two_set_up_commands() -> None:
    text = (ROOT / "README.md").read_text()
    quick_start = text.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick_start and "make test" in quick_start


def test_every_adr_has_status_context_decision_and_consequences() -> None:
    for adr in sorted((ROOT / "docs" / "adr").glob("*.md")):
        text = adr.read_text()
        for part in ("Status:", "## Context", "## Decision", "## Consequences"):
            assert part in text, f"{adr.name} lacks {part}"
