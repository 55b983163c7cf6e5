"""Which changed rows make which facts: one tracker per tracked table, registered in TRACKERS.

A tracker gets the row and what changed (`{field: (old, new)}`, empty for inserts and deletes)
and returns audit entries, notices and webhook events. Runs inside the flush: reads go through
the flush's connection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, inspect, select
from sqlalchemy.orm import Session

from annota.storage.tables import Job, Label, Membership, Organization, Project, Task
from annota.storage.team_events import Actor, Audit, Fact, HookEvent, Notice
from annota.storage.team_tables import (
    GuidelineVersion,
    Invitation,
    Issue,
    IssueComment,
    ProjectMember,
    ProjectWorkflow,
    Webhook,
)
from annota.storage.types import utcnow

Changes = dict[str, tuple[Any, Any]]
Tracker = Callable[[Connection, Any, str, Changes, Actor | None], list[Fact]]


def facts_of_flush(connection: Connection, session: Session, actor: Actor | None) -> list[Fact]:
    facts: list[Fact] = []
    for action, rows in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for row in list(rows):
            tracker = TRACKERS.get(type(row))
            if tracker is None:
                continue
            changes = changes_of(row) if action == "update" else {}
            if action == "update" and not changes:
                continue
            facts.extend(tracker(connection, row, action, changes, actor))
    return facts


def changes_of(row: Any) -> Changes:
    changes: Changes = {}
    for attr in inspect(row).mapper.column_attrs:
        history = inspect(row).attrs[attr.key].history
        if history.added:
            old = history.deleted[0] if history.deleted else None
            if old != history.added[0]:
                changes[attr.key] = (old, history.added[0])
    return changes


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _summary(changes: Changes, hide: tuple[str, ...] = ("updated_at",)) -> dict[str, Any]:
    return {k: [_plain(old), _plain(new)] for k, (old, new) in changes.items() if k not in hide}


def _organization_of(connection: Connection, project_id: int | None) -> int | None:
    if project_id is None:
        return None
    return connection.scalar(select(Project.organization_id).where(Project.id == project_id))


def _project_of_task(connection: Connection, task_id: int) -> int | None:
    return connection.scalar(select(Task.project_id).where(Task.id == task_id))


def _audit(connection: Connection, entity: str, ident: object, action: str, summary: dict[str, Any],
           project_id: int | None) -> Audit:  # fmt: skip
    return Audit(entity, ident, action, summary, project_id, _organization_of(connection, project_id))


def _project(
    connection: Connection, row: Project, action: str, changes: Changes, actor: Actor | None
) -> list[Fact]:
    if action != "update":
        return [Audit("project", row.id, action, {"name": row.name}, row.id, row.organization_id)]
    facts: list[Fact] = []
    shown = _summary(changes, ("updated_at", "guidelines"))
    if shown:
        facts.append(Audit("project", row.id, "update", shown, row.id, row.organization_id))
    if "guidelines" in changes:
        facts.append(_publish_guidelines(connection, row, actor))
    return facts


def _project_created(connection: Connection, row: Project, action: str, changes: Changes,
                     actor: Actor | None) -> list[Fact]:  # fmt: skip
    facts = _project(connection, row, action, changes, actor)
    if action == "create" and row.guidelines:
        facts.append(_publish_guidelines(connection, row, actor))
    return facts


def _publish_guidelines(connection: Connection, project: Project, actor: Actor | None) -> Fact:
    """Every change of a project's guidelines is kept as a new version."""
    latest = connection.scalar(
        select(func.max(GuidelineVersion.version)).where(GuidelineVersion.project_id == project.id)
    )
    version = (latest or 0) + 1
    connection.execute(
        GuidelineVersion.__table__.insert(),  # type: ignore[attr-defined]
        {
            "project_id": project.id,
            "version": version,
            "body": project.guidelines,
            "author_id": actor.user_id if actor else None,
            "created_at": utcnow(),
        },
    )
    summary = {"version": version, "characters": len(project.guidelines)}
    return Audit("guidelines", project.id, "publish", summary, project.id, project.organization_id)


