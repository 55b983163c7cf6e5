"""WHERE clauses for listings: the same rules as the single-object decisions, in SQL.

Listings must not show or count what a single read would hide, so each clause mirrors
`relations.py` (a test compares both over a world of every role). Every subquery uses its own
aliases, so a clause works whatever the listing query joins.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, true
from sqlalchemy.orm import aliased

from annota.auth.principal import Principal
from annota.storage.tables import Job, MediaItem, Membership, Project, Task
from annota.storage.team_tables import AuditEntry, Notification, ProjectMember, ProjectWorkflow

WORK_ROLES = ("manager", "reviewer", "annotator")


def _org_role_in(project: Any, user_id: int, roles: tuple[str, ...] | None = None) -> ColumnElement[bool]:
    m = aliased(Membership)
    condition = and_(m.organization_id == project.organization_id, m.user_id == user_id)
    if roles is not None:
        condition = and_(condition, m.role.in_(roles))
    return exists(select(m.id).where(condition))


def _restricted(project: Any) -> ColumnElement[bool]:
    pm = aliased(ProjectMember)
    return exists(select(pm.id).where(pm.project_id == project.id))


def _role_in(project: Any, user_id: int, roles: tuple[str, ...]) -> ColumnElement[bool]:
    """The member's role on the (organisation's) project is one of `roles` (owners excluded)."""
    pm = aliased(ProjectMember)
    listed = exists(
        select(pm.id).where(pm.project_id == project.id, pm.user_id == user_id, pm.role.in_(roles))
    )
    return or_(
        and_(~_restricted(project), _org_role_in(project, user_id, roles)),
        and_(_org_role_in(project, user_id), listed),
    )


def manages(project: Any, user_id: int) -> ColumnElement[bool]:
    """Project owner (still a member, for an organisation's), organisation owner, or manager."""
    return or_(
        and_(
            project.owner_id == user_id,
            or_(project.organization_id.is_(None), _org_role_in(project, user_id)),
        ),
        _org_role_in(project, user_id, ("owner",)),
        _role_in(project, user_id, ("manager",)),
    )


def eligible(project: Any, user_id: int) -> ColumnElement[bool]:
    """Assignments count: a personal project, or a member with a role on the project."""
    return or_(
        project.organization_id.is_(None),
        _org_role_in(project, user_id, ("owner",)),
        _role_in(project, user_id, WORK_ROLES),
        and_(project.owner_id == user_id, _org_role_in(project, user_id)),
    )


def pool_open(project: Any, user_id: int) -> ColumnElement[bool]:
    w = aliased(ProjectWorkflow)
    opened = exists(select(w.project_id).where(w.project_id == project.id, w.self_assign.is_(True)))
    return and_(opened, _role_in(project, user_id, ("reviewer", "annotator")))


def _mine(job: Any, user_id: int) -> ColumnElement[bool]:
    return or_(job.assignee_id == user_id, job.reviewer_id == user_id)


def visible_projects(principal: Principal) -> ColumnElement[bool]:
    """On `Project`: the projects a caller sees (managed, with work in them, or an open pool)."""
    if principal.is_admin:
        return true()
    uid = principal.user_id
    j, t = aliased(Job), aliased(Task)
    has_work = exists(
        select(j.id).join(t, t.id == j.task_id).where(t.project_id == Project.id, _mine(j, uid))
    )
    return or_(manages(Project, uid), pool_open(Project, uid), and_(eligible(Project, uid), has_work))


def managed_projects(principal: Principal) -> ColumnElement[bool]:
    """On `Project`: the projects the caller manages."""
    return true() if principal.is_admin else manages(Project, principal.user_id)


def visible_tasks(principal: Principal) -> ColumnElement[bool]:
    """On `Task`: tasks of managed projects, and tasks holding one of the caller's jobs."""
    if principal.is_admin:
        return true()
    uid = principal.user_id
    p, j = aliased(Project), aliased(Job)
    managed = exists(select(p.id).where(p.id == Task.project_id, manages(p, uid)))
    p2 = aliased(Project)
    working = and_(
        exists(select(j.id).where(j.task_id == Task.id, _mine(j, uid))),
        exists(select(p2.id).where(p2.id == Task.project_id, eligible(p2, uid))),
    )
    return or_(managed, working)


def visible_jobs(principal: Principal) -> ColumnElement[bool]:
    """On `Job`: jobs of managed projects, and the caller's own (as assignee or reviewer)."""
    if principal.is_admin:
        return true()
    uid = principal.user_id
    t, p = aliased(Task), aliased(Project)
    managed = exists(select(t.id).join(p, p.id == t.project_id).where(t.id == Job.task_id, manages(p, uid)))
    t2, p2 = aliased(Task), aliased(Project)
    allowed = exists(
        select(t2.id).join(p2, p2.id == t2.project_id).where(t2.id == Job.task_id, eligible(p2, uid))
    )
    return or_(managed, and_(_mine(Job, uid), allowed))


def visible_media(principal: Principal) -> ColumnElement[bool]:
    """On `MediaItem`: all media of managed projects, else frames inside the caller's jobs."""
    if principal.is_admin:
        return true()
    uid = principal.user_id
    t, p = aliased(Task), aliased(Project)
    managed = exists(
        select(t.id).join(p, p.id == t.project_id).where(t.id == MediaItem.task_id, manages(p, uid))
    )
    j, t2, p2 = aliased(Job), aliased(Task), aliased(Project)
    covering = exists(
        select(j.id)
        .join(t2, t2.id == j.task_id)
        .join(p2, p2.id == t2.project_id)
        .where(
            j.task_id == MediaItem.task_id,
            j.frame_start <= MediaItem.frame,
            j.frame_stop >= MediaItem.frame,
            _mine(j, uid),
            eligible(p2, uid),
        )
    )
    return or_(managed, covering)


def own_notifications(principal: Principal) -> ColumnElement[bool]:
    return Notification.user_id == principal.user_id


def project_audit(project_id: int) -> ColumnElement[bool]:
    """On `AuditEntry`, once the caller may report on the project."""
    return AuditEntry.project_id == project_id


def organization_audit(principal: Principal, organization_id: int) -> ColumnElement[bool]:
    """On `AuditEntry`: the organisation's own entries and those of its projects the caller manages."""
    entries = AuditEntry.organization_id == organization_id
    if principal.is_admin:
        return entries
    managed = select(Project.id).where(manages(Project, principal.user_id))
    return and_(entries, or_(AuditEntry.project_id.is_(None), AuditEntry.project_id.in_(managed)))
