"""Who the caller is to a project, task, job or frame: the relations the rules are written in.

A relation comes from a role (site admin, organisation owner, project owner, manager), from work
(assignee or reviewer of a job) or from an open self-assign pool. In an organisation's project,
work counts only while the person is still a member with a role on the project: taking someone
out of the organisation (or off a restricted project) takes their jobs' access away with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from annota.auth.principal import Principal
from annota.storage.tables import Job, Membership, Project, Task
from annota.storage.team_tables import ProjectMember, ProjectWorkflow


class Relation(StrEnum):
    ADMIN = "admin"  # site administrator
    ORG_OWNER = "org_owner"  # owner of the project's organisation
    PROJECT_OWNER = "project_owner"  # created the project (and, for an organisation's, still belongs to it)
    MANAGER = "manager"  # manager role, in the organisation or on this project
    ASSIGNEE = "assignee"  # assigned this job (or, for a project, task or frame: a job in it)
    REVIEWER = "reviewer"  # reviews this job (or a job in the project, task or frame)
    POOL = "pool"  # reviewer or annotator of a project whose self-assign pool is open


MANAGING = frozenset({Relation.ADMIN, Relation.ORG_OWNER, Relation.PROJECT_OWNER, Relation.MANAGER})
WORK_ROLES = ("manager", "reviewer", "annotator")


@dataclass(frozen=True, slots=True)
class Standing:
    """The caller's place in one project, before looking at any job."""

    relations: frozenset[Relation]
    # Whether assignments count: always in a personal project; in an organisation's, for members
    # with a role on the project.
    eligible: bool
    # The role on the project (project membership, else organisation role); None without one.
    role: str | None


def organization_role(session: Session, user_id: int, organization_id: int) -> str | None:
    return session.scalar(
        select(Membership.role).where(
            Membership.organization_id == organization_id, Membership.user_id == user_id
        )
    )


def project_role(session: Session, user_id: int, project: Project) -> str | None:
    """The role a member has on an organisation's project: its own list when restricted, else the
    organisation role. None for non-members and for people left off a restricted project."""
    if project.organization_id is None:
        return None
    org_role = organization_role(session, user_id, project.organization_id)
    if org_role is None:
        return None
    if org_role == "owner":
        return "owner"
    listed = session.execute(
        select(ProjectMember.user_id, ProjectMember.role).where(ProjectMember.project_id == project.id)
    ).all()
    if not listed:
        return org_role
    return next((role for user_id_, role in listed if user_id_ == user_id), None)


def standing(session: Session, principal: Principal, project: Project) -> Standing:
    if principal.is_admin:
        return Standing(frozenset({Relation.ADMIN}), eligible=True, role=None)
    relations: set[Relation] = set()
    if project.organization_id is None:
        if project.owner_id == principal.user_id:
            relations.add(Relation.PROJECT_OWNER)
        return Standing(frozenset(relations), eligible=True, role=None)
    role = project_role(session, principal.user_id, project)
    is_member = organization_role(session, principal.user_id, project.organization_id) is not None
    if is_member and project.owner_id == principal.user_id:
        relations.add(Relation.PROJECT_OWNER)
    if role == "owner":
        relations.add(Relation.ORG_OWNER)
    if role == "manager":
        relations.add(Relation.MANAGER)
    if role in ("reviewer", "annotator") and self_assign_open(session, project.id):
        relations.add(Relation.POOL)
    return Standing(frozenset(relations), eligible=role is not None or bool(relations), role=role)


def self_assign_open(session: Session, project_id: int) -> bool:
    return bool(
        session.scalar(select(ProjectWorkflow.self_assign).where(ProjectWorkflow.project_id == project_id))
    )


def _work(
    session: Session, principal: Principal, standing_: Standing, *conditions: object
) -> frozenset[Relation]:
    """ASSIGNEE / REVIEWER when some job matching `conditions` is the caller's."""
    if not standing_.eligible or principal.is_admin:
        return frozenset()
    found: set[Relation] = set()
    for relation, column in ((Relation.ASSIGNEE, Job.assignee_id), (Relation.REVIEWER, Job.reviewer_id)):
        query = select(exists().where(column == principal.user_id, *conditions))  # type: ignore[arg-type]
        if session.scalar(query):
            found.add(relation)
    return frozenset(found)


def project_relations(session: Session, principal: Principal, project: Project) -> frozenset[Relation]:
    place = standing(session, principal, project)
    in_project = Job.task_id.in_(select(Task.id).where(Task.project_id == project.id))
    return place.relations | _work(session, principal, place, in_project)


def task_relations(
    session: Session, principal: Principal, task: Task, project: Project
) -> frozenset[Relation]:
    place = standing(session, principal, project)
    return (place.relations - {Relation.POOL}) | _work(session, principal, place, Job.task_id == task.id)


def job_relations(session: Session, principal: Principal, job: Job, project: Project) -> frozenset[Relation]:
    place = standing(session, principal, project)
    relations = set(place.relations - {Relation.POOL})
    if place.eligible and not principal.is_admin:
        if job.assignee_id == principal.user_id:
            relations.add(Relation.ASSIGNEE)
        if job.reviewer_id == principal.user_id:
            relations.add(Relation.REVIEWER)
    return frozenset(relations)


def frames_relations(
    session: Session, principal: Principal, task: Task, project: Project, frames: range
) -> frozenset[Relation]:
    """Relations to a run of a task's frames: work counts only when the caller's jobs cover every one."""
    place = standing(session, principal, project)
    relations = set(place.relations - {Relation.POOL})
    if not place.eligible or principal.is_admin or len(frames) == 0:
        return frozenset(relations)
    # A chunk may run past the task's end: frames after the last job's are not there to cover.
    end = session.scalar(select(func.max(Job.frame_stop)).where(Job.task_id == task.id))
    if end is not None and frames[0] <= end < frames[-1]:
        frames = range(frames[0], end + 1)
    mine = session.execute(
        select(Job.frame_start, Job.frame_stop, Job.assignee_id, Job.reviewer_id).where(
            Job.task_id == task.id,
            or_(Job.assignee_id == principal.user_id, Job.reviewer_id == principal.user_id),
            Job.frame_start <= frames[-1],
            Job.frame_stop >= frames[0],
        )
    ).all()
    for relation, index in ((Relation.ASSIGNEE, 2), (Relation.REVIEWER, 3)):
        spans = sorted((row[0], row[1]) for row in mine if row[index] == principal.user_id)
        if _covers(spans, frames[0], frames[-1]):
            relations.add(relation)
    return frozenset(relations)


def _covers(spans: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether the inclusive spans, sorted by start, cover every frame from first to last."""
    reached = first - 1
    for start, stop in spans:
        if start > reached + 1:
            break
        reached = max(reached, stop)
    return reached >= last
