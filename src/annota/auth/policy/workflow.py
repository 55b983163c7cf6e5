"""Decisions of the job workflow: transitions, who may be assigned, the self-assign pool, reports
about a person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from annota.auth.errors import Forbidden, Hidden, Refused
from annota.auth.policy import clauses
from annota.auth.policy.decisions import acting, job_relations, require_job
from annota.auth.policy.organizations import managed_organization_ids, shares_organization
from annota.auth.policy.relations import project_role
from annota.auth.policy.transitions import BY_ACTION, TRANSITIONS, Transition
from annota.auth.principal import Principal
from annota.storage import quality_exams, team_issues
from annota.storage.errors import InvalidValue
from annota.storage.problems import Problem
from annota.storage.tables import Job, Membership, Project, Task, User

# Project roles that may hold each job seat (organisation projects; in a personal project anyone may).
SEAT_ROLES = {
    "assignee": ("owner", "manager", "reviewer", "annotator"),
    "reviewer": ("owner", "manager", "reviewer"),
}


def available_transitions(session: Session, principal: Principal, job: Job) -> list[Transition]:
    """The transitions the caller may take on the job in its current stage and state."""
    relations = job_relations(session, principal, job)
    return [t for t in TRANSITIONS if t.by & relations and t.stage == job.stage and job.state in t.states]


def require_transition(
    session: Session, principal: Principal, job_id: int, action: str
) -> tuple[Job, Transition]:
    job = require_job(session, principal, job_id, "job.view")
    transition = BY_ACTION[action]
    if not transition.by & job_relations(session, principal, job):
        raise Forbidden(action.replace("_", " "), "job")
    if job.stage != transition.stage or job.state not in transition.states:
        raise Refused(
            "transition_not_allowed",
            f"cannot {action} a job in stage {job.stage!r}, state {job.state!r}",
            ("body", "action"),
        )
    if action == "accept":
        open_issues = team_issues.open_issue_counts(session, [job.id]).get(job.id, 0)
        if open_issues:
            raise Refused(
                "issues_open",
                f"the job has {open_issues} open issue(s): resolve them or reject the job",
                ("body", "action"),
            )
    return job, transition


def require_assignable(
    session: Session, project: Project, user_id: int | None, seat: str, loc: tuple[str | int, ...]
) -> None:
    """`user_id` may take the seat ("assignee" or "reviewer") on a job of `project`.

    Unknown users and people without a suitable role get the same answer, so the check does not
    reveal who exists.
    """
    if user_id is None:
        return
    user = session.get(User, user_id)
    role = project_role(session, user_id, project) if user is not None else None
    personal_ok = user is not None and user.is_active and project.organization_id is None
    if not (personal_ok or (user is not None and user.is_active and role in SEAT_ROLES[seat])):
        raise InvalidValue(
            [Problem(loc, f"user {user_id} cannot be the {seat} of jobs in this project", "not_assignable")]
        )
    if seat == "assignee":
        require_qualified(session, project.id, user_id, loc)


def require_qualified(session: Session, project_id: int, user_id: int, loc: tuple[str | int, ...]) -> None:
    """Quality control (issue 7): a project may require its assignees to have passed an exam (409)."""
    exam = quality_exams.missing_exam(session, project_id, user_id)
    if exam is not None:
        msg = f"user {user_id} has not passed exam project {exam}, which this project requires of assignees"
        raise Refused("exam_required", msg, loc)


def require_seats_assignable(
    session: Session, job: Job, changes: Mapping[str, Any], loc: tuple[str | int, ...] = ()
) -> None:
    """Each seat set in `changes` (`assignee_id`, `reviewer_id`) goes to someone who may take it."""
    task = session.get(Task, job.task_id)
    project = session.get(Project, task.project_id) if task is not None else None
    if project is None:
        raise Hidden("job", job.id)
    for seat in SEAT_ROLES:
        if f"{seat}_id" in changes:
            require_assignable(session, project, changes[f"{seat}_id"], seat, (*loc, f"{seat}_id"))


def person_report_scope(session: Session, principal: Principal, user_id: int) -> ColumnElement[bool]:
    """On `Project`: whose time rows of `user_id` the caller may read.

    Themselves and admins read all of them; owners and managers of an organisation the person
    belongs to read the rows of projects they manage. Other members of a shared organisation get
    403; everyone else is told the person does not exist.
    """
    acting(session, principal)
    if principal.is_admin or principal.user_id == user_id:
        return true()
    managed = managed_organization_ids(session, principal)
    is_member = session.scalar(
        select(Membership.id)
        .where(Membership.user_id == user_id, Membership.organization_id.in_(managed))
        .limit(1)
    )
    if is_member is not None:
        return clauses.managed_projects(principal)
    if shares_organization(session, principal, user_id):
        raise Forbidden("read the reports of", "user")
    raise Hidden("user", user_id)
