"""Tracking metrics against py-motmetrics (independent implementation) and by hand.

The tracks are random: keyframes every few frames, so the per-frame states compared are interpolated ones
(docs/interpolation.md). motmetrics gets exactly those states as boxes, with its IoU distance cut at
1 - threshold, the same rule as ours.
"""

from __future__ import annotations

import motmetrics as mm
import numpy as np
import pytest

from annota.domain.document import AnnotationDocument
from annota.domain.quality import FrameObject, Origin, QualitySettings, compare_documents, frame_objects
from annota.domain.quality.tracking import tracking_counts
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track

FRAMES = 60


def box(x: float, y: float, w: float = 20.0, h: float = 20.0) -> RectangleGeometry:
    return RectangleGeometry(x, y, x + w, y + h)


def track(track_id: str, keyframes: list[tuple[int, RectangleGeometry, bool]], label: int = 1) -> Track:
    return Track(track_id, "rectangle", label, tuple(Keyframe(f, g, outside=o) for f, g, o in keyframes))


def reference_tracks(rng: np.random.Generator, count: int) -> list[Track]:
    tracks = []
    for k in range(count):
        start = int(rng.integers(0, 20))
        stop = int(rng.integers(start + 15, FRAMES))
        x, y = rng.uniform(0, 300), rng.uniform(0, 300)
        keyframes = []
        for frame in range(start, stop, 5):
            keyframes.append((frame, box(x, y), False))
            x, y = x + rng.normal(0, 6), y + rng.normal(0, 6)
        keyframes.append((stop, box(x, y), True))
        tracks.append(track(f"gt{k}", keyframes))
    return tracks


def annotated_tracks(rng: np.random.Generator, reference: list[Track]) -> list[Track]:
    """Noisy copies cut into pieces: a new id after a cut (a switch), gaps (misses), plus invented tracks."""
    document = AnnotationDocument(0, tracks=tuple(reference))
    states = frame_objects(document, range(FRAMES))
    out: list[Track] = []
    for gt in reference:
        frames = [f for f in range(FRAMES) if any(o.id == gt.id for o in states[f])]
        cuts = sorted(set(rng.choice(frames, size=int(rng.integers(0, 3)), replace=False).tolist()))
        pieces = np.split(np.array(frames), [frames.index(c) for c in cuts])
        for p, piece in enumerate(pieces):
            if len(piece) == 0 or rng.random() < 0.15:
                continue  # missed entirely
            keyframes = []
            for frame in piece[::3].tolist():
                g = next(o.geometry for o in states[frame] if o.id == gt.id)
                assert isinstance(g, RectangleGeometry)
                noise = rng.normal(0, 2.5, 2)
                keyframes.append((frame, box(g.x1 + noise[0], g.y1 + noise[1]), False))
            last = int(piece[-1]) + 1
            if rng.random() < 0.3:  # drifts off before the end: misses then an outside keyframe
                last = max(keyframes[-1][0] + 1, last - 4)
            keyframes.append((last, keyframes[-1][1], True))
            out.append(track(f"{gt.id}-h{p}", keyframes))
    for k in range(int(rng.integers(1, 4))):
        start = int(rng.integers(0, FRAMES - 10))
        g = box(rng.uniform(0, 300), rng.uniform(0, 300))
        out.append(track(f"fp{k}", [(start, g, False), (start + int(rng.integers(2, 10)), g, True)]))
    return out


def motmetrics_summary(
    annotated: dict[int, list[FrameObject]], reference: dict[int, list[FrameObject]], threshold: float
) -> dict[str, float]:
    accumulator = mm.MOTAccumulator(auto_id=False)
    number: dict[str, int] = {}  # motmetrics with pandas 3 wants numeric ids
    for frame in range(FRAMES):
        gt = [o for o in reference[frame] if o.origin is Origin.TRACK]
        hyp = [o for o in annotated[frame] if o.origin is Origin.TRACK]
        distances = iou_distances([_xywh(o) for o in gt], [_xywh(o) for o in hyp], 1.0 - threshold)
        gt_ids = [number.setdefault(o.id, len(number) + 1) for o in gt]
        hyp_ids = [number.setdefault(o.id, len(number) + 1) for o in hyp]
        accumulator.update(gt_ids, hyp_ids, distances, frameid=frame)
    metrics = [
        "num_objects",
        "num_misses",
        "num_false_positives",
        "num_switches",
        "mota",
        "idf1",
        "num_matches",
    ]
    summary = mm.metrics.create().compute(accumulator, metrics=metrics, name="run")
    return {m: float(summary[m].iloc[0]) for m in metrics}


