"""docs/permissions.md, rendered from the rule tables (a test keeps the file current).

Regenerate with: `python -m annota.auth.policy.document > docs/permissions.md`
"""

from __future__ import annotations

from annota.auth.policy.relations import Relation
from annota.auth.policy.rules import ORG_ROLES, ORGANIZATION_ACTIONS, PROJECT_ACTIONS
from annota.auth.policy.transitions import TRANSITIONS

RELATION_HEADINGS = {
    Relation.ADMIN: "site admin",
    Relation.ORG_OWNER: "org owner",
    Relation.PROJECT_OWNER: "project owner",
    Relation.MANAGER: "manager",
    Relation.REVIEWER: "reviewer of the job",
    Relation.ASSIGNEE: "assignee of the job",
    Relation.POOL: "pool member",
}

INTRO = """# Permissions

Who may do what, as built. Rendered from the tables in `annota.auth.policy` (`rules.py`,
`transitions.py`); `tests/auth/test_permissions_doc.py` fails when this file is out of date.
Regenerate: `python -m annota.auth.policy.document > docs/permissions.md`.

Answers: someone who may not see an object gets **404**, as if it did not exist (ids from another
organisation reveal nothing); someone who sees it but may not do this gets **403**; an action the
object's state refuses gets **409** with a reason (`guidelines_not_acknowledged`,
`transition_not_allowed`, `issues_open`...); no session or token gets **401**.
`tests/api/test_permission_matrix.py` checks every route against these rules for every role.

## Relations to a project, task, job or frame

- **site admin**: everything, everywhere.
- **org owner**: owner of the project's organisation; also manages every project in it.
- **project owner**: created the project (for an organisation's project: while still a member).
- **manager**: the manager role in the organisation, or on the project when the project lists its
  own members (a project with listed members is restricted to them, each with the role listed).
- **reviewer / assignee of the job**: the job's reviewer or assignee; for a project, task or frame:
  of some job in it (a frame counts when one of the person's jobs covers it). In an organisation's
  project this counts only while the person is a member with a role on the project.
- **pool member**: reviewer or annotator of a project whose self-assign pool is open.

Organisation reviewers and annotators without a job see nothing of a project (404) unless its
pool is open; they see their organisation and its members.
"""


def _mark(allowed: bool) -> str:
    return "✓" if allowed else ""


def project_table() -> str:
    relations = list(RELATION_HEADINGS)
    lines = [
        "| action | what it allows | " + " | ".join(RELATION_HEADINGS[r] for r in relations) + " |",
        "|---|---|" + "---|" * len(relations),
    ]
    for action, (text, allowed) in PROJECT_ACTIONS.items():
        cells = " | ".join(_mark(r in allowed) for r in relations)
        lines.append(f"| `{action}` | {text} | {cells} |")
    return "\n".join(lines)


def organization_table() -> str:
    lines = [
        "| action | what it allows | site admin | " + " | ".join(ORG_ROLES) + " |",
        "|---|---|---|" + "---|" * len(ORG_ROLES),
    ]
    for action, (text, roles) in ORGANIZATION_ACTIONS.items():
        cells = " | ".join(_mark(r in roles) for r in ORG_ROLES)
        lines.append(f"| `{action}` | {text} | ✓ | {cells} |")
    return "\n".join(lines)


def transition_table() -> str:
    lines = ["| action | from stage | from states | to (stage, state) | who | |", "|---|---|---|---|---|---|"]
    managing = {Relation.ADMIN, Relation.ORG_OWNER, Relation.PROJECT_OWNER, Relation.MANAGER}
    for t in TRANSITIONS:
        who = [
            "managers",
            *(RELATION_HEADINGS[r] for r in RELATION_HEADINGS if r in t.by and r not in managing),
        ]
        states = ", ".join(sorted(t.states))
        to = f"{t.to_stage}, {t.to_state}"
        lines.append(f"| `{t.action}` | {t.stage} | {states} | {to} | {', '.join(who)} | {t.description} |")
    return "\n".join(lines)


def render() -> str:
    return "\n".join(
        [
            INTRO,
            "## Project, task, job and frame actions\n",
            project_table(),
            "\n## Organisation actions\n",
            "Non-members get 404; only owners (and site admins) grant or take away the owner and manager",
            "roles, by adding members, changing roles or inviting.\n",
            organization_table(),
            "\n## Job workflow\n",
            "Managers (site admin, org owner, project owner, manager) may take every transition; they may",
            "also set stage and state directly (`PATCH /api/jobs/{id}`).\n",
            transition_table(),
            "",
        ]
    )


if __name__ == "__main__":
    print(render(), end="")
