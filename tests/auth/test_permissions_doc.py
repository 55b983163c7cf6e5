"""docs/permissions.md is the rule tables, rendered: it cannot go stale."""

from __future__ import annotations

from pathlib import Path

from annota.auth.policy import document
from annota.auth.policy.rules import ORGANIZATION_ACTIONS, PROJECT_ACTIONS
from annota.auth.policy.transitions import TRANSITIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_the_permissions_doc_is_the_rule_tables_rendered() -> None:
    assert DOC.read_text() == document.render(), (
        "run: python -m annota.auth.policy.document > docs/permissions.md"
    )


def test_every_action_and_transition_is_in_the_doc() -> None:
    text = DOC.read_text()
    names = [*PROJECT_ACTIONS, *ORGANIZATION_ACTIONS, *(t.action for t in TRANSITIONS)]

    assert [name for name in names if f"`{name}`" not in text] == []
