"""The comparison of one frame: pairs per family, conflicts, and the counts they add to the frame and labels.

Each family of objects (families.py) is paired on its own; conflicts are then looked for on the pairs: wrong
label, low overlap, wrong attributes, reversed polylines, and groups that do not hold the same objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label
from annota.domain.quality.conflicts import Conflict, ConflictType
from annota.domain.quality.counts import Counts
from annota.domain.quality.families import FAMILY_OF_KIND, Family, Measure
from annota.domain.quality.matching import match
from annota.domain.quality.objects import FrameObject, SideBySide
from annota.domain.quality.settings import QualitySettings


@dataclass(frozen=True, slots=True)
class Match:
    """A pair of the same label: the annotated object counted as right."""

    annotation_id: str
    reference_id: str
    label_id: int
    similarity: float
    measure: Measure


@dataclass(frozen=True, slots=True)
class FrameResult:
    frame: int
    matches: tuple[Match, ...]
    conflicts: tuple[Conflict, ...]
    counts: Counts


@dataclass(frozen=True, slots=True)
class _Pair:
    a: int  # index into the frame's annotated objects
    r: int  # index into the frame's reference objects
    similarity: float
    family: Family


@dataclass(frozen=True, slots=True)
class FamilyLists:
    """The positions, in a frame's annotated and reference lists, of the objects of one family."""

    family: Family
    annotated: list[int]
    reference: list[int]

    def side_by_side(self, annotated: Sequence[FrameObject], reference: Sequence[FrameObject]) -> SideBySide:
        return [annotated[i] for i in self.annotated], [reference[j] for j in self.reference]


def by_family(annotated: Sequence[FrameObject], reference: Sequence[FrameObject]) -> list[FamilyLists]:
    groups: dict[str, FamilyLists] = {}
    for index, o in enumerate(annotated):
        family = FAMILY_OF_KIND[o.kind]
        groups.setdefault(family.name, FamilyLists(family, [], [])).annotated.append(index)
    for index, o in enumerate(reference):
        family = FAMILY_OF_KIND[o.kind]
        groups.setdefault(family.name, FamilyLists(family, [], [])).reference.append(index)
    return list(groups.values())


Defaults = Mapping[int, Mapping[str, AttrValue]]  # attribute defaults by label id
Measured = list[tuple[FamilyLists, NDArray[np.float64]]]  # each family of a frame with its similarity matrix


def attribute_defaults(labels: Mapping[int, Label] | None) -> Defaults:
    """The value each attribute of each label has where an object does not set it."""
    if labels is None:
        return {}
    return {
        label_id: {spec.name: spec.effective_default for spec in label.attributes}
        for label_id, label in labels.items()
    }


def measure_frame(
    annotated: Sequence[FrameObject], reference: Sequence[FrameObject], settings: QualitySettings
) -> Measured:
    """The similarity matrix of each family present on one frame."""
    out: Measured = []
    for lists in by_family(annotated, reference):
        side_by_side = lists.side_by_side(annotated, reference)
        out.append((lists, lists.family.similarity([side_by_side], settings)[0]))
    return out


def compare_frame(
    frame: int,
    annotated: Sequence[FrameObject],
    reference: Sequence[FrameObject],
    settings: QualitySettings,
    labels: Mapping[int, Label] | None = None,
) -> FrameResult:
    """Compare the objects of one frame. `labels` (by id) give attribute defaults."""
    measured = measure_frame(annotated, reference, settings)
    return compare_measured(
        frame, annotated, reference, measured, settings, attribute_defaults(labels), defaultdict(Counts)
    )


