"""A project's quality settings: one row, or the defaults while none was saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.quality_tables import QualitySettingsRow

DEFAULTS: dict[str, Any] = {
    "comparison": {},
    "review_threshold": None,
    "review_metric": "accuracy",
    "agreement_threshold": 0.5,
    "consensus_quorum": 0.5,
    "is_exam": False,
    "exam_pass_score": 0.8,
    "exam_max_attempts": 3,
    "required_exam_id": None,
}


def settings_of(session: Session, project_id: int) -> QualitySettingsRow:
    """The stored row, or an unsaved one holding the defaults."""
    found = session.get(QualitySettingsRow, project_id)
    return found if found is not None else QualitySettingsRow(project_id=project_id, **DEFAULTS)


def update_settings(session: Session, project_id: int, changes: Mapping[str, Any]) -> QualitySettingsRow:
    found = session.get(QualitySettingsRow, project_id)
    if found is None:
        found = QualitySettingsRow(project_id=project_id, **DEFAULTS)
        session.add(found)
    for key, value in changes.items():
        if key not in DEFAULTS:
            raise KeyError(f"not a quality setting: {key!r}")
        setattr(found, key, value)
    session.flush()
    return found


def required_exam(session: Session, project_id: int) -> int | None:
    return session.scalar(
        select(QualitySettingsRow.required_exam_id).where(QualitySettingsRow.project_id == project_id)
    )


def is_exam(session: Session, project_id: int) -> bool:
    return bool(
        session.scalar(select(QualitySettingsRow.is_exam).where(QualitySettingsRow.project_id == project_id))
    )