def iou_distances(gt: list[list[float]], hyp: list[list[float]], max_distance: float) -> np.ndarray:
    """What mm.distances.iou_matrix computes (1 - IoU, NaN past max_distance); motmetrics 1.4's own
    calls np.asfarray, which numpy 2 removed, so it is written out here, independently of annota's IoU."""
    out = np.full((len(gt), len(hyp)), np.nan)
    for i, (x, y, w, h) in enumerate(gt):
        for j, (u, v, p, q) in enumerate(hyp):
            iw = max(0.0, min(x + w, u + p) - max(x, u))
            ih = max(0.0, min(y + h, v + q) - max(y, v))
            distance = 1.0 - iw * ih / (w * h + p * q - iw * ih)
            if distance <= max_distance:
                out[i, j] = distance
    return out


def _xywh(o: FrameObject) -> list[float]:
    g = o.geometry
    assert isinstance(g, RectangleGeometry)
    return [g.x1, g.y1, g.width, g.height]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("threshold", [0.5, 0.3])
def test_mota_idf1_and_switches_are_motmetrics(seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    reference = reference_tracks(rng, int(rng.integers(3, 7)))
    annotated = annotated_tracks(rng, reference)
    a = frame_objects(AnnotationDocument(0, tracks=tuple(annotated)), range(FRAMES))
    r = frame_objects(AnnotationDocument(0, tracks=tuple(reference)), range(FRAMES))
    expected = motmetrics_summary(a, r, threshold)
    ours = tracking_counts(
        range(FRAMES), a, r, QualitySettings(iou_threshold=threshold, low_overlap_threshold=threshold)
    )
    assert ours is not None
    assert ours.reference_states == expected["num_objects"]
    # motmetrics counts a pairing that switches identity as a switch, not a match; ours counts it in both
    assert (ours.matches - ours.switches, ours.misses, ours.false_positives, ours.switches) == (
        expected["num_matches"],
        expected["num_misses"],
        expected["num_false_positives"],
        expected["num_switches"],
    )
    assert ours.mota == pytest.approx(expected["mota"], abs=1e-12)
    assert ours.idf1 == pytest.approx(expected["idf1"], abs=1e-12)


def test_a_swap_of_two_tracks_is_two_identity_switches_by_hand() -> None:
    # Two objects side by side for 4 frames; the annotator's two tracks swap them after frame 1.
    left = [(f, box(0, 0), False) for f in range(4)]
    right = [(f, box(100, 0), False) for f in range(4)]
    reference = [track("L", left), track("R", right)]
    annotated = [
        track(
            "a",
            [(0, box(0, 0), False), (1, box(0, 0), False), (2, box(100, 0), False), (3, box(100, 0), False)],
        ),
        track(
            "b",
            [(0, box(100, 0), False), (1, box(100, 0), False), (2, box(0, 0), False), (3, box(0, 0), False)],
        ),
    ]
    report = compare_documents(
        AnnotationDocument(0, tracks=tuple(annotated)),
        AnnotationDocument(0, tracks=tuple(reference)),
        range(4),
    )
    t = report.tracking
    assert t is not None
    # 8 states, all matched; L and R each change partner once: MOTA = 1 - 2/8.
    assert (t.reference_states, t.matches, t.misses, t.false_positives, t.switches) == (8, 8, 0, 0, 2)
    assert t.mota == pytest.approx(0.75)
    # Best whole-track pairing: a-L (2 frames) and b-R (2 frames): IDTP 4 of 8 on each side, IDF1 = 0.5.
    assert (t.idtp, t.idfp, t.idfn) == (4, 4, 4) and t.idf1 == pytest.approx(0.5)


def test_an_interpolated_track_is_compared_on_the_frames_between_its_keyframes() -> None:
    reference = [track("R", [(0, box(0, 0), False), (10, box(100, 0), False), (11, box(100, 0), True)])]
    # Same path, but the annotator's keyframes are at 0 and 5 and 10: states match on every frame.
    annotated = [
        track(
            "A",
            [
                (0, box(0, 0), False),
                (5, box(50, 0), False),
                (10, box(100, 0), False),
                (11, box(100, 0), True),
            ],
        )
    ]
    report = compare_documents(
        AnnotationDocument(0, tracks=tuple(annotated)),
        AnnotationDocument(0, tracks=tuple(reference)),
        range(15),
    )
    t = report.tracking
    assert t is not None and (t.reference_states, t.matches, t.switches) == (11, 11, 0)
    assert t.mota == 1.0 and t.idf1 == 1.0
    assert report.counts.matched == 11 and report.counts.mean_iou == pytest.approx(1.0)


def test_documents_without_tracks_have_no_tracking_metrics() -> None:
    report = compare_documents(AnnotationDocument(0), AnnotationDocument(0), range(3))
    assert report.tracking is None
