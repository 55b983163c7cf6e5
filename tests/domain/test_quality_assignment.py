"""The assignment solvers: our Hungarian against scipy's linear_sum_assignment (the reference), and the
pairing rules built on it, by hand."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from annota.domain.quality.assignment import best_pairs, components, greedy_pairs, linear_sum_assignment

costs = st.tuples(st.integers(0, 7), st.integers(0, 7)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.floats(-100, 100, allow_nan=False, width=32))
)


@settings(max_examples=300, deadline=None)
@given(costs, st.booleans())
def test_linear_sum_assignment_finds_scipys_optimum(cost: np.ndarray, maximize: bool) -> None:
    rows, columns = linear_sum_assignment(cost, maximize=maximize)
    expected_rows, expected_columns = scipy.optimize.linear_sum_assignment(cost, maximize=maximize)
    assert len(rows) == len(expected_rows) == min(cost.shape)
    assert list(rows) == sorted(rows) and len(set(columns.tolist())) == len(columns)
    assert cost[rows, columns].sum() == pytest.approx(cost[expected_rows, expected_columns].sum(), abs=1e-6)


def test_linear_sum_assignment_on_a_hand_solved_matrix() -> None:
    cost = np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]])
    rows, columns = linear_sum_assignment(cost)
    assert rows.tolist() == [0, 1, 2] and columns.tolist() == [1, 0, 2]  # 1 + 2 + 2 = 5


def test_linear_sum_assignment_refuses_infinite_costs() -> None:
    with pytest.raises(ValueError, match="finite"):
        linear_sum_assignment(np.array([[np.inf, 1.0]]))


def test_best_pairs_prefers_more_pairs_to_a_larger_total() -> None:
    # One pair a0-r0 of 0.95, or two pairs a0-r1 and a1-r0 of 0.55 each: two pairs win.
    similarity = np.array([[0.95, 0.55], [0.55, 0.0]])
    assert best_pairs(similarity, similarity >= 0.5) == [(0, 1), (1, 0)]


def test_best_pairs_takes_the_largest_total_among_as_many_pairs() -> None:
    similarity = np.array([[0.9, 0.8], [0.85, 0.6]])
    assert best_pairs(similarity, similarity >= 0.5) == [(0, 1), (1, 0)]  # 0.8 + 0.85 > 0.9 + 0.6


def test_best_pairs_never_pairs_what_is_not_allowed() -> None:
    similarity = np.array([[0.9, 0.0], [0.0, 0.2]])
    assert best_pairs(similarity, similarity >= 0.5) == [(0, 0)]


def test_greedy_pairs_follow_the_given_order() -> None:
    similarity = np.array([[0.9, 0.55], [0.95, 0.0]])
    allowed = similarity >= 0.5
    assert greedy_pairs(similarity, allowed) == [(0, 0)]  # row 0 first takes column 0; row 1 gets nothing
    assert greedy_pairs(similarity, allowed, order=[1, 0]) == [(0, 1), (1, 0)]


def test_components_split_independent_groups() -> None:
    allowed = np.array([[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]], dtype=bool)
    found = [(r.tolist(), c.tolist()) for r, c in components(allowed)]
    assert sorted(found) == [([0], [0, 1]), ([2], [3])]
