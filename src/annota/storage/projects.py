"""Projects and their labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.domain.labels import Label as DomainLabel
from annota.domain.labels import label_from_dict, label_to_dict
from annota.domain.problems import DomainValidationError
from annota.storage.errors import InvalidValue
from annota.storage.pagination import Page, paginate
from annota.storage.rows import Check, get_or_raise, non_empty, update_unique, write_unique
from annota.storage.tables import Label, Project
from annota.storage.users import get_user

PROJECT_COLUMNS = {
    "id": Project.id,
    "name": Project.name,
    "organization_id": Project.organization_id,
    "owner_id": Project.owner_id,
    "deadline": Project.deadline,
    "created_at": Project.created_at,
    "updated_at": Project.updated_at,
}
_PROJECT_CHANGEABLE = {
    "name": non_empty,
    "description": None,
    "guidelines": None,
    "deadline": None,
    "organization_id": None,
    "owner_id": None,
}
_DEFINITION_KEYS = ("name", "color", "kind", "attributes", "skeleton")
# Values are checked by the domain's label validation after they are applied.
_LABEL_CHANGEABLE: dict[str, Check | None] = {
    "name": None,
    "color": None,
    "kind": None,
    "attributes": None,
    "skeleton": None,
    "position": None,
}


def create_project(
    session: Session,
    *,
    owner_id: int,
    name: str,
    organization_id: int | None = None,
    description: str = "",
    guidelines: str = "",
    deadline: datetime | None = None,
) -> Project:
    get_user(session, owner_id)
    project = Project(
        owner_id=owner_id,
        name=name,
        organization_id=organization_id,
        description=description,
        guidelines=guidelines,
        deadline=deadline,
    )
    write_unique(session, project, f"organization {organization_id} does not exist")
    return project


def get_project(session: Session, project_id: int) -> Project:
    return get_or_raise(session, Project, project_id, "project")


def list_projects(
    session: Session,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str | None = "-created_at",
    filters: Mapping[str, object] | None = None,
) -> Page[Project]:
    """Projects filtered by equality on PROJECT_COLUMNS (e.g. {"organization_id": 3})."""
    return paginate(
        session,
        select(Project),
        columns=PROJECT_COLUMNS,
        unique_key=Project.id,
        page=page,
        page_size=page_size,
        sort=sort,
        filters=filters,
    )


def update_project(session: Session, project_id: int, changes: Mapping[str, Any]) -> Project:
    project = get_project(session, project_id)
    update_unique(
        session, project, changes, _PROJECT_CHANGEABLE, "the new organization or owner does not exist"
    )
    return project


def delete_project(session: Session, project_id: int) -> None:
    """Delete a project with its labels, tasks, media items, jobs and annotations."""
    session.delete(get_project(session, project_id))
    session.flush()


def create_label(
    session: Session,
    project_id: int,
    *,
    name: str,
    color: str,
    kind: str = "any",
    attributes: Sequence[Mapping[str, Any]] = (),
    skeleton: Mapping[str, Any] | None = None,
    position: int | None = None,
) -> Label:
    """A label at `position`, by default after the project's last label.

    The label is validated by the domain (colour, kind, attribute specs, skeleton template) and
    stored normalised, so every stored label can be read back as a domain `Label`.
    """
    get_project(session, project_id)
    if position is None:
        last = session.scalar(select(func.max(Label.position)).where(Label.project_id == project_id))
        position = 0 if last is None else last + 1
    definition = {
        "name": name,
        "color": color,
        "kind": kind,
        "attributes": list(attributes),
        "skeleton": skeleton,
    }
    label = Label(project_id=project_id, position=position, **_normalised(definition))
    write_unique(session, label, f"project {project_id} already has a label named {name!r}")
    return label


def get_label(session: Session, label_id: int) -> Label:
    return get_or_raise(session, Label, label_id, "label")


def list_labels(session: Session, project_id: int) -> list[Label]:
    return list(
        session.scalars(
            select(Label).where(Label.project_id == project_id).order_by(Label.position, Label.id)
        )
    )


def update_label(session: Session, label_id: int, changes: Mapping[str, Any]) -> Label:
    label = get_label(session, label_id)
    definition = {**_definition(label), **{k: v for k, v in changes.items() if k in _DEFINITION_KEYS}}
    update_unique(
        session,
        label,
        {**changes, **_normalised(definition)},
        _LABEL_CHANGEABLE,
        f"project {label.project_id} already has a label named {changes.get('name')!r}",
    )
    return label


def delete_label(session: Session, label_id: int) -> None:
    """Delete a label together with every annotation that uses it."""
    session.delete(get_label(session, label_id))
    session.flush()


def domain_labels(session: Session, project_id: int) -> dict[int, DomainLabel]:
    """The project's labels as domain objects, by id: what annotations are validated against."""
    return {label.id: _to_domain(label) for label in list_labels(session, project_id)}


def _definition(label: Label) -> dict[str, Any]:
    return {key: getattr(label, key) for key in _DEFINITION_KEYS}


def _normalised(definition: Mapping[str, Any]) -> dict[str, Any]:
    """The label definition as the domain writes it back; an invalid one raises InvalidValue."""
    try:
        normal = label_to_dict(label_from_dict(definition))
    except DomainValidationError as error:
        raise InvalidValue(error.problems) from None
    return {key: normal[key] for key in _DEFINITION_KEYS}


def _to_domain(label: Label) -> DomainLabel:
    return label_from_dict({"id": label.id, **_definition(label)})
