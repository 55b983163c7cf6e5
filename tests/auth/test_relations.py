from __future__ import annotations

from annota.auth.policy.relations import _covers


def test_frames_are_covered_when_the_spans_leave_no_gap() -> None:
    assert _covers([(0, 1), (2, 5)], 0, 5)
    assert _covers([(0, 3), (1, 2)], 1, 3)
    assert _covers([(4, 9)], 5, 5)


def test_a_gap_or_a_span_ending_early_leaves_frames_uncovered() -> None:
    assert not _covers([(0, 1), (4, 5)], 0, 5)
    assert not _covers([(0, 1)], 0, 2)
    assert not _covers([(1, 5)], 0, 5)
    assert not _covers([], 0, 0)
