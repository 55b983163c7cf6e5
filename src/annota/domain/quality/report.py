"""A quality report: an annotation set compared with a reference set, frame by frame.

Where the two sets come from is the caller's business: a job and its ground-truth job, honeypot frames,
a replica and the consensus of the others. `compare` takes the objects of each frame on both sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from annota.domain.document import AnnotationDocument
from annota.domain.labels import Label
from annota.domain.quality.conflicts import Conflict
from annota.domain.quality.counts import Counts
from annota.domain.quality.families import FAMILIES
from annota.domain.quality.frame import (
    FrameResult,
    Measured,
    attribute_defaults,
    by_family,
    compare_measured,
)
from annota.domain.quality.objects import FrameObject, SideBySide, frame_objects
from annota.domain.quality.settings import QualitySettings
from annota.domain.quality.tracking import TrackingCounts, tracking_counts

_FAMILY_BY_NAME = {family.name: family for family in FAMILIES}


@dataclass(frozen=True, slots=True)
class QualityReport:
    settings: QualitySettings
    frames: tuple[FrameResult, ...]  # one per compared frame, in frame order
    counts: Counts  # over every frame
    labels: Mapping[int, Counts]  # by label id (the reference's label for pairs)
    tracking: TrackingCounts | None  # None when neither side has a track on the compared frames

    def conflicts(self) -> Iterator[Conflict]:
        for frame in self.frames:
            yield from frame.conflicts


def compare(
    annotated: Mapping[int, Sequence[FrameObject]],
    reference: Mapping[int, Sequence[FrameObject]],
    frames: Iterable[int],
    settings: QualitySettings | None = None,
    labels: Mapping[int, Label] | None = None,
) -> QualityReport:
    """Compare the objects of each of `frames`. `labels` (by id) give attribute defaults: an attribute an
    object does not set then has its label's default value."""
    settings = settings or QualitySettings()
    ordered = sorted(set(frames))
    totals = Counts()
    by_label: defaultdict[int, Counts] = defaultdict(Counts)
    results = []
    measured = _measure(ordered, annotated, reference, settings)
    defaults = attribute_defaults(labels)
    for frame in ordered:
        result = compare_measured(
            frame,
            annotated.get(frame, ()),
            reference.get(frame, ()),
            measured[frame],
            settings,
            defaults,
            by_label,
        )
        totals.add(result.counts)
        results.append(result)
    tracking = tracking_counts(ordered, annotated, reference, settings)
    return QualityReport(settings, tuple(results), totals, dict(sorted(by_label.items())), tracking)


def _measure(
    frames: Sequence[int],
    annotated: Mapping[int, Sequence[FrameObject]],
    reference: Mapping[int, Sequence[FrameObject]],
    settings: QualitySettings,
) -> dict[int, Measured]:
    """The similarity matrix of every family on every frame, each family measuring all its frames at once."""
    out: dict[int, Measured] = {}
    work: dict[str, list[tuple[Measured, int, SideBySide]]] = defaultdict(list)
    for frame in frames:
        a, r = annotated.get(frame, ()), reference.get(frame, ())
        measured: Measured = []
        for lists in by_family(a, r):
            empty = np.zeros((len(lists.annotated), len(lists.reference)))
            measured.append((lists, empty))
            if lists.annotated and lists.reference:
                work[lists.family.name].append((measured, len(measured) - 1, lists.side_by_side(a, r)))
        out[frame] = measured
    for name, items in work.items():
        matrices = _FAMILY_BY_NAME[name].similarity([side_by_side for _, _, side_by_side in items], settings)
        for (measured, position, _), matrix in zip(items, matrices, strict=True):
            measured[position] = (measured[position][0], matrix)
    return out


def compare_documents(
    annotated: AnnotationDocument,
    reference: AnnotationDocument,
    frames: Iterable[int],
    settings: QualitySettings | None = None,
    labels: Mapping[int, Label] | None = None,
) -> QualityReport:
    """`compare` of two annotation documents (shapes, track states and tags) on `frames`."""
    wanted = sorted(set(frames))
    return compare(
        frame_objects(annotated, wanted), frame_objects(reference, wanted), wanted, settings, labels
    )
