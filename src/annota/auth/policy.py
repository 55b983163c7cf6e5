"""The one place that decides who may see and do what. Routes call these; they never check roles.

Confidentiality first: an object the caller may not see is reported as missing (`Hidden` → 404),
so ids from another organisation reveal nothing. An object the caller sees but may not change
raises `Forbidden` (403).

Rules of the foundation (the team issue refines roles per project and per job):
- a site admin may do everything;
- the owner of a project may do everything to it and everything in it;
- in the project's organisation, owners and managers manage it, reviewers and annotators see it
  and annotate its jobs;
- a job's assignee and reviewer see that job, its task and the task's media, and annotate it.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import ColumnElement, exists, or_, select, true
from sqlalchemy.orm import Session

from annota.auth.errors import Forbidden, Hidden
from annota.auth.principal import Principal
from annota.storage.tables import Job, MediaItem, Membership, Organization, Project, Task


class Access(IntEnum):
    NONE = 0
    VIEW = 1  # see it and what is in it
    ANNOTATE = 2  # save annotations in its jobs
    MANAGE = 3  # change settings, labels, tasks, media; delete


MANAGER_ROLES = ("owner", "manager")
ALL_ROLES = ("owner", "manager", "reviewer", "annotator")


def project_access(session: Session, principal: Principal, project: Project) -> Access:
    if principal.is_admin or project.owner_id == principal.user_id:
        return Access.MANAGE
    if project.organization_id is not None:
        role = session.scalar(
            select(Membership.role).where(
                Membership.organization_id == project.organization_id,
                Membership.user_id == principal.user_id,
            )
        )
        if role in MANAGER_ROLES:
            return Access.MANAGE
        if role is not None:
            return Access.ANNOTATE
    if session.scalar(select(_assigned_job_in(Project.id == project.id, principal))):
        return Access.VIEW
    return Access.NONE


def _assigned_job_in(project_match: ColumnElement[bool], principal: Principal) -> ColumnElement[bool]:
    """Whether the principal is assignee or reviewer of some job under projects matching."""
    return exists(
        select(Job.id)
        .join(Task, Task.id == Job.task_id)
        .where(
            Task.project_id == Project.id,
            project_match,
            or_(Job.assignee_id == principal.user_id, Job.reviewer_id == principal.user_id),
        )
    )


def visible_projects(principal: Principal) -> ColumnElement[bool]:
    """A WHERE clause on `Project` selecting the projects the principal may see (for listings)."""
    if principal.is_admin:
        return true()
    member_of_org = exists(
        select(Membership.id).where(
            Membership.organization_id == Project.organization_id,
            Membership.user_id == principal.user_id,
        )
    )
    return or_(Project.owner_id == principal.user_id, member_of_org, _assigned_job_in(true(), principal))


def _check(access: Access, needed: Access, entity: str, ident: object) -> None:
    if access == Access.NONE:
        raise Hidden(entity, ident)
    if access < needed:
        raise Forbidden(needed.name.lower(), entity)


def require_project(session: Session, principal: Principal, project_id: int, needed: Access) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise Hidden("project", project_id)
    _check(project_access(session, principal, project), needed, "project", project_id)
    return project


def task_access(session: Session, principal: Principal, task: Task) -> Access:
    project = session.get(Project, task.project_id)
    access = project_access(session, principal, project) if project is not None else Access.NONE
    if access >= Access.ANNOTATE:
        return access
    assigned = session.scalar(
        select(
            exists(
                select(Job.id).where(
                    Job.task_id == task.id,
                    or_(Job.assignee_id == principal.user_id, Job.reviewer_id == principal.user_id),
                )
            )
        )
    )
    return Access.VIEW if assigned else Access.NONE


def require_task(session: Session, principal: Principal, task_id: int, needed: Access) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise Hidden("task", task_id)
    _check(task_access(session, principal, task), needed, "task", task_id)
    return task


def job_access(session: Session, principal: Principal, job: Job) -> Access:
    task = session.get(Task, job.task_id)
    project = session.get(Project, task.project_id) if task is not None else None
    access = project_access(session, principal, project) if project is not None else Access.NONE
    if access >= Access.ANNOTATE:
        return access
    if principal.user_id in (job.assignee_id, job.reviewer_id):
        return Access.ANNOTATE
    return Access.VIEW if access >= Access.VIEW else Access.NONE


def require_job(session: Session, principal: Principal, job_id: int, needed: Access) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise Hidden("job", job_id)
    _check(job_access(session, principal, job), needed, "job", job_id)
    return job


def require_media(session: Session, principal: Principal, media_id: int) -> MediaItem:
    item = session.get(MediaItem, media_id)
    if item is None:
        raise Hidden("media", media_id)
    task = session.get(Task, item.task_id)
    if task is None or task_access(session, principal, task) == Access.NONE:
        raise Hidden("media", media_id)
    return item


def visible_tasks(principal: Principal) -> ColumnElement[bool]:
    """A WHERE clause on `Task` (joined to `Project`) for task listings."""
    if principal.is_admin:
        return true()
    assigned = exists(
        select(Job.id).where(
            Job.task_id == Task.id,
            or_(Job.assignee_id == principal.user_id, Job.reviewer_id == principal.user_id),
        )
    )
    return or_(visible_projects_strict(principal), assigned)


def visible_projects_strict(principal: Principal) -> ColumnElement[bool]:
    """Projects seen through ownership or membership (not through a job assignment)."""
    if principal.is_admin:
        return true()
    member_of_org = exists(
        select(Membership.id).where(
            Membership.organization_id == Project.organization_id,
            Membership.user_id == principal.user_id,
        )
    )
    return or_(Project.owner_id == principal.user_id, member_of_org)


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("administer", "site")


def visible_jobs(principal: Principal) -> ColumnElement[bool]:
    """A WHERE clause on `Job` (joined to `Task` and `Project`) for job listings."""
    if principal.is_admin:
        return true()
    return or_(
        visible_projects_strict(principal),
        Job.assignee_id == principal.user_id,
        Job.reviewer_id == principal.user_id,
    )


def organization_role(session: Session, principal: Principal, organization_id: int) -> str | None:
    return session.scalar(
        select(Membership.role).where(
            Membership.organization_id == organization_id, Membership.user_id == principal.user_id
        )
    )


def require_organization_role(
    session: Session, principal: Principal, organization_id: int, roles: tuple[str, ...]
) -> None:
    """Non-members are told the organisation does not exist; members without a role in `roles` get 403."""
    if principal.is_admin:
        if session.get(Organization, organization_id) is None:
            raise Hidden("organization", organization_id)
        return
    role = organization_role(session, principal, organization_id)
    if role is None:
        raise Hidden("organization", organization_id)
    if role not in roles:
        raise Forbidden("manage", "organization")


def require_organization_manager(session: Session, principal: Principal, organization_id: int) -> None:
    """Creating something inside an organisation needs its owner or manager role."""
    require_organization_role(session, principal, organization_id, MANAGER_ROLES)


def require_may_grant(session: Session, principal: Principal, organization_id: int, role: str) -> None:
    """Only owners (and site admins) grant or take away the owner and manager roles."""
    if principal.is_admin or role not in MANAGER_ROLES:
        return
    if organization_role(session, principal, organization_id) != "owner":
        raise Forbidden(f"grant the {role} role in", "organization")
