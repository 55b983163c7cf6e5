"""The decisions routes ask for: each loads the object, finds the caller's relations to it and
checks them against the tables in `rules.py`.

Confidentiality first: an object the caller may not see is reported as missing (`Hidden` → 404),
so ids from another organisation reveal nothing; one the caller sees but may not change raises
`Forbidden` (403); one whose state refuses the action raises `Refused` (409).

Every decision also names the caller as the actor of the session, so changes made in it are
written to the audit log, notified and sent to webhooks (`annota.storage.team_events`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from annota.auth.errors import Forbidden, Hidden, Refused
from annota.auth.policy import relations as rel
from annota.auth.policy.rules import ACCESS_ACTIONS, PROJECT_ACTIONS, VIEW_ACTION, Access, allowed
from annota.auth.principal import Principal
from annota.storage import team_events, team_guidelines
from annota.storage.tables import Job, MediaItem, Project, Task
from annota.storage.team_tables import Issue, Notification, Webhook

Relations = frozenset[rel.Relation]


def acting(session: Session, principal: Principal) -> None:
    """Record `principal` as who acts in this session (for the audit log and notifications)."""
    team_events.attach(session, team_events.Actor(principal.user_id, principal.username))


def _decide(relations: Relations, entity: str, action: str, ident: object) -> None:
    if not allowed(VIEW_ACTION[entity], relations):
        raise Hidden(entity, ident)
    if not allowed(action, relations):
        verb = action.split(".", 1)[1].replace("_", " ")
        raise Forbidden(verb, entity)


def _action(entity: str, needed: Access | str) -> str:
    if isinstance(needed, str):
        if needed not in PROJECT_ACTIONS:
            raise KeyError(f"unknown action {needed!r}")
        return needed
    return ACCESS_ACTIONS[entity][needed]


def _project_of_task(session: Session, task: Task) -> Project:
    project = session.get(Project, task.project_id)
    if project is None:  # the foreign key forbids it; a dangling row is hidden, never shown
        raise Hidden("task", task.id)
    return project


def _task_of_job(session: Session, job: Job) -> Task:
    task = session.get(Task, job.task_id)
    if task is None:
        raise Hidden("job", job.id)
    return task


def require_project(
    session: Session, principal: Principal, project_id: int, needed: Access | str = Access.VIEW
) -> Project:
    acting(session, principal)
    project = session.get(Project, project_id)
    if project is None:
        raise Hidden("project", project_id)
    _decide(
        rel.project_relations(session, principal, project), "project", _action("project", needed), project_id
    )
    return project


def require_task(
    session: Session, principal: Principal, task_id: int, needed: Access | str = Access.VIEW
) -> Task:
    acting(session, principal)
    task = session.get(Task, task_id)
    if task is None:
        raise Hidden("task", task_id)
    project = _project_of_task(session, task)
    _decide(rel.task_relations(session, principal, task, project), "task", _action("task", needed), task_id)
    return task


def job_relations(session: Session, principal: Principal, job: Job) -> Relations:
    project = _project_of_task(session, _task_of_job(session, job))
    return rel.job_relations(session, principal, job, project)


def require_job(
    session: Session, principal: Principal, job_id: int, needed: Access | str = Access.VIEW
) -> Job:
    """The job if the caller may do `needed` to it. Saving annotations (ANNOTATE) also needs the
    project's current guidelines acknowledged by anyone who does not manage the project."""
    acting(session, principal)
    job = session.get(Job, job_id)
    if job is None:
        raise Hidden("job", job_id)
    relations = job_relations(session, principal, job)
    action = _action("job", needed)
    _decide(relations, "job", action, job_id)
    if action == "job.annotate" and not relations & rel.MANAGING:
        require_guidelines_acknowledged(session, principal, _task_of_job(session, job).project_id)
    return job


def require_guidelines_acknowledged(session: Session, principal: Principal, project_id: int) -> None:
    current = team_guidelines.current_version(session, project_id)
    if current is None or team_guidelines.acknowledged(session, project_id, principal.user_id, current):
        return
    raise Refused(
        "guidelines_not_acknowledged",
        f"acknowledge version {current} of the project's guidelines before working "
        f"(POST /api/projects/{project_id}/guidelines/acknowledge)",
        ("path", "job_id"),
    )


def require_task_frames(session: Session, principal: Principal, task_id: int, frames: range) -> Task:
    """The task if the caller may see every frame in `frames` (a frame, or a chunk's frames)."""
    acting(session, principal)
    task = session.get(Task, task_id)
    if task is None:
        raise Hidden("task", task_id)
    project = _project_of_task(session, task)
    if not allowed("task.view", rel.task_relations(session, principal, task, project)):
        raise Hidden("task", task_id)
    if not allowed("media.view", rel.frames_relations(session, principal, task, project, frames)):
        raise Hidden("frame", frames.start)
    return task


def require_media(session: Session, principal: Principal, media_id: int) -> MediaItem:
    acting(session, principal)
    item = session.get(MediaItem, media_id)
    task = session.get(Task, item.task_id) if item is not None else None
    if item is None or task is None:
        raise Hidden("media", media_id)
    project = _project_of_task(session, task)
    frames = range(item.frame, item.frame + 1)
    if not allowed("media.view", rel.frames_relations(session, principal, task, project, frames)):
        raise Hidden("media", media_id)
    return item


def require_issue(session: Session, principal: Principal, issue_id: int, action: str) -> tuple[Issue, Job]:
    acting(session, principal)
    issue = session.get(Issue, issue_id)
    job = session.get(Job, issue.job_id) if issue is not None else None
    if issue is None or job is None:
        raise Hidden("issue", issue_id)
    _decide(job_relations(session, principal, job), "issue", action, issue_id)
    return issue, job


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("administer", "site")


def require_webhook(session: Session, principal: Principal, webhook_id: int) -> Webhook:
    """Webhooks are managed with their project; people who do not see the project do not see them."""
    acting(session, principal)
    hook = session.get(Webhook, webhook_id)
    project = session.get(Project, hook.project_id) if hook is not None else None
    if hook is None or project is None:
        raise Hidden("webhook", webhook_id)
    relations = rel.project_relations(session, principal, project)
    if not allowed("project.view", relations):
        raise Hidden("webhook", webhook_id)
    if not allowed("project.manage", relations):
        raise Forbidden("manage", "webhook")
    return hook


def require_notification(session: Session, principal: Principal, notification_id: int) -> Notification:
    """A notification is its recipient's alone."""
    acting(session, principal)
    found = session.get(Notification, notification_id)
    if found is None or found.user_id != principal.user_id:
        raise Hidden("notification", notification_id)
    return found
