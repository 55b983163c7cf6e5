"""Assignment of two sets of objects to each other: the Hungarian method and the greedy one.

`linear_sum_assignment` solves the rectangular assignment problem like
``scipy.optimize.linear_sum_assignment`` (the tests compare both): scipy is not a dependency of the domain,
and a shortest-augmenting-path solver is short. `best_pairs` and `greedy_pairs` are what matching uses: both
only ever pair objects whose similarity passes the threshold (`allowed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

Pairs = list[tuple[int, int]]
IntArray = NDArray[np.intp]


def linear_sum_assignment(cost: NDArray[Any], maximize: bool = False) -> tuple[IntArray, IntArray]:
    """Rows and columns of a minimum-cost assignment of min(n, m) rows to distinct columns of the (n, m)
    finite `cost` matrix (maximum with `maximize`), rows in increasing order: scipy's contract."""
    c = np.asarray(cost, dtype=np.float64)
    if c.ndim != 2:
        raise ValueError(f"expected a 2-D cost matrix, got shape {c.shape}")
    if not np.all(np.isfinite(c)):
        raise ValueError("the cost matrix must be finite")
    if maximize:
        c = -c
    n, m = c.shape
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty.copy()
    transposed = n > m
    if transposed:
        c = c.T
    row_of_column = _shortest_augmenting_paths(c)
    columns = np.flatnonzero(row_of_column >= 0)
    rows = row_of_column[columns]
    if transposed:
        rows, columns = columns, rows
    order = np.argsort(rows, kind="stable")
    return rows[order].astype(np.intp), columns[order].astype(np.intp)


def _shortest_augmenting_paths(c: NDArray[np.float64]) -> IntArray:
    """For an (n, m) matrix with n <= m: the row assigned to each column (-1 when none).

    Rows are added one at a time; each addition finds a shortest augmenting path with Dijkstra over the
    reduced costs c[i, j] - u[i] - v[j] >= 0, then updates the potentials u, v (Kuhn-Munkres with
    potentials, O(n^2 m)). Column 0 of the arrays below is a sentinel for "the row being added".
    """
    n, m = c.shape
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    row_of = np.zeros(m + 1, dtype=np.intp)  # 1-based row matched to column j (0: none)
    way = np.zeros(m + 1, dtype=np.intp)
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        min_slack = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = row_of[j0]
            free = ~used[1:]
            slack = c[i0 - 1] - u[i0] - v[1:]
            better = free & (slack < min_slack[1:])
            min_slack[1:][better] = slack[better]
            way[1:][better] = j0
            candidates = np.where(free, min_slack[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[row_of[used]] += delta
            v[used] -= delta
            min_slack[1:][free] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return row_of[1:] - 1


def components(allowed: NDArray[np.bool_]) -> list[tuple[IntArray, IntArray]]:
    """The connected components (rows, columns) of the bipartite graph whose edges are `allowed`, leaving out
    isolated rows and columns. Assignments never cross components, so each is solved on its own."""
    n, m = allowed.shape
    parent = list(range(n + m))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    rows, columns = np.nonzero(allowed)
    for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
        a, b = root(i), root(n + j)
        if a != b:
            parent[b] = a
    members: dict[int, tuple[list[int], list[int]]] = {}
    for i in sorted(set(rows.tolist())):
        members.setdefault(root(i), ([], []))[0].append(i)
    for j in sorted(set(columns.tolist())):
        members.setdefault(root(n + j), ([], []))[1].append(j)
    return [(np.array(r, dtype=np.intp), np.array(c, dtype=np.intp)) for r, c in members.values()]


def best_pairs(similarity: NDArray[np.float64], allowed: NDArray[np.bool_]) -> Pairs:
    """The pairs (i, j) of an assignment with as many allowed pairs as possible and, among those, the largest
    total similarity (the Hungarian method on each connected component)."""
    rows, columns = np.nonzero(allowed)
    if len(set(rows.tolist())) == len(rows) and len(set(columns.tolist())) == len(columns):
        # Every object has at most one candidate (the usual case): nothing to choose.
        return sorted(zip(rows.tolist(), columns.tolist(), strict=True))
    pairs: Pairs = []
    for rows, columns in components(allowed):
        sub_allowed = allowed[np.ix_(rows, columns)]
        sub_similarity = similarity[np.ix_(rows, columns)]
        if len(rows) == 1 or len(columns) == 1:
            i, j = np.unravel_index(
                int(np.argmax(np.where(sub_allowed, sub_similarity, -np.inf))), sub_allowed.shape
            )
            pairs.append((int(rows[i]), int(columns[j])))
            continue
        # Each allowed pair weighs more than any difference in total similarity (at most min(n, m)), so the
        # assignment first maximises the number of pairs, then their similarity.
        bonus = float(min(sub_allowed.shape) + 1)
        weight = np.where(sub_allowed, sub_similarity + bonus, 0.0)
        r, c = linear_sum_assignment(weight, maximize=True)
        pairs += [(int(rows[i]), int(columns[j])) for i, j in zip(r, c, strict=True) if sub_allowed[i, j]]
    pairs.sort()
    return pairs


def greedy_pairs(
    similarity: NDArray[np.float64], allowed: NDArray[np.bool_], order: Sequence[int] | None = None
) -> Pairs:
    """Rows in `order` (all rows by default), each taking the free column of highest allowed similarity
    (the first one on a tie): COCO's evaluation with rows sorted by decreasing score."""
    free = np.ones(allowed.shape[1], dtype=bool)
    pairs: Pairs = []
    for i in order if order is not None else range(allowed.shape[0]):
        candidates = allowed[i] & free
        if not candidates.any():
            continue
        j = int(np.argmax(np.where(candidates, similarity[i], -np.inf)))
        free[j] = False
        pairs.append((i, j))
    pairs.sort()
    return pairs
