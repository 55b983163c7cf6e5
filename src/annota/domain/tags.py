"""Tags: a label on an image, or on a range of video frames (`frame` to `stop_frame`, both included).

A single-image tag has ``stop_frame == frame``. Wire format: {"id", "label_id", "frame", "stop_frame",
"attributes", "source", "score"}; ``stop_frame`` defaults to ``frame`` on input and is always written.
An input ``"kind"`` is accepted only when it is ``"tag"`` and is not written back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annota.domain import annotation_fields as common
from annota.domain import wire
from annota.domain.attributes import AttrValue, validate_attributes
from annota.domain.labels import Label, check_label_use
from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType, raise_if_any
from annota.domain.shapes import tag as tag_kind
from annota.domain.shapes.base import Source

TAG_KEYS = frozenset({"id", "kind", "label_id", "frame", "stop_frame", "attributes", "source", "score"})


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    label_id: int
    frame: int
    stop_frame: int
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    source: Source = Source.MANUAL
    score: float | None = None

    def __post_init__(self) -> None:
        if self.stop_frame < self.frame:
            msg = f"stop_frame {self.stop_frame} is before frame {self.frame}"
            raise DomainValidationError([Problem(("stop_frame",), msg, ProblemType.BOUNDS_ORDER)])

    def covers(self, frame: int) -> bool:
        return self.frame <= frame <= self.stop_frame


def tag_from_dict(d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None) -> Tag:
    """The tag described by `d`; raises DomainValidationError listing every problem, located under `loc`."""
    tag, problems = read_tag(d, loc, labels)
    raise_if_any(problems)
    assert tag is not None
    return tag


def read_tag(
    d: object, loc: Loc = (), labels: Mapping[int, Label] | None = None
) -> tuple[Tag | None, list[Problem]]:
    problems: list[Problem] = []
    m = wire.require_mapping(d, loc, problems)
    if m is None:
        return None, problems
    wire.reject_extra_keys(m, TAG_KEYS, loc, problems)
    if "kind" in m and m["kind"] != tag_kind.NAME:
        msg = f"the tags collection holds kind 'tag' only, got {m['kind']!r}"
        problems.append(Problem((*loc, "kind"), msg, ProblemType.UNKNOWN_KIND))
    tag_id = common.read_id(m, loc, problems)
    label_id = common.read_label_id(m, loc, problems)
    frame = common.read_frame(m, loc, problems)
    stop_frame = frame
    if "stop_frame" in m:
        stop_frame = common.read_frame(m, loc, problems, key="stop_frame")
    if frame is not None and stop_frame is not None and stop_frame < frame:
        msg = f"stop_frame {stop_frame} is before frame {frame}"
        problems.append(Problem((*loc, "stop_frame"), msg, ProblemType.BOUNDS_ORDER))
    attributes = common.read_attributes(m, loc, problems)
    source = common.read_source(m, loc, problems)
    score = common.read_score(m, loc, problems)
    if labels is not None and label_id is not None:
        label = check_label_use(labels, label_id, tag_kind.NAME, loc, problems)
        if label is not None and attributes is not None:
            problems.extend(validate_attributes(attributes, label.attributes, (*loc, "attributes")))
    if problems:
        return None, problems
    assert tag_id is not None and label_id is not None and frame is not None and stop_frame is not None
    assert attributes is not None and source is not None
    return Tag(tag_id, label_id, frame, stop_frame, attributes, source, score), problems


def tag_to_dict(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.id,
        "label_id": tag.label_id,
        "frame": tag.frame,
        "stop_frame": tag.stop_frame,
        "attributes": dict(tag.attributes),
        "source": tag.source.value,
        "score": tag.score,
    }