def _label(connection: Connection, row: Label, action: str, changes: Changes, _: Actor | None) -> list[Fact]:
    summary = {"name": row.name, **_summary(changes)}
    return [_audit(connection, "label", row.id, action, summary, row.project_id)]


def _task(connection: Connection, row: Task, action: str, changes: Changes, _: Actor | None) -> list[Fact]:
    summary = {"name": row.name, **_summary(changes)}
    return [_audit(connection, "task", row.id, action, summary, row.project_id)]


def _organization(connection: Connection, row: Organization, action: str, changes: Changes,
                  _: Actor | None) -> list[Fact]:  # fmt: skip
    summary = {"slug": row.slug, **_summary(changes)}
    return [Audit("organization", row.id, action, summary, None, row.id)]


def _membership(connection: Connection, row: Membership, action: str, changes: Changes,
                _: Actor | None) -> list[Fact]:  # fmt: skip
    summary = {"user_id": row.user_id, "role": row.role, **_summary(changes)}
    return [Audit("membership", row.id, action, summary, None, row.organization_id)]


def _project_member(connection: Connection, row: ProjectMember, action: str, changes: Changes,
                    _: Actor | None) -> list[Fact]:  # fmt: skip
    summary = {"user_id": row.user_id, "role": row.role, **_summary(changes)}
    return [_audit(connection, "project_member", row.id, action, summary, row.project_id)]


def _workflow(connection: Connection, row: ProjectWorkflow, action: str, changes: Changes,
              _: Actor | None) -> list[Fact]:  # fmt: skip
    summary = {"self_assign": row.self_assign, **_summary(changes)}
    return [_audit(connection, "workflow", row.project_id, "update", summary, row.project_id)]


def _invitation(connection: Connection, row: Invitation, action: str, changes: Changes,
                _: Actor | None) -> list[Fact]:  # fmt: skip
    if action == "update":
        action = "accept" if "accepted_at" in changes else "revoke" if "revoked_at" in changes else "update"
    summary = {"role": row.role, "email": row.email, "accepted_by": row.accepted_by}
    return [Audit("invitation", row.id, action, summary, None, row.organization_id)]


def _webhook(
    connection: Connection, row: Webhook, action: str, changes: Changes, _: Actor | None
) -> list[Fact]:
    summary = {"url": row.url, "events": row.events, **_summary(changes, ("secret",))}
    return [_audit(connection, "webhook", row.id, action, summary, row.project_id)]


def job_data(row: Job, project_id: int | None) -> dict[str, Any]:
    return {
        "job": {
            "id": row.id,
            "task_id": row.task_id,
            "project_id": project_id,
            "frame_start": row.frame_start,
            "frame_stop": row.frame_stop,
            "stage": row.stage,
            "state": row.state,
            "assignee_id": row.assignee_id,
            "reviewer_id": row.reviewer_id,
            "priority": row.priority,
            "deadline": _plain(row.deadline),
        }
    }


def _job(connection: Connection, row: Job, action: str, changes: Changes, _: Actor | None) -> list[Fact]:
    if action != "update":
        return []  # jobs come and go with their task's frames; the task's entry says so
    project_id = _project_of_task(connection, row.task_id)
    if project_id is None:
        return []
    facts: list[Fact] = []
    data = job_data(row, project_id)
    seats = {k: v for k, v in changes.items() if k in ("assignee_id", "reviewer_id")}
    if seats:
        facts.append(_audit(connection, "job", row.id, "assign", _summary(seats), project_id))
        facts.append(HookEvent(project_id, "job.assigned", {**data, "changes": _summary(seats)}))
        for field, role in (("assignee_id", "assignee"), ("reviewer_id", "reviewer")):
            new = seats.get(field, (None, None))[1]
            if new is not None:
                facts.append(Notice(new, "assigned", project_id, row.id, payload={"role": role}))
    moves = {k: v for k, v in changes.items() if k in ("stage", "state")}
    if moves:
        facts.append(_audit(connection, "job", row.id, "transition", _summary(moves), project_id))
        facts.extend(_moved(row, project_id, moves, data))
    rest = {k: v for k, v in changes.items() if k in ("priority", "deadline")}
    if rest:
        facts.append(_audit(connection, "job", row.id, "update", _summary(rest), project_id))
    return facts


