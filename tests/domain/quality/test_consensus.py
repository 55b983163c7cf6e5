"""Consensus merge on hand-checked frames: clusters by matching, label and attribute votes, the medoid's
geometry, quorum, and per-frame agreement."""

from __future__ import annotations

from typing import Any

import pytest

from annota.domain.problems import DomainValidationError
from annota.domain.quality import FrameObject
from annota.domain.quality.consensus import ConsensusSettings, merge
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry


def box(id: str, x: float, label: int = 1, frame: int = 0, **attributes: Any) -> FrameObject:
    return FrameObject(id, frame, "rectangle", label, RectangleGeometry(x, 0, x + 10, 10), attributes)


def test_three_replicas_agreeing_on_one_box_give_it_with_full_agreement() -> None:
    result = merge([{0: [box("a", 0)]}, {0: [box("b", 1)]}, {0: [box("c", 0.5)]}], [0])

    (frame,) = result.frames
    (kept,) = frame.objects
    # c (x = 0.5) is the most similar to the two others: its geometry is kept
    assert kept.object.id == "c" and kept.votes == 3
    assert frame.agreement == 1.0 and not frame.flagged
    assert [m.replica for m in kept.members] == [0, 1, 2]


def test_the_label_and_each_attribute_are_those_most_voted() -> None:
    replicas = [
        {0: [box("a", 0, label=1, colour="red")]},
        {0: [box("b", 0, label=2, colour="blue")]},
        {0: [box("c", 0, label=2, colour="green")]},
        {0: [box("d", 0, label=2, colour="green")]},
    ]

    (kept,) = merge(replicas, [0]).frames[0].objects

    assert kept.object.label_id == 2 and kept.votes == 3
    assert kept.object.attributes == {"colour": "green"}


def test_an_object_drawn_by_too_few_replicas_is_dropped_and_lowers_agreement() -> None:
    replicas = [{0: [box("a", 0), box("lonely", 100)]}, {0: [box("b", 0)]}, {0: [box("c", 0)]}]

    (frame,) = merge(replicas, [0], ConsensusSettings(quorum=0.5, agreement_threshold=0.9)).frames

    assert [o.object.id for o in frame.objects] == ["a"]
    # clusters: {a, b, c} drawn by 3/3, {lonely} by 1/3: agreement (1 + 1/3) / 2
    assert frame.clusters == 2 and frame.agreement == pytest.approx(2 / 3)
    assert frame.flagged


def test_a_frame_nobody_drew_on_is_in_full_agreement() -> None:
    result = merge([{}, {}], [0, 1])

    assert [(f.frame, f.agreement, f.flagged) for f in result.frames] == [(0, 1.0, False), (1, 1.0, False)]
    assert result.objects == 0 and result.mean_agreement == 1.0


def test_a_label_split_between_replicas_is_low_agreement() -> None:
    replicas = [{0: [box("a", 0, label=1)]}, {0: [box("b", 0, label=2)]}]

    (frame,) = merge(replicas, [0]).frames

    assert frame.agreement == 0.5 and frame.objects[0].object.label_id == 1  # the tie goes to replica 0
    assert not frame.flagged  # the default threshold is 0.5: below flags


def test_one_replica_or_twelve_is_refused_with_the_place_named() -> None:
    with pytest.raises(DomainValidationError) as one:
        merge([{}], [0])
    with pytest.raises(DomainValidationError) as twelve:
        merge([{}] * 12, [0])

    assert one.value.problems[0].loc == ("replicas",) and twelve.value.problems[0].loc == ("replicas",)


def test_a_quorum_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(DomainValidationError) as error:
        ConsensusSettings(quorum=0)

    assert error.value.problems[0].loc == ("quorum",)


def test_objects_of_different_families_never_share_a_cluster() -> None:
    square = FrameObject("p", 0, "polygon", 1, PolygonGeometry((0, 0, 10, 0, 10, 10, 0, 10)))

    (frame,) = merge([{0: [box("a", 0)]}, {0: [square]}], [0], ConsensusSettings(quorum=0.5)).frames

    assert frame.clusters == 2 and sorted(o.object.id for o in frame.objects) == ["a", "p"]
    assert frame.agreement == 0.5
