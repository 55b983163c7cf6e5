"""Tracking metrics over the per-frame states of tracks: MOTA (CLEAR MOT), IDF1 and identity switches.

Only tracks take part, each state identified by its track's id. Frame by frame, in order, a reference track
keeps the annotated track it was last paired with while they still pass `iou_threshold` (same family, same
label); the others are paired like per-frame matching (most pairs, then the largest similarity). A reference
track paired with another annotated track than last time is an identity switch. This is py-motmetrics'
`MOTAccumulator` procedure, which the tests compare with.

IDF1 pairs whole tracks once for the job: a reference and an annotated track are worth the number of frames
where both pass the threshold, and the pairing maximising the total (IDTP) is chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from annota.domain.quality.assignment import best_pairs, components, linear_sum_assignment
from annota.domain.quality.families import FAMILY_OF_KIND
from annota.domain.quality.objects import FrameObject, Origin
from annota.domain.quality.settings import QualitySettings


@dataclass(slots=True)
class TrackingCounts:
    """Additive, like `Counts`: the counts of several jobs add up and the ratios are derived after."""

    reference_states: int = 0
    annotated_states: int = 0
    matches: int = 0
    misses: int = 0
    false_positives: int = 0
    switches: int = 0
    idtp: int = 0

    def add(self, other: TrackingCounts) -> None:
        self.reference_states += other.reference_states
        self.annotated_states += other.annotated_states
        self.matches += other.matches
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.switches += other.switches
        self.idtp += other.idtp

    @property
    def idfp(self) -> int:
        return self.annotated_states - self.idtp

    @property
    def idfn(self) -> int:
        return self.reference_states - self.idtp

    @property
    def mota(self) -> float | None:
        """1 - (misses + false positives + switches) / reference states (can be negative)."""
        if not self.reference_states:
            return None
        return 1.0 - (self.misses + self.false_positives + self.switches) / self.reference_states

    @property
    def idf1(self) -> float | None:
        denominator = 2 * self.idtp + self.idfp + self.idfn
        return 2 * self.idtp / denominator if denominator else None


def tracking_counts(
    frames: Sequence[int],
    annotated: Mapping[int, Sequence[FrameObject]],
    reference: Mapping[int, Sequence[FrameObject]],
    settings: QualitySettings,
) -> TrackingCounts | None:
    """The tracking counts over `frames` (in increasing order); None when neither side has a track there."""
    out = TrackingCounts()
    last: dict[str, str] = {}  # reference track id -> the annotated track it was last paired with
    together: Counter[tuple[str, str]] = Counter()  # frames where both pass the threshold
    a_tracks: set[str] = set()
    r_tracks: set[str] = set()
    for frame in sorted(frames):
        a = [o for o in annotated.get(frame, ()) if o.origin is Origin.TRACK]
        r = [o for o in reference.get(frame, ()) if o.origin is Origin.TRACK]
        a_tracks.update(o.id for o in a)
        r_tracks.update(o.id for o in r)
        out.reference_states += len(r)
        out.annotated_states += len(a)
        if not a or not r:
            out.misses += len(r)
            out.false_positives += len(a)
            continue
        similarity, allowed = _passing(a, r, settings)
        for i, j in zip(*np.nonzero(allowed), strict=True):
            together[(r[j].id, a[i].id)] += 1
        pairs = _frame_pairs(a, r, similarity, allowed, last)
        for i, j in pairs:
            previous = last.get(r[j].id)
            if previous is not None and previous != a[i].id:
                out.switches += 1
            last[r[j].id] = a[i].id
        out.matches += len(pairs)
        out.misses += len(r) - len(pairs)
        out.false_positives += len(a) - len(pairs)
    if not a_tracks and not r_tracks:
        return None
    out.idtp = _identity_true_positives(together, sorted(r_tracks), sorted(a_tracks))
    return out


def _passing(
    a: list[FrameObject], r: list[FrameObject], settings: QualitySettings
) -> tuple[np.ndarray, np.ndarray]:
    """(n, m) similarity, and whether each pair may be made (same family and label, above the threshold)."""
    similarity = np.zeros((len(a), len(r)))
    families = {FAMILY_OF_KIND[o.kind] for o in (*a, *r)}
    for family in families:
        ai = [i for i, o in enumerate(a) if FAMILY_OF_KIND[o.kind] is family]
        rj = [j for j, o in enumerate(r) if FAMILY_OF_KIND[o.kind] is family]
        if ai and rj:
            similarity[np.ix_(ai, rj)] = family.similarity(
                [([a[i] for i in ai], [r[j] for j in rj])], settings
            )[0]
    same_label = np.array([[x.label_id == y.label_id for y in r] for x in a], dtype=bool)
    return similarity, same_label & (similarity >= settings.iou_threshold)


def _frame_pairs(
    a: list[FrameObject],
    r: list[FrameObject],
    similarity: np.ndarray,
    allowed: np.ndarray,
    last: dict[str, str],
) -> list[tuple[int, int]]:
    """Pairs kept from the last pairing of each reference track while they pass, then the best of the rest."""
    kept: list[tuple[int, int]] = []
    free_a = np.ones(len(a), dtype=bool)
    free_r = np.ones(len(r), dtype=bool)
    for j, ref in enumerate(r):
        previous = last.get(ref.id)
        if previous is None:
            continue
        for i, ann in enumerate(a):
            if free_a[i] and ann.id == previous and allowed[i, j]:
                kept.append((i, j))
                free_a[i] = free_r[j] = False
                break
    rest = allowed & free_a[:, None] & free_r[None, :]
    return kept + best_pairs(similarity, rest)


def _identity_true_positives(
    together: Counter[tuple[str, str]], r_tracks: list[str], a_tracks: list[str]
) -> int:
    """The largest total of shared frames over one-to-one pairings of reference and annotated tracks."""
    if not together:
        return 0
    r_index = {t: k for k, t in enumerate(r_tracks)}
    a_index = {t: k for k, t in enumerate(a_tracks)}
    weight = np.zeros((len(r_tracks), len(a_tracks)))
    for (r_id, a_id), frames in together.items():
        weight[r_index[r_id], a_index[a_id]] = frames
    total = 0.0
    for rows, columns in components(weight > 0):
        sub = weight[np.ix_(rows, columns)]
        i, j = linear_sum_assignment(sub, maximize=True)
        total += float(sub[i, j].sum())
    return round(total)
