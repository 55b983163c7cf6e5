"""A dataset's labels mapped onto a project's labels by name: missing ones are created, missing attribute
specs are added to existing labels, and a skeleton that does not fit the project's template is refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from annota.domain.attributes import attribute_spec_to_dict
from annota.domain.labels import Label, LabelKind, label_to_dict
from annota.formats.base import FormatError, FormatProblem
from annota.storage import projects


@dataclass
class LabelMapping:
    ids: dict[int, int] = field(default_factory=dict)  # dataset label id -> project label id
    labels: dict[int, Label] = field(default_factory=dict)  # project label id -> label (after the import)
    created: list[str] = field(default_factory=list)


def map_labels(session: Session, project_id: int, dataset_labels: Sequence[Label]) -> LabelMapping:
    existing = {label.name: label for label in projects.domain_labels(session, project_id).values()}
    problems: list[FormatProblem] = []
    mapping = LabelMapping()
    for i, label in enumerate(dataset_labels):
        where = ("labels", i)
        current = existing.get(label.name)
        if current is None:
            fields = label_to_dict(label)
            fields.pop("id", None)
            row = projects.create_label(session, project_id, **fields)
            mapping.created.append(label.name)
            mapping.ids[label.id] = row.id  # type: ignore[index]
            continue
        if (label.kind is LabelKind.SKELETON) != (current.kind is LabelKind.SKELETON):
            msg = f"label {label.name!r} is {label.kind} in the dataset but {current.kind} in the project"
            problems.append(FormatProblem("", msg, "kind_not_allowed", where))
            continue
        if label.skeleton and current.skeleton and len(label.skeleton.points) != len(current.skeleton.points):
            got, expected = len(label.skeleton.points), len(current.skeleton.points)
            msg = f"skeleton {label.name!r} has {got} points in the dataset but {expected} in the project"
            problems.append(FormatProblem("", msg, "skeleton", where))
            continue
        missing = [spec for spec in label.attributes if current.attribute(spec.name) is None]
        if missing:
            specs = [attribute_spec_to_dict(s) for s in (*current.attributes, *missing)]
            projects.update_label(session, current.id, {"attributes": specs})  # type: ignore[arg-type]
        mapping.ids[label.id] = current.id  # type: ignore[index,assignment]
    if problems:
        raise FormatError(problems)
    mapping.labels = projects.domain_labels(session, project_id)
    return mapping
