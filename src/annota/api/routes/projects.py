"""Projects and their labels."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.listing import ListParams, page_of
from annota.api.schemas.common import Page
from annota.api.schemas.projects import (
    LabelCreate,
    LabelPublic,
    LabelUpdate,
    ProjectCreate,
    ProjectPublic,
    ProjectUpdate,
)
from annota.auth import policy
from annota.auth.policy import Access
from annota.auth.principal import Principal
from annota.services.labels import create_labels, label_fields, validate_label
from annota.storage import projects
from annota.storage.tables import Label, Project, Task

router = APIRouter(tags=["projects"])


def _public(session: ReadSession, caller: Principal, rows: list[Project]) -> list[dict[str, Any]]:
    """Projects as answered; `task_count` counts the tasks the caller sees."""
    ids = [p.id for p in rows]
    labels = dict(
        session.execute(
            select(Label.project_id, func.count()).where(Label.project_id.in_(ids)).group_by(Label.project_id)
        ).all()
    )
    tasks = dict(
        session.execute(
            select(Task.project_id, func.count())
            .where(Task.project_id.in_(ids), policy.visible_tasks(caller))
            .group_by(Task.project_id)
        ).all()
    )
    return [
        {
            **ProjectPublic.model_validate(p).model_dump(),
            "label_count": labels.get(p.id, 0),
            "task_count": tasks.get(p.id, 0),
        }
        for p in rows
    ]


@router.get("/api/projects", response_model=Page[ProjectPublic])
def list_projects(
    caller: Caller, session: ReadSession, params: Annotated[ListParams, Query()]
) -> dict[str, Any]:
    query = select(Project).where(policy.visible_projects(caller))
    if params.q:
        query = query.where(Project.name.icontains(params.q, autoescape=True))
    page = page_of(
        session, query, params, projects.PROJECT_COLUMNS, unique_key=Project.id, default_sort="-created_at"
    )
    page["items"] = _public(session, caller, page["items"])
    return page


@router.post("/api/projects", response_model=ProjectPublic, status_code=201)
def create_project(body: ProjectCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    policy.require_project_creation(session, caller, body.organization_id)
    project = projects.create_project(
        session,
        owner_id=caller.user_id,
        name=body.name,
        organization_id=body.organization_id,
        description=body.description,
        guidelines=body.guidelines,
        deadline=body.deadline,
    )
    create_labels(session, project.id, [lb.model_dump() for lb in body.labels], loc=("body", "labels"))
    return _public(session, caller, [project])[0]


@router.get("/api/projects/{project_id}", response_model=ProjectPublic)
def read_project(project_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    project = policy.require_project(session, caller, project_id, Access.VIEW)
    return _public(session, caller, [project])[0]


@router.patch("/api/projects/{project_id}", response_model=ProjectPublic)
def update_project(
    project_id: int, body: ProjectUpdate, caller: Caller, session: WriteSession
) -> dict[str, Any]:
    policy.require_project(session, caller, project_id, Access.MANAGE)
    project = projects.update_project(session, project_id, body.model_dump(exclude_unset=True))
    return _public(session, caller, [project])[0]


@router.delete("/api/projects/{project_id}", status_code=204)
def delete_project(project_id: int, caller: Caller, session: WriteSession) -> None:
    policy.require_project(session, caller, project_id, Access.MANAGE)
    projects.delete_project(session, project_id)


@router.get("/api/projects/{project_id}/labels", response_model=list[LabelPublic])
def list_labels(project_id: int, caller: Caller, session: ReadSession) -> list[Label]:
    policy.require_project(session, caller, project_id, Access.VIEW)
    return projects.list_labels(session, project_id)


@router.post("/api/projects/{project_id}/labels", response_model=LabelPublic, status_code=201)
def create_label(project_id: int, body: LabelCreate, caller: Caller, session: WriteSession) -> Label:
    policy.require_project(session, caller, project_id, Access.MANAGE)
    return create_labels(session, project_id, [body.model_dump()], loc=("body",), single=True)[0]


@router.patch("/api/labels/{label_id}", response_model=LabelPublic)
def update_label(label_id: int, body: LabelUpdate, caller: Caller, session: WriteSession) -> Label:
    label = projects.get_label(session, label_id)
    policy.require_project(session, caller, label.project_id, Access.MANAGE)
    changes = body.model_dump(exclude_unset=True)
    merged = label_fields(label) | {k: v for k, v in changes.items() if k != "position"}
    checked = validate_label(merged, loc=("body",))
    if "position" in changes:
        checked["position"] = changes["position"]
    return projects.update_label(session, label_id, checked)


@router.delete("/api/labels/{label_id}", status_code=204)
def delete_label(label_id: int, caller: Caller, session: WriteSession) -> None:
    label = projects.get_label(session, label_id)
    policy.require_project(session, caller, label.project_id, Access.MANAGE)
    projects.delete_label(session, label_id)
