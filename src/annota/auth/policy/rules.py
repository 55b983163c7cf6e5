"""The rules as tables: which relations may do which action, and which organisation roles may.

These tables decide (annota.auth.policy.decisions reads them) and document
(`docs/permissions.md` is rendered from them and a test keeps it current). Change a rule here.
"""

from __future__ import annotations

from enum import IntEnum

from annota.auth.policy.relations import MANAGING, Relation

ASSIGNEE, REVIEWER, POOL = Relation.ASSIGNEE, Relation.REVIEWER, Relation.POOL
WORKERS = MANAGING | {ASSIGNEE, REVIEWER}


class Access(IntEnum):
    """The coarse levels the foundation's routes ask for; each maps to an action per entity."""

    NONE = 0
    VIEW = 1  # see it and what is in it
    ANNOTATE = 2  # save annotations in its jobs
    MANAGE = 3  # change settings, labels, tasks, media; delete


# Project-side actions: (what it lets you do, relations allowed). A caller without any relation
# in the entity's `*.view` row does not see the entity at all (404); with one, a refused action is 403.
PROJECT_ACTIONS: dict[str, tuple[str, frozenset[Relation]]] = {
    "project.view": ("see the project, its labels, guidelines and guideline images", WORKERS | {POOL}),
    "project.manage": (
        "change settings, labels, members, workflow, guidelines and webhooks; add tasks; delete",
        MANAGING,
    ),
    "project.report": ("see the dashboard, time reports and audit log", MANAGING),
    "pool.claim": ("take the next unassigned job from the self-assign pool", MANAGING | {POOL}),
    "guidelines.acknowledge": ("acknowledge the current guidelines", WORKERS | {POOL}),
    "task.view": ("see the task and its video description", WORKERS),
    "task.manage": ("change or delete the task, add media", MANAGING),
    "media.view": ("see a frame's media (original, display, thumbnail, frame, chunk)", WORKERS),
    "job.view": ("see the job, its annotations and issues", WORKERS),
    "job.annotate": ("save annotations in the job", WORKERS),
    "job.manage": ("assign the job, change its priority, deadline, stage and state", MANAGING),
    "job.track_time": ("send activity heartbeats for the job", WORKERS),
    "issue.open": ("pin a new issue on a frame of the job", MANAGING | {REVIEWER}),
    "issue.comment": ("comment on an issue of the job", WORKERS),
    "issue.resolve": ("resolve an issue of the job", WORKERS),
    "issue.reopen": ("reopen a resolved issue of the job", MANAGING | {REVIEWER}),
}

# What each entity's visibility is decided by.
VIEW_ACTION = {
    "project": "project.view",
    "task": "task.view",
    "job": "job.view",
    "media": "media.view",
    "issue": "job.view",
}

ACCESS_ACTIONS: dict[str, dict[Access, str]] = {
    "project": {
        Access.VIEW: "project.view",
        Access.ANNOTATE: "project.view",
        Access.MANAGE: "project.manage",
    },
    "task": {Access.VIEW: "task.view", Access.ANNOTATE: "task.view", Access.MANAGE: "task.manage"},
    "job": {Access.VIEW: "job.view", Access.ANNOTATE: "job.annotate", Access.MANAGE: "job.manage"},
}

ORG_ROLES = ("owner", "manager", "reviewer", "annotator")
MANAGER_ROLES = ("owner", "manager")

# Organisation-side actions by organisation role (a site admin may do all of them). Non-members
# do not see the organisation (404); members without the role get 403.
ORGANIZATION_ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization.view": ("see the organisation and its members", ORG_ROLES),
    "organization.update": ("rename the organisation, delete it, change members' roles", ("owner",)),
    "members.manage": ("add and remove members, invite (owners and managers only by owners)", MANAGER_ROLES),
    "projects.create": ("create projects in the organisation", MANAGER_ROLES),
    "organization.audit": ("read the organisation's audit log", MANAGER_ROLES),
}


def allowed(action: str, relations: frozenset[Relation]) -> bool:
    return bool(PROJECT_ACTIONS[action][1] & relations)
