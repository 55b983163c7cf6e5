"""Per-project membership: a project with listed members is worked on by those members only,
each with the role listed (organisation owners keep their rights)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.errors import InvalidValue, NotFound
from annota.storage.problems import Loc, Problem
from annota.storage.tables import Membership, Project, User
from annota.storage.team_tables import PROJECT_ROLES, ProjectMember


def list_members(session: Session, project_id: int) -> list[tuple[ProjectMember, str]]:
    return [
        (member, username)
        for member, username in session.execute(
            select(ProjectMember, User.username)
            .join(User, User.id == ProjectMember.user_id)
            .where(ProjectMember.project_id == project_id)
            .order_by(User.username)
        ).all()
    ]


def set_member(session: Session, project: Project, user_id: int, role: str, loc: Loc = ()) -> ProjectMember:
    """Add the organisation member to the project with `role`, or change their role."""
    problems = []
    if project.organization_id is None:
        problems.append(Problem(loc, "only an organisation's project has members", "personal_project"))
    elif (
        session.scalar(
            select(Membership.id).where(
                Membership.organization_id == project.organization_id, Membership.user_id == user_id
            )
        )
        is None
    ):
        problems.append(
            Problem((*loc, "user_id"), f"user {user_id} is not a member of the organisation", "not_member")
        )
    if role not in PROJECT_ROLES:
        problems.append(
            Problem((*loc, "role"), f"must be one of {', '.join(PROJECT_ROLES)}", "invalid_value")
        )
    if problems:
        raise InvalidValue(problems)
    member = session.scalar(
        select(ProjectMember).where(ProjectMember.project_id == project.id, ProjectMember.user_id == user_id)
    )
    if member is None:
        member = ProjectMember(project_id=project.id, user_id=user_id, role=role)
        session.add(member)
    else:
        member.role = role
    session.flush()
    return member


def remove_member(session: Session, project_id: int, user_id: int) -> None:
    member = session.scalar(
        select(ProjectMember).where(ProjectMember.project_id == project_id, ProjectMember.user_id == user_id)
    )
    if member is None:
        raise NotFound("project member", user_id)
    session.delete(member)
    session.flush()
