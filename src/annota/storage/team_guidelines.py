"""Versioned project guidelines and who acknowledged which version.

The project's `guidelines` column holds the current text; every change of it (through the API,
which names an actor) is kept as a new version by the project tracker (`team_trackers`). A project
whose current text is empty has no guidelines to acknowledge.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.errors import NotFound
from annota.storage.projects import get_project
from annota.storage.team_tables import GuidelineAcknowledgement, GuidelineVersion
from annota.storage.types import utcnow


def latest(session: Session, project_id: int) -> GuidelineVersion | None:
    return session.scalar(
        select(GuidelineVersion)
        .where(GuidelineVersion.project_id == project_id)
        .order_by(GuidelineVersion.version.desc())
        .limit(1)
    )


def current_version(session: Session, project_id: int) -> int | None:
    """The version people must acknowledge; None when the project has no guidelines."""
    found = latest(session, project_id)
    return found.version if found is not None and found.body.strip() else None


def publish(session: Session, project_id: int, body: str) -> GuidelineVersion:
    """Make `body` the project's guidelines; returns the version it became (the latest if unchanged)."""
    project = get_project(session, project_id)
    if project.guidelines != body:
        project.guidelines = body
        session.flush()
    found = latest(session, project_id)
    if found is None or found.body != body:  # changed by no one in particular (no actor): keep it too
        number = found.version + 1 if found is not None else 1
        found = GuidelineVersion(project_id=project_id, version=number, body=body, author_id=None)
        session.add(found)
        session.flush()
    return found


def versions(session: Session, project_id: int) -> list[GuidelineVersion]:
    return list(
        session.scalars(
            select(GuidelineVersion)
            .where(GuidelineVersion.project_id == project_id)
            .order_by(GuidelineVersion.version.desc())
        )
    )


def get_version(session: Session, project_id: int, version: int) -> GuidelineVersion:
    found = session.scalar(
        select(GuidelineVersion).where(
            GuidelineVersion.project_id == project_id, GuidelineVersion.version == version
        )
    )
    if found is None:
        raise NotFound("guidelines version", version)
    return found


def acknowledged(session: Session, project_id: int, user_id: int, version: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(GuidelineAcknowledgement)
            .where(
                GuidelineAcknowledgement.project_id == project_id,
                GuidelineAcknowledgement.user_id == user_id,
                GuidelineAcknowledgement.version == version,
            )
        )
    )


def acknowledge(session: Session, project_id: int, user_id: int, version: int) -> GuidelineAcknowledgement:
    """Record that the user read `version`; acknowledging twice keeps the first time."""
    existing = session.scalar(
        select(GuidelineAcknowledgement).where(
            GuidelineAcknowledgement.project_id == project_id,
            GuidelineAcknowledgement.user_id == user_id,
            GuidelineAcknowledgement.version == version,
        )
    )
    if existing is not None:
        return existing
    row = GuidelineAcknowledgement(
        project_id=project_id, user_id=user_id, version=version, acknowledged_at=utcnow()
    )
    session.add(row)
    session.flush()
    return row


def acknowledged_version(session: Session, project_id: int, user_id: int) -> int | None:
    return session.scalar(
        select(func.max(GuidelineAcknowledgement.version)).where(
            GuidelineAcknowledgement.project_id == project_id, GuidelineAcknowledgement.user_id == user_id
        )
    )
