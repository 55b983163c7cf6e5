"""What can be wrong with an annotation compared with the reference, one `Conflict` per finding.

A conflict names its frame and the objects involved (their ids in the documents: a shape's, a track's or a
tag's), so that a report links to "that frame, that object". Errors change precision and recall; warnings are
about pairs that were counted as matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ConflictType(StrEnum):
    MISSING_OBJECT = "missing_object"  # a reference object nothing was paired with
    EXTRA_OBJECT = "extra_object"  # an annotated object paired with nothing
    WRONG_LABEL = "wrong_label"  # paired on geometry, labels differ
    LOW_OVERLAP = "low_overlap"  # paired, similarity below low_overlap_threshold
    WRONG_ATTRIBUTE = "wrong_attribute"  # paired, some attribute values differ
    MISMATCHED_GROUP = "mismatched_group"  # paired, but grouped with other objects than in the reference
    REVERSED_DIRECTION = "reversed_direction"  # paired polylines drawn in opposite directions


SEVERITY = {
    ConflictType.MISSING_OBJECT: Severity.ERROR,
    ConflictType.EXTRA_OBJECT: Severity.ERROR,
    ConflictType.WRONG_LABEL: Severity.ERROR,
    ConflictType.LOW_OVERLAP: Severity.WARNING,
    ConflictType.WRONG_ATTRIBUTE: Severity.WARNING,
    ConflictType.MISMATCHED_GROUP: Severity.WARNING,
    ConflictType.REVERSED_DIRECTION: Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """`annotation_id` / `reference_id` is None on the side that has no object (missing / extra)."""

    type: ConflictType
    frame: int
    annotation_id: str | None
    reference_id: str | None
    label_id: int  # the reference's label where there is a reference object, else the annotation's
    similarity: float | None = None
    attributes: tuple[str, ...] = ()  # the attributes that differ (wrong_attribute)
    annotated_label_id: int | None = None  # the label given instead (wrong_label)

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.type]
