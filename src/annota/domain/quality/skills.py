"""Skills an exam grades: each a kind of work, scored on the objects of that kind alone.

| skill | objects | score |
|-------|---------|-------|
| boxes | rectangles (rotated too) | accuracy |
| polygons | polygons and masks | accuracy |
| keypoints | points and skeletons | accuracy |
| tracking | track states | IDF1 |

A skill is graded only where the reference has objects of it: an exam without tracks has no tracking score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from annota.domain.quality.objects import FrameObject, FrameObjects, Origin
from annota.domain.quality.report import QualityReport, compare
from annota.domain.quality.settings import QualitySettings
from annota.domain.shapes import mask, points, polygon, rectangle, skeleton


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    takes: Callable[[FrameObject], bool]
    score: Callable[[QualityReport], float | None]


def _accuracy(report: QualityReport) -> float | None:
    return report.counts.accuracy


def _idf1(report: QualityReport) -> float | None:
    return report.tracking.idf1 if report.tracking is not None else None


def _shapes_of(*kinds: str) -> Callable[[FrameObject], bool]:
    wanted = frozenset(kinds)
    return lambda o: o.origin is Origin.SHAPE and o.kind in wanted


SKILLS: tuple[Skill, ...] = (
    Skill("boxes", _shapes_of(rectangle.NAME), _accuracy),
    Skill("polygons", _shapes_of(polygon.NAME, mask.NAME), _accuracy),
    Skill("keypoints", _shapes_of(points.NAME, skeleton.NAME), _accuracy),
    Skill("tracking", lambda o: o.origin is Origin.TRACK, _idf1),
)


def only(objects: Mapping[int, Sequence[FrameObject]], takes: Callable[[FrameObject], bool]) -> FrameObjects:
    return {frame: [o for o in listed if takes(o)] for frame, listed in objects.items()}


def skill_scores(
    annotated: Mapping[int, Sequence[FrameObject]],
    reference: Mapping[int, Sequence[FrameObject]],
    frames: Sequence[int],
    settings: QualitySettings | None = None,
) -> dict[str, float]:
    """The score of each skill the reference holds objects of (a skill scoring None counts 0)."""
    out: dict[str, float] = {}
    for skill in SKILLS:
        wanted = only(reference, skill.takes)
        if not any(wanted.values()):
            continue
        report = compare(only(annotated, skill.takes), wanted, frames, settings)
        out[skill.name] = skill.score(report) or 0.0
    return out
