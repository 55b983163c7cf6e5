"""Label input checked by the domain's rules before it reaches storage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.domain.labels import label_from_dict, label_to_dict
from annota.domain.problems import DomainValidationError, Problem
from annota.storage import projects
from annota.storage.tables import Label

# Distinct, colour-blind-friendly defaults (Okabe–Ito, then Tableau) for labels created without one.
PALETTE = (
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
)  # fmt: skip


def label_fields(label: Label) -> dict[str, Any]:
    return {
        "name": label.name,
        "color": label.color,
        "kind": label.kind,
        "attributes": label.attributes,
        "skeleton": label.skeleton,
    }


def validate_label(fields: dict[str, Any], loc: tuple[str | int, ...]) -> dict[str, Any]:
    """The label's fields normalised by the domain; raises with every problem located under `loc`."""
    normalised = label_to_dict(label_from_dict(fields, loc=loc))
    normalised.pop("id", None)
    return normalised


def create_labels(
    session: Session,
    project_id: int,
    bodies: Sequence[Mapping[str, Any]],
    *,
    loc: tuple[str | int, ...],
    single: bool = False,
) -> list[Label]:
    """Creates labels after checking all of them; nothing is created if any is invalid."""
    used = {row for row in session.scalars(select(Label.color).where(Label.project_id == project_id))}
    existing = set(session.scalars(select(Label.name).where(Label.project_id == project_id)))
    palette = [c for c in PALETTE if c not in used] or list(PALETTE)
    checked: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, body in enumerate(bodies):
        where = loc if single else (*loc, index)
        fields = {"kind": "any", "attributes": [], "skeleton": None, **body}
        if fields.get("color") is None:
            fields["color"] = palette[(len(used) + index) % len(palette)]
        name = fields.get("name")
        if isinstance(name, str) and (name in seen or name in existing):
            problems.append(Problem((*where, "name"), f"label {name!r} already exists", "duplicate"))
        if isinstance(name, str):
            seen.add(name)
        try:
            checked.append(validate_label(fields, where))
        except DomainValidationError as error:
            problems.extend(error.problems)
    if problems:
        raise DomainValidationError(problems)
    return [projects.create_label(session, project_id, **fields) for fields in checked]
