"""The one place that decides who may see and do what. Routes call these; they never check roles.

Confidentiality first: an object the caller may not see is reported as missing (`Hidden` → 404),
so ids from another organisation reveal nothing. An object the caller sees but may not change
raises `Forbidden` (403); one whose state refuses the action raises `Refused` (409).

- `relations`: who the caller is to a project, task, job or frame (site admin, organisation
  owner, project owner, manager, assignee, reviewer, self-assign pool);
- `rules`: which relations may take which action (a table; docs/permissions.md is rendered from it);
- `transitions`: who may move a job from which stage and state to which;
- `decisions`, `organizations`, `workflow`: the checks routes call;
- `clauses`: the same rules as WHERE clauses, for listings and their counts.
"""

from annota.auth.policy.clauses import (
    managed_projects,
    organization_audit,
    own_notifications,
    project_audit,
    visible_jobs,
    visible_media,
    visible_projects,
    visible_tasks,
)
from annota.auth.policy.decisions import (
    acting,
    job_relations,
    require_admin,
    require_guidelines_acknowledged,
    require_issue,
    require_job,
    require_media,
    require_notification,
    require_project,
    require_task,
    require_task_frames,
    require_webhook,
)
from annota.auth.policy.organizations import (
    allow_organization_creation,
    managed_organization_ids,
    organization_role,
    require_may_grant,
    require_organization_action,
    require_organization_manager,
    require_organization_role,
    require_project_creation,
)
from annota.auth.policy.relations import MANAGING, Relation, project_relations, project_role
from annota.auth.policy.rules import (
    MANAGER_ROLES,
    ORG_ROLES,
    ORGANIZATION_ACTIONS,
    PROJECT_ACTIONS,
    Access,
)
from annota.auth.policy.transitions import BY_ACTION, TRANSITIONS, Transition
from annota.auth.policy.workflow import (
    available_transitions,
    person_report_scope,
    require_assignable,
    require_qualified,
    require_seats_assignable,
    require_transition,
)

ALL_ROLES = ORG_ROLES

__all__ = [
    "ALL_ROLES",
    "BY_ACTION",
    "MANAGER_ROLES",
    "MANAGING",
    "ORGANIZATION_ACTIONS",
    "ORG_ROLES",
    "PROJECT_ACTIONS",
    "TRANSITIONS",
    "Access",
    "Relation",
    "Transition",
    "acting",
    "allow_organization_creation",
    "available_transitions",
    "job_relations",
    "managed_organization_ids",
    "managed_projects",
    "organization_audit",
    "organization_role",
    "own_notifications",
    "person_report_scope",
    "project_audit",
    "project_relations",
    "project_role",
    "require_admin",
    "require_assignable",
    "require_guidelines_acknowledged",
    "require_issue",
    "require_job",
    "require_may_grant",
    "require_media",
    "require_notification",
    "require_organization_action",
    "require_organization_manager",
    "require_organization_role",
    "require_project",
    "require_project_creation",
    "require_qualified",
    "require_seats_assignable",
    "require_task",
    "require_task_frames",
    "require_transition",
    "require_webhook",
    "visible_jobs",
    "visible_media",
    "visible_projects",
    "visible_tasks",
]
