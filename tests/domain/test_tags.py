from typing import Any

import pytest

from annota.domain.attributes import AttributeKind, AttributeSpec
from annota.domain.labels import Label, LabelKind
from annota.domain.problems import DomainValidationError, ProblemType
from annota.domain.shapes.base import Source
from annota.domain.tags import Tag, tag_from_dict, tag_to_dict

LABELS = {
    1: Label("night", "#000000", LabelKind.TAG, (AttributeSpec("dark", AttributeKind.CHECKBOX),)),
    2: Label("car", "#ffffff", LabelKind.RECTANGLE),
}
FULL = {
    "id": "t1",
    "label_id": 1,
    "frame": 3,
    "stop_frame": 9,
    "attributes": {"dark": True},
    "source": "model",
    "score": 0.75,
}


def problems(d: Any, labels: Any = None) -> list[tuple[Any, str]]:
    with pytest.raises(DomainValidationError) as info:
        tag_from_dict(d, ("tags", 0), labels)
    return [(p.loc, p.type) for p in info.value.problems]


def test_tag_dict_round_trips() -> None:
    tag = tag_from_dict(FULL, (), LABELS)
    assert tag == Tag("t1", 1, 3, 9, {"dark": True}, Source.MODEL, 0.75)
    assert tag_to_dict(tag) == FULL


def test_an_image_tag_stops_on_its_own_frame() -> None:
    tag = tag_from_dict({"id": "t", "label_id": 1, "frame": 4, "kind": "tag"})
    assert tag.stop_frame == 4
    assert tag.covers(4)
    assert not tag.covers(5)


def test_stop_frame_before_frame_is_located() -> None:
    assert problems(dict(FULL, stop_frame=2)) == [(("tags", 0, "stop_frame"), ProblemType.BOUNDS_ORDER)]
    with pytest.raises(DomainValidationError):
        Tag("t", 1, 5, 4)


def test_a_tag_of_another_kind_is_refused() -> None:
    assert problems(dict(FULL, kind="rectangle")) == [(("tags", 0, "kind"), ProblemType.UNKNOWN_KIND)]


def test_labels_check_the_label_allows_tags_and_the_attributes() -> None:
    assert problems(dict(FULL, label_id=2), LABELS) == [(("tags", 0, "kind"), ProblemType.KIND_NOT_ALLOWED)]
    assert problems(dict(FULL, attributes={"dark": "yes"}), LABELS) == [
        (("tags", 0, "attributes", "dark"), ProblemType.ATTRIBUTE_VALUE)
    ]


def test_missing_fields_and_unknown_fields_are_all_reported() -> None:
    assert problems({"points": []}) == [
        (("tags", 0, "points"), ProblemType.EXTRA_FORBIDDEN),
        (("tags", 0, "id"), ProblemType.MISSING),
        (("tags", 0, "label_id"), ProblemType.MISSING),
        (("tags", 0, "frame"), ProblemType.MISSING),
    ]
