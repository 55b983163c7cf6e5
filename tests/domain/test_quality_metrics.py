"""Quality metrics and conflicts on small hand-checked cases (the derivations are in the comments and in
docs/quality.md, whose examples these are)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind
from annota.domain.problems import DomainValidationError
from annota.domain.quality import (
    FAMILY_OF_KIND,
    ConflictType,
    Counts,
    FrameObject,
    LabelMatching,
    MatchMethod,
    Origin,
    QualitySettings,
    Severity,
    compare,
)
from annota.domain.quality.measures.keypoints import oks, unordered_oks
from annota.domain.quality.measures.lines import symmetric_mean_distance
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import encode
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.polyline import PolylineGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.shapes.registry import KINDS
from annota.domain.shapes.skeleton import SkeletonGeometry


def obj(id: str, geometry: Any, label: int = 1, **fields: Any) -> FrameObject:
    kinds = {
        RectangleGeometry: "rectangle",
        PolygonGeometry: "polygon",
        PointsGeometry: "points",
        PolylineGeometry: "polyline",
        SkeletonGeometry: "skeleton",
        EllipseGeometry: "ellipse",
    }
    kind = "tag" if geometry is None else kinds.get(type(geometry), "mask")
    return FrameObject(id, 0, kind, label, geometry, **fields)


def box(x: float, y: float = 0.0, w: float = 10.0, h: float = 10.0) -> RectangleGeometry:
    return RectangleGeometry(x, y, x + w, y + h)


def one_frame(annotated: list[FrameObject], reference: list[FrameObject], **settings: Any) -> Any:
    return compare({0: annotated}, {0: reference}, [0], QualitySettings(**settings))


def conflicts(report: Any) -> list[tuple[str, str | None, str | None]]:
    return sorted((c.type.value, c.annotation_id, c.reference_id) for c in report.conflicts())


def test_every_shape_kind_has_a_family() -> None:
    assert set(FAMILY_OF_KIND) == set(KINDS)


def test_a_perfect_annotation_scores_one_everywhere() -> None:
    reference = [obj("r1", box(0)), obj("r2", box(50), label=2)]
    annotated = [obj("a1", box(0)), obj("a2", box(50), label=2)]
    c = one_frame(annotated, reference).counts
    assert (c.precision, c.recall, c.f1, c.accuracy, c.label_accuracy, c.mean_iou) == (1, 1, 1, 1, 1, 1)
    assert c.attribute_accuracy is None  # no attribute to compare
    assert sum(c.conflicts.values()) == 0


def test_missing_extra_and_wrong_label_by_hand() -> None:
    # r1-a1 overlap 9x10 / (2*100 - 90) = 90/110 = 0.818; r2-a2 the same, labels 1 vs 2; r3, a3 alone.
    reference = [obj("r1", box(0)), obj("r2", box(20)), obj("r3", box(50))]
    annotated = [obj("a1", box(1)), obj("a2", box(21), label=2), obj("a3", box(100))]
    report = one_frame(annotated, reference)
    assert conflicts(report) == [
        ("extra_object", "a3", None),
        ("missing_object", None, "r3"),
        ("wrong_label", "a2", "r2"),
    ]
    c = report.counts
    assert (c.matched, c.wrong_label, c.missing, c.extra) == (1, 1, 1, 1)
    # precision = recall = 1/3; accuracy = 1 / (3 + 3 - 1 - 1); label accuracy = 1 / (1 + 1)
    assert c.precision == c.recall == c.f1 == pytest.approx(1 / 3)
    assert c.accuracy == pytest.approx(1 / 4) and c.label_accuracy == 0.5
    assert c.mean_iou == pytest.approx(90 / 110)
    wrong = next(x for x in report.conflicts() if x.type is ConflictType.WRONG_LABEL)
    assert (wrong.label_id, wrong.annotated_label_id, wrong.severity) == (1, 2, Severity.ERROR)
    assert report.labels[1].recall == pytest.approx(1 / 3) and report.labels[2].precision == 0.0


def test_label_matching_modes_decide_what_a_wrong_label_is() -> None:
    reference = [obj("r", box(0))]
    annotated = [obj("a", box(0), label=2)]
    strict = one_frame(annotated, reference, label_matching=LabelMatching.PER_LABEL)
    assert conflicts(strict) == [("extra_object", "a", None), ("missing_object", None, "r")]
    for mode in (LabelMatching.PER_LABEL_THEN_ANY, LabelMatching.ANY_LABEL):
        assert conflicts(one_frame(annotated, reference, label_matching=mode)) == [("wrong_label", "a", "r")]


def test_any_label_pairs_on_geometry_even_when_a_right_label_is_nearby() -> None:
    # a1 (label 2) covers r exactly, a2 (label 1) only at IoU 0.6: per label first pairs a2 with r.
    reference = [obj("r", box(0))]
    annotated = [obj("a1", box(0), label=2), obj("a2", box(2.5))]
    assert conflicts(one_frame(annotated, reference)) == [
        ("extra_object", "a1", None),
        ("low_overlap", "a2", "r"),
    ]
    any_label = one_frame(annotated, reference, label_matching=LabelMatching.ANY_LABEL)
    assert conflicts(any_label) == [("extra_object", "a2", None), ("wrong_label", "a1", "r")]


def test_greedy_by_score_can_make_fewer_pairs_than_hungarian() -> None:
    # a0 (scored higher) overlaps r0 best and r1 a little; a1 only overlaps r0.
    reference = [obj("r0", box(0)), obj("r1", box(4))]
    annotated = [obj("a0", box(1), score=0.9), obj("a1", box(-2), score=0.5)]
    greedy = one_frame(annotated, reference, method=MatchMethod.GREEDY)
    hungarian = one_frame(annotated, reference, method=MatchMethod.HUNGARIAN)
    assert greedy.counts.matched == 1 and hungarian.counts.matched == 2
    assert {(m.annotation_id, m.reference_id) for m in hungarian.frames[0].matches} == {
        ("a0", "r1"),
        ("a1", "r0"),
    }


def test_low_overlap_is_a_warning_on_a_counted_match() -> None:
    report = one_frame([obj("a", box(3))], [obj("r", box(0))])  # IoU 70/130 = 0.54
    assert conflicts(report) == [("low_overlap", "a", "r")]
    assert report.counts.matched == 1 and report.counts.precision == 1.0
    (conflict,) = report.conflicts()
    assert conflict.severity is Severity.WARNING and conflict.similarity == pytest.approx(70 / 130)


def test_attributes_compare_with_label_defaults_and_ignore_what_is_asked() -> None:
    colour = AttributeSpec("colour", AttributeKind.SELECT, ("red", "blue"), default="red")
    parked = AttributeSpec("parked", AttributeKind.CHECKBOX)
    labels = {1: Label("car", "#ff0000", LabelKind.RECTANGLE, (colour, parked), id=1)}
    reference = [
        obj("r1", box(0), attributes={"colour": "blue"}),
        obj("r2", box(50), attributes={"parked": False}),
    ]
    annotated = [
        obj("a1", box(0), attributes={"colour": "red"}),
        obj("a2", box(50), attributes={"colour": "red"}),
    ]
    report = compare({0: annotated}, {0: reference}, [0], QualitySettings(), labels)
    # a1: colour red vs blue differs; a2: colour red = default red, parked unset = default False.
    assert conflicts(report) == [("wrong_attribute", "a1", "r1")]
    (conflict,) = report.conflicts()
    assert conflict.attributes == ("colour",)
    assert report.counts.attribute_accuracy == 0.5
    ignoring = compare(
        {0: annotated}, {0: reference}, [0], QualitySettings(ignored_attributes=frozenset({"colour"})), labels
    )
    assert conflicts(ignoring) == [] and ignoring.counts.attribute_accuracy == 1.0
    off = compare({0: annotated}, {0: reference}, [0], QualitySettings(compare_attributes=False), labels)
    assert off.counts.attribute_accuracy is None


def test_a_group_split_differently_is_a_mismatched_group() -> None:
    # Reference: r1 and r2 form one group (a person and their bag); the annotator grouped a1 with a3 instead.
    reference = [obj("r1", box(0), group=1), obj("r2", box(20), group=1), obj("r3", box(40))]
    annotated = [obj("a1", box(0), group=7), obj("a2", box(20)), obj("a3", box(40), group=7)]
    report = one_frame(annotated, reference)
    assert conflicts(report) == [
        ("mismatched_group", "a1", "r1"),
        ("mismatched_group", "a2", "r2"),
        ("mismatched_group", "a3", "r3"),
    ]
    same = [obj("a1", box(0), group=3), obj("a2", box(20), group=3), obj("a3", box(40))]
    assert conflicts(one_frame(same, reference)) == []


def test_oks_of_lone_points_by_hand() -> None:
    # One point 3 px off, area floor 1024 px², sigma 0.09: exp(-9 / (2 * 1024 * 0.18²)) = exp(-0.1356)
    expected = math.exp(-9 / (2 * 1024 * 0.18**2))
    report = one_frame([obj("a", PointsGeometry((13.0, 10.0)))], [obj("r", PointsGeometry((10.0, 10.0)))])
    assert report.frames[0].matches[0].similarity == pytest.approx(expected)
    assert report.counts.mean_similarity(FAMILY_OF_KIND["points"].measure) == pytest.approx(expected)


def test_oks_of_point_sets_ignores_their_order() -> None:
    a = np.array([[10.0, 0.0], [0.0, 0.0]])
    r = np.array([[0.0, 0.0], [10.0, 0.0]])
    assert unordered_oks(a, r, 0.09, 100.0) == pytest.approx(1.0)
    # a third annotated point with no counterpart: two perfect points out of three
    a3 = np.vstack([a, [[50.0, 50.0]]])
    assert unordered_oks(a3, r, 0.09, 100.0) == pytest.approx(2 / 3)


def test_skeleton_oks_counts_a_point_present_on_one_side_as_a_miss() -> None:
    xy = np.array([[0.0, 0.0], [10.0, 10.0], [20.0, 0.0]])
    both = np.array([True, True, True])
    assert oks(xy, both, xy, both, np.full(3, 0.09), 200.0) == 1.0
    assert oks(xy, np.array([True, True, False]), xy, both, np.full(3, 0.09), 200.0) == pytest.approx(2 / 3)
    nothing = np.array([False, False, False])
    assert oks(xy, nothing, xy, nothing, np.full(3, 0.09), 200.0) == 1.0


def test_skeleton_sigmas_are_per_label_and_must_fit_the_template() -> None:
    ref = SkeletonGeometry((0.0, 0.0, 40.0, 40.0), (Visibility.VISIBLE, Visibility.VISIBLE))
    ann = SkeletonGeometry((3.0, 0.0, 40.0, 40.0), (Visibility.VISIBLE, Visibility.VISIBLE))
    loose = one_frame([obj("a", ann)], [obj("r", ref)], skeleton_sigmas={1: (1.0, 1.0)})
    # area 1600 (the box 40x40); point 0 is 3 px off with sigma 1: (exp(-9 / (2*1600*4)) + 1) / 2
    assert loose.frames[0].matches[0].similarity == pytest.approx((math.exp(-9 / 12800) + 1) / 2)
    with pytest.raises(DomainValidationError) as error:
        one_frame([obj("a", ann)], [obj("r", ref)], skeleton_sigmas={1: (0.1, 0.1, 0.1)})
    assert [p.loc for p in error.value.problems] == [("skeleton_sigmas", 1)]


def test_polyline_similarity_and_reversed_direction_by_hand() -> None:
    line = PolylineGeometry((0.0, 0.0, 100.0, 0.0))
    shifted = PolylineGeometry((0.0, 4.0, 100.0, 4.0))  # 4 px away everywhere: D = 4
    assert symmetric_mean_distance(
        np.reshape(line.points, (-1, 2)), np.reshape(shifted.points, (-1, 2))
    ) == pytest.approx(4.0)
    report = one_frame([obj("a", shifted)], [obj("r", line)])
    assert report.frames[0].matches[0].similarity == pytest.approx(1 - 4 / 10)
    backwards = PolylineGeometry((100.0, 0.0, 0.0, 0.0))
    report = one_frame([obj("a", backwards)], [obj("r", line)])
    assert conflicts(report) == [("reversed_direction", "a", "r")]
    # the distance does not depend on the direction
    assert report.frames[0].matches[0].similarity == pytest.approx(1.0)
    far = PolylineGeometry((0.0, 30.0, 100.0, 30.0))
    assert conflicts(one_frame([obj("a", far)], [obj("r", line)])) == [
        ("extra_object", "a", None),
        ("missing_object", None, "r"),
    ]


def test_masks_polygons_and_ellipses_pair_within_their_families() -> None:
    square = np.ones((10, 10), dtype=bool)
    polygon = PolygonGeometry((0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0))
    report = one_frame([obj("mask", encode(square))], [obj("poly", polygon)])
    assert report.frames[0].matches[0].similarity == pytest.approx(1.0)  # a mask against a polygon: exact
    ellipse = EllipseGeometry(5.0, 5.0, 5.0, 5.0)
    assert conflicts(one_frame([obj("e", ellipse)], [obj("poly", polygon)])) == [
        ("extra_object", "e", None),
        ("missing_object", None, "poly"),
    ]


def test_rotated_boxes_are_measured_exactly() -> None:
    upright = RectangleGeometry(0.0, 0.0, 10.0, 10.0)
    turned = RectangleGeometry(0.0, 0.0, 10.0, 10.0, 45.0)
    # the square and itself turned by 45° around the centre: the octagon of area 200(√2 − 1) over the union
    inter = 200 * (math.sqrt(2) - 1)
    report = one_frame([obj("a", turned)], [obj("r", upright)], iou_threshold=0.1, low_overlap_threshold=0.1)
    assert report.frames[0].matches[0].similarity == pytest.approx(inter / (200 - inter))


def test_tags_pair_by_label() -> None:
    reference = [obj("t1", None, label=5, origin=Origin.TAG), obj("t2", None, label=6, origin=Origin.TAG)]
    annotated = [obj("u1", None, label=5, origin=Origin.TAG)]
    report = one_frame(annotated, reference, label_matching=LabelMatching.PER_LABEL)
    assert conflicts(report) == [("missing_object", None, "t2")]
    assert report.counts.mean_iou is None


def test_ratios_without_objects_are_none_and_counts_add_up() -> None:
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1, empty.label_accuracy, empty.mean_iou) == (None,) * 5
    report = compare({0: [obj("a", box(0))], 1: []}, {0: [obj("r", box(0))], 1: [obj("s", box(0))]}, [0, 1])
    total = Counts()
    for frame in report.frames:
        total.add(frame.counts)
    assert (
        (total.matched, total.missing, total.reference)
        == (1, 1, 2)
        == (
            report.counts.matched,
            report.counts.missing,
            report.counts.reference,
        )
    )
    assert report.counts.recall == 0.5


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"iou_threshold": 0.0}, ("iou_threshold",)),
        ({"iou_threshold": 1.5}, ("iou_threshold",)),
        ({"iou_threshold": 0.6, "low_overlap_threshold": 0.5}, ("low_overlap_threshold",)),
        ({"oks_sigma": -1.0}, ("oks_sigma",)),
        ({"line_tolerance": math.inf}, ("line_tolerance",)),
        ({"skeleton_sigmas": {3: (0.1, 0.0)}}, ("skeleton_sigmas", 3, 1)),
    ],
)
def test_bad_settings_are_refused_at_the_field(fields: dict[str, Any], loc: tuple[Any, ...]) -> None:
    with pytest.raises(DomainValidationError) as error:
        QualitySettings(**fields)
    assert [p.loc for p in error.value.problems] == [loc]


def test_every_problem_of_the_settings_is_reported_at_once() -> None:
    with pytest.raises(DomainValidationError) as error:
        QualitySettings(iou_threshold=2.0, oks_sigma=0.0, min_point_area=-1.0)
    assert {p.loc for p in error.value.problems} == {("iou_threshold",), ("oks_sigma",), ("min_point_area",)}
