from typing import Any

from hypothesis import given

from annota.domain.labels import Label, LabelKind, SkeletonPoint, SkeletonTemplate
from annota.domain.problems import ProblemType
from annota.domain.shapes import skeleton
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.skeleton import SkeletonGeometry

from ..strategies import skeleton_fields

V, OCC, X = Visibility.VISIBLE, Visibility.OCCLUDED, Visibility.OUTSIDE
TEMPLATE = SkeletonTemplate((SkeletonPoint("head", 0.5, 0), SkeletonPoint("foot", 0.5, 1)), ((0, 1),))
PERSON = Label("person", "#112233", LabelKind.SKELETON, skeleton=TEMPLATE)


@given(skeleton_fields())
def test_dump_inverts_parse(fields: dict[str, Any]) -> None:
    g, problems = skeleton.parse(fields, ())
    assert problems == []
    assert g is not None
    assert skeleton.dump(g) == fields


def test_visibility_length_must_match_the_point_count() -> None:
    g, problems = skeleton.parse({"points": [0, 0, 1, 1], "visibility": ["visible"]}, ("shapes", 5))
    assert g is None
    assert [(p.loc, p.type, p.msg) for p in problems] == [
        (
            ("shapes", 5, "visibility"),
            ProblemType.WRONG_LENGTH,
            "skeleton has 2 points but 1 visibility entries",
        )
    ]


def test_unknown_visibility_is_located_by_index() -> None:
    _, problems = skeleton.parse({"points": [0, 0, 1, 1], "visibility": ["visible", "hidden"]}, ())
    assert [(p.loc, p.type) for p in problems] == [(("visibility", 1), ProblemType.ENUM)]


def test_missing_visibility_is_reported() -> None:
    _, problems = skeleton.parse({"points": [0, 0]}, ())
    assert [(p.loc, p.type) for p in problems] == [(("visibility",), ProblemType.MISSING)]


def test_point_count_must_match_the_label_template() -> None:
    g = SkeletonGeometry((0, 0, 1, 1, 2, 2), (V, V, V))
    assert [(p.loc, p.type) for p in skeleton.check_label(g, PERSON, ("shapes", 0))] == [
        (("shapes", 0, "points"), ProblemType.SKELETON)
    ]
    assert skeleton.check_label(SkeletonGeometry((0, 0, 1, 1), (V, X)), PERSON, ()) == []


def test_outside_points_take_no_part_in_bbox_and_hit_test() -> None:
    g = SkeletonGeometry((0, 0, 10, 10, 100, 100), (V, OCC, X))
    assert skeleton.bbox(g) == (0, 0, 10, 10)
    assert skeleton.contains(g, 10, 10)
    assert not skeleton.contains(g, 100, 100)
    assert skeleton.contains(g, 11, 10, tolerance=1.0)
    assert len(skeleton.to_shapely(g).geoms) == 2


def test_bbox_falls_back_to_all_points_when_every_point_is_outside() -> None:
    g = SkeletonGeometry((1, 2, 3, 4), (X, X))
    assert skeleton.bbox(g) == (1, 2, 3, 4)
    assert not skeleton.contains(g, 1, 2, tolerance=5.0)


def test_area_is_zero() -> None:
    assert skeleton.area(SkeletonGeometry((0, 0), (V,))) == 0.0


def test_translate_moves_outside_points_too() -> None:
    g = SkeletonGeometry((0, 0, 5, 5), (V, X))
    assert skeleton.translate(g, 1, 1) == SkeletonGeometry((1, 1, 6, 6), (V, X))
