from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annota.domain.document import (
    AnnotationDiff,
    AnnotationDocument,
    CollectionDiff,
    apply_diff,
    diff_between,
    diff_from_dict,
    diff_to_dict,
    document_from_dict,
    document_to_dict,
)
from annota.domain.labels import Label, LabelKind
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes.codec import shape_from_dict
from annota.domain.tags import tag_from_dict

from .strategies import shape_dicts

LABELS = {1: Label("thing", "#ff0000", LabelKind.ANY)}


def rect(shape_id: str, x: float = 0.0, **overrides: Any) -> dict[str, Any]:
    d = {"id": shape_id, "kind": "rectangle", "label_id": 1, "frame": 0, "points": [x, 0, x + 10, 10]}
    d.update(overrides)
    return d


def track(track_id: str) -> dict[str, Any]:
    keyframe = {"frame": 0, "points": [0, 0, 1, 1]}
    return {"id": track_id, "kind": "rectangle", "label_id": 1, "keyframes": [keyframe]}


def tag(tag_id: str) -> dict[str, Any]:
    return {"id": tag_id, "label_id": 1, "frame": 0}


def diff_problems(d: Any, labels: Any = None) -> list[tuple[Any, str]]:
    with pytest.raises(DomainValidationError) as info:
        diff_from_dict(d, labels)
    return [(p.loc, p.type) for p in info.value.problems]


def test_document_dict_round_trips() -> None:
    doc = document_from_dict(
        {"revision": 4, "shapes": [rect("a")], "tracks": [track("t")], "tags": [tag("g")]}
    )
    assert doc.revision == 4
    assert [len(doc.shapes), len(doc.tracks), len(doc.tags)] == [1, 1, 1]
    assert document_from_dict(document_to_dict(doc)) == doc


def test_document_problems_are_located_by_collection_and_index() -> None:
    with pytest.raises(DomainValidationError) as info:
        document_from_dict({"revision": -1, "shapes": [rect("a"), rect("a"), rect("b", kind="polygon")]})
    assert [(p.loc, p.type) for p in info.value.problems] == [
        (("revision",), ProblemType.OUT_OF_RANGE),
        (("shapes", 2, "points"), ProblemType.TOO_SHORT),
        (("shapes", 1, "id"), ProblemType.DUPLICATE),
    ]


def test_document_needs_a_revision_and_refuses_unknown_collections() -> None:
    with pytest.raises(DomainValidationError) as info:
        document_from_dict({"boxes": []})
    assert [p.loc for p in info.value.problems] == [("boxes",), ("revision",)]


def test_diff_dict_round_trips() -> None:
    d = {
        "shapes": {"create": [rect("a")], "update": [rect("b")], "delete": ["c"]},
        "tracks": {"create": [track("t")], "update": [], "delete": []},
        "tags": {"create": [], "update": [tag("g")], "delete": ["h"]},
    }
    diff = diff_from_dict(d, LABELS)
    assert [s.id for s in diff.shapes.create] == ["a"]
    assert diff.tags.delete == ("h",)
    assert diff_from_dict(diff_to_dict(diff)) == diff


def test_missing_collections_and_operations_are_empty() -> None:
    diff = diff_from_dict({"shapes": {"delete": ["x"]}})
    assert diff == AnnotationDiff(shapes=CollectionDiff(delete=("x",)))
    assert diff_from_dict({}).is_empty


def test_diff_problems_are_located_by_collection_operation_and_index() -> None:
    d = {
        "shapes": {
            "create": [
                rect("a"),
                rect("b"),
                rect("c"),
                rect("d"),
                rect("e", kind="polygon", points=[0, 0, 1, 1]),
            ]
        },
        "tags": {"update": [tag("g"), {"id": "h"}], "delete": [7]},
        "tracks": {"remove": []},
    }
    assert diff_problems(d) == [
        (("shapes", "create", 4, "points"), ProblemType.TOO_SHORT),
        (("tracks", "remove"), ProblemType.EXTRA_FORBIDDEN),
        (("tags", "update", 1, "label_id"), ProblemType.MISSING),
        (("tags", "update", 1, "frame"), ProblemType.MISSING),
        (("tags", "delete", 0), ProblemType.STRING_TYPE),
    ]


def test_an_id_may_appear_only_once_per_collection_in_a_diff() -> None:
    d = {
        "shapes": {"create": [rect("a")], "update": [rect("a")], "delete": ["a", "b", "b"]},
        "tags": {"delete": ["a"]},
    }
    with pytest.raises(DomainValidationError) as info:
        diff_from_dict(d)
    assert [(p.loc, p.msg) for p in info.value.problems] == [
        (("shapes", "update", 0, "id"), "id 'a' already appears at shapes.create[0].id"),
        (("shapes", "delete", 0), "id 'a' already appears at shapes.create[0].id"),
        (("shapes", "delete", 2), "id 'b' already appears at shapes.delete[1]"),
    ]


def test_diff_checks_labels_when_given() -> None:
    assert diff_problems({"shapes": {"create": [rect("a", label_id=5)]}}, LABELS) == [
        (("shapes", "create", 0, "label_id"), ProblemType.UNKNOWN_LABEL)
    ]


def test_diff_between_lists_only_what_changed() -> None:
    old = AnnotationDocument(
        3,
        (shape_from_dict(rect("a")), shape_from_dict(rect("b")), shape_from_dict(rect("c"))),
        (),
        (tag_from_dict(tag("g")),),
    )
    new = AnnotationDocument(
        3, (shape_from_dict(rect("a")), shape_from_dict(rect("b", x=5)), shape_from_dict(rect("d")))
    )
    diff = diff_between(old, new)
    assert [s.id for s in diff.shapes.create] == ["d"]
    assert [s.id for s in diff.shapes.update] == ["b"]
    assert diff.shapes.delete == ("c",)
    assert diff.tags.delete == ("g",)
    assert diff.tracks.is_empty
    assert diff_between(new, new).is_empty


@st.composite
def documents(draw: st.DrawFn) -> AnnotationDocument:
    dicts = draw(st.lists(shape_dicts(kind="rectangle"), max_size=5, unique_by=lambda d: d["id"]))
    return AnnotationDocument(0, tuple(shape_from_dict(d) for d in dicts))


@settings(max_examples=40)
@given(documents(), documents())
def test_applying_diff_between_old_and_new_gives_new(
    old: AnnotationDocument, new: AnnotationDocument
) -> None:
    shared = old.shapes[:1]  # keep one object in both so that updates and no-ops occur too
    new = AnnotationDocument(0, shared + tuple(s for s in new.shapes if s.id not in {o.id for o in shared}))
    applied = apply_diff(old, diff_between(old, new))
    assert applied.revision == old.revision + 1
    assert {s.id: s for s in applied.shapes} == {s.id: s for s in new.shapes}


def test_apply_diff_refuses_unknown_updates_and_deletes_and_existing_creates() -> None:
    doc = AnnotationDocument(1, (shape_from_dict(rect("a")),))
    diff = diff_from_dict({"shapes": {"create": [rect("a")], "update": [rect("x")], "delete": ["y"]}})
    with pytest.raises(DomainValidationError) as info:
        apply_diff(doc, diff)
    assert [(p.loc, p.type) for p in info.value.problems] == [
        (("shapes", "create", 0, "id"), ProblemType.DUPLICATE),
        (("shapes", "update", 0, "id"), ProblemType.UNKNOWN_ID),
        (("shapes", "delete", 0), ProblemType.UNKNOWN_ID),
    ]
