"""Minimal valid rows for tests, built through the repositories themselves."""

from __future__ import annotations

from sqlalchemy.orm import Session

from annota.storage import projects, tasks, users
from annota.storage.tables import Job, Label, Project, Task, User


def a_user(session: Session, username: str = "ada") -> User:
    return users.create_user(session, username=username, password_hash="argon2id$hash")


def a_project(session: Session, owner: User | None = None, name: str = "Birds") -> Project:
    owner = owner or a_user(session)
    return projects.create_project(session, owner_id=owner.id, name=name)


def a_label(session: Session, project: Project, name: str = "bird", kind: str = "any") -> Label:
    return projects.create_label(session, project.id, name=name, color="#ff0000", kind=kind)


def a_task(session: Session, project: Project, *, segment_size: int = 0, overlap: int = 0) -> Task:
    return tasks.create_task(
        session,
        project.id,
        name="Batch 1",
        owner_id=project.owner_id,
        segment_size=segment_size,
        overlap=overlap,
    )


def a_job(session: Session, task: Task, frames: int = 10) -> Job:
    return tasks.split_into_jobs(session, task, frames)[0]