def _moved(row: Job, project_id: int, moves: Changes, data: dict[str, Any]) -> list[Fact]:
    before = (moves.get("stage", (row.stage,))[0], moves.get("state", (row.state,))[0])
    data = {**data, "from": {"stage": before[0], "state": before[1]}}
    if row.stage == "validation" and before[0] == "annotation":
        notices = [Notice(row.reviewer_id, "submitted", project_id, row.id)] if row.reviewer_id else []
        return [HookEvent(project_id, "job.submitted", data), *notices]
    if (row.stage, row.state) == ("annotation", "rejected"):
        notices = [Notice(row.assignee_id, "rejected", project_id, row.id)] if row.assignee_id else []
        return [HookEvent(project_id, "job.rejected", data), *notices]
    if (row.stage, row.state) == ("acceptance", "completed"):
        notices = [Notice(row.assignee_id, "accepted", project_id, row.id)] if row.assignee_id else []
        return [HookEvent(project_id, "job.accepted", data), *notices]
    return [HookEvent(project_id, "job.state_changed", data)]


def _issue_subject(
    connection: Connection, issue_id: int, job_id: int, author_id: int | None
) -> tuple[int | None, set[int]]:
    """The issue's project and the people following it: job assignee and reviewer, author, commenters."""
    found = connection.execute(
        select(Task.project_id, Job.assignee_id, Job.reviewer_id)
        .join(Job, Job.task_id == Task.id)
        .where(Job.id == job_id)
    ).first()
    if found is None:
        return None, set()
    commenters = connection.scalars(
        select(IssueComment.author_id).where(IssueComment.issue_id == issue_id).distinct()
    )
    people = {found[1], found[2], author_id, *commenters}
    return found[0], {p for p in people if p is not None}


def _issue_data(issue: Issue) -> dict[str, Any]:
    region = {"x": issue.x, "y": issue.y, "w": issue.w, "h": issue.h}
    return {
        "issue": {
            "id": issue.id,
            "job_id": issue.job_id,
            "frame": issue.frame,
            "status": issue.status,
            **region,
        }
    }


def _issue(connection: Connection, row: Issue, action: str, changes: Changes, _: Actor | None) -> list[Fact]:
    project_id = connection.scalar(
        select(Task.project_id).join(Job, Job.task_id == Task.id).where(Job.id == row.job_id)
    )
    if project_id is None:
        return []
    if action == "create":  # people are notified of its first comment
        summary = {"job_id": row.job_id, "frame": row.frame}
        audit = _audit(connection, "issue", row.id, "create", summary, project_id)
        return [audit, HookEvent(project_id, "issue.opened", _issue_data(row))]
    if action == "update" and "status" in changes:
        verb, event = (
            ("resolve", "issue.resolved") if row.status == "resolved" else ("reopen", "issue.reopened")
        )
        audit = _audit(connection, "issue", row.id, verb, {"job_id": row.job_id}, project_id)
        return [audit, HookEvent(project_id, event, _issue_data(row))]
    return []


def _comment(connection: Connection, row: IssueComment, action: str, changes: Changes,
             _: Actor | None) -> list[Fact]:  # fmt: skip
    if action != "create":
        return []
    issue = connection.execute(
        select(Issue.job_id, Issue.frame, Issue.author_id).where(Issue.id == row.issue_id)
    ).first()
    if issue is None:
        return []
    project_id, people = _issue_subject(connection, row.issue_id, issue.job_id, issue.author_id)
    if project_id is None:
        return []
    data = {"comment": {"id": row.id, "issue_id": row.issue_id, "body": row.body}}
    notices = [
        Notice(p, "commented", project_id, issue.job_id, row.issue_id, {"frame": issue.frame}) for p in people
    ]
    return [HookEvent(project_id, "issue.commented", data), *notices]


TRACKERS: dict[type, Tracker] = {
    Organization: _organization,
    Membership: _membership,
    Project: _project_created,
    ProjectMember: _project_member,
    ProjectWorkflow: _workflow,
    Label: _label,
    Task: _task,
    Job: _job,
    Invitation: _invitation,
    Webhook: _webhook,
    Issue: _issue,
    IssueComment: _comment,
}