def compare_measured(
    frame: int,
    annotated: Sequence[FrameObject],
    reference: Sequence[FrameObject],
    measured: Measured,
    settings: QualitySettings,
    defaults: Defaults,
    per_label: defaultdict[int, Counts],
) -> FrameResult:
    """Compare one frame whose families were measured already (`report.compare` measures every frame at
    once); the counts are also added per label to `per_label`."""
    counts = Counts(reference=len(reference), annotated=len(annotated))
    for o in reference:
        per_label[o.label_id].reference += 1
    for o in annotated:
        per_label[o.label_id].annotated += 1
    conflicts: list[Conflict] = []
    matched: list[_Pair] = []
    geometric: list[_Pair] = []
    for lists, similarity in measured:
        family, a_index, r_index = lists.family, lists.annotated, lists.reference
        a_objects, r_objects = lists.side_by_side(annotated, reference)
        found = match(a_objects, r_objects, similarity, settings)
        for i, j in found.same_label:
            matched.append(_Pair(a_index[i], r_index[j], float(similarity[i, j]), family))
        for i, j in found.other_label:
            pair = _Pair(a_index[i], r_index[j], float(similarity[i, j]), family)
            geometric.append(pair)
            a, r = annotated[pair.a], reference[pair.r]
            conflicts.append(
                Conflict(
                    ConflictType.WRONG_LABEL, frame, a.id, r.id, r.label_id, pair.similarity, (), a.label_id
                )
            )
        for i in found.unmatched_annotated:
            a = a_objects[i]
            conflicts.append(Conflict(ConflictType.EXTRA_OBJECT, frame, a.id, None, a.label_id))
        for j in found.unmatched_reference:
            r = r_objects[j]
            conflicts.append(Conflict(ConflictType.MISSING_OBJECT, frame, None, r.id, r.label_id))
    for pair in geometric:
        per_label[reference[pair.r].label_id].wrong_label += 1
    for pair in matched:
        per_label[reference[pair.r].label_id].matched += 1
    geometric += matched
    matches = []
    for pair in matched:
        a, r = annotated[pair.a], reference[pair.r]
        matches.append(Match(a.id, r.id, r.label_id, pair.similarity, pair.family.measure))
        conflicts += _pair_conflicts(frame, a, r, pair, settings, defaults, counts, per_label[r.label_id])
    if settings.compare_groups:
        conflicts += _group_conflicts(frame, annotated, reference, geometric)
    counts.matched = len(matched)
    counts.wrong_label = len(geometric) - len(matched)
    counts.extra = len(annotated) - len(geometric)
    counts.missing = len(reference) - len(geometric)
    for conflict in conflicts:
        counts.conflicts[conflict.type] += 1
        per_label[conflict.label_id].conflicts[conflict.type] += 1
        if conflict.type is ConflictType.MISSING_OBJECT:
            per_label[conflict.label_id].missing += 1
        elif conflict.type is ConflictType.EXTRA_OBJECT:
            per_label[conflict.label_id].extra += 1
    return FrameResult(frame, tuple(matches), tuple(conflicts), counts)


def _pair_conflicts(
    frame: int,
    a: FrameObject,
    r: FrameObject,
    pair: _Pair,
    settings: QualitySettings,
    defaults: Defaults,
    counts: Counts,
    label_counts: Counts,
) -> list[Conflict]:
    """Conflicts of a matched pair; its similarity and attribute comparison are added to the counts."""
    out = []
    measure = pair.family.measure
    counts.add_similarity(measure, pair.similarity)
    label_counts.add_similarity(measure, pair.similarity)
    if measure is not Measure.PRESENCE and pair.similarity < settings.low_overlap_threshold:
        out.append(Conflict(ConflictType.LOW_OVERLAP, frame, a.id, r.id, r.label_id, pair.similarity))
    if settings.compare_attributes:
        compared, differing = _attribute_differences(
            a, r, defaults.get(r.label_id, {}), settings.ignored_attributes
        )
        if compared:
            for tally in (counts, label_counts):
                tally.attribute_pairs += 1
                tally.attribute_matches += not differing
        if differing:
            out.append(
                Conflict(
                    ConflictType.WRONG_ATTRIBUTE, frame, a.id, r.id, r.label_id, pair.similarity, differing
                )
            )
    if pair.family.check_pair is not None:
        out += [
            Conflict(t, frame, a.id, r.id, r.label_id, pair.similarity) for t in pair.family.check_pair(a, r)
        ]
    return out


def _attribute_differences(
    a: FrameObject, r: FrameObject, defaults: Mapping[str, AttrValue], ignored: frozenset[str]
) -> tuple[bool, tuple[str, ...]]:
    """(whether any attribute was compared, the names of those that differ). An attribute an object does not
    set has its label's default value (when the label is known)."""
    if not defaults and not a.attributes and not r.attributes:
        return False, ()
    names = (set(defaults) | set(a.attributes) | set(r.attributes)) - ignored
    differing = tuple(
        sorted(
            name
            for name in names
            if a.attributes.get(name, defaults.get(name)) != r.attributes.get(name, defaults.get(name))
        )
    )
    return bool(names), differing


def _group_conflicts(
    frame: int, annotated: Sequence[FrameObject], reference: Sequence[FrameObject], pairs: list[_Pair]
) -> list[Conflict]:
    """A pair whose group (the objects sharing its group number on the frame, itself alone when ungrouped)
    is not the image of its reference's group: the objects paired with the reference group's members."""
    if not any(o.group for o in annotated) and not any(o.group for o in reference):
        return []
    a_groups = _groups(annotated)
    r_groups = _groups(reference)
    a_of_r = {p.r: p.a for p in pairs}
    paired_a = {p.a for p in pairs}
    out = []
    for p in pairs:
        expected = {a_of_r[j] for j in r_groups[p.r] if j in a_of_r}
        actual = a_groups[p.a] & paired_a
        if expected != actual:
            a, r = annotated[p.a], reference[p.r]
            out.append(Conflict(ConflictType.MISMATCHED_GROUP, frame, a.id, r.id, r.label_id, p.similarity))
    return out


def _groups(objects: Sequence[FrameObject]) -> list[set[int]]:
    """For each object, the indices of the objects of its group (itself only when it has no group)."""
    members: dict[int, set[int]] = defaultdict(set)
    for index, o in enumerate(objects):
        if o.group:
            members[o.group].add(index)
    return [members[o.group] if o.group else {index} for index, o in enumerate(objects)]
