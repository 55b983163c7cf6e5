"""The record spool hands entries back grouped by item, in item order, whatever order they came in."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annota.formats import record_spool
from annota.formats.record_spool import RecordSpool


def expected_groups(batches: list[list[tuple[Any, ...]]]) -> list[tuple[int, list[tuple[Any, ...]]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for batch in batches:
        for entry in batch:
            grouped[entry[0]].append(entry)
    return sorted(grouped.items())


entries = st.lists(st.tuples(st.integers(0, 40), st.integers(), st.text(max_size=3)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(batches=st.lists(entries, max_size=6), sort=st.booleans())
def test_groups_come_back_by_item_in_item_order_with_entries_in_arrival_order(
    batches: list[list[tuple[Any, ...]]], sort: bool
) -> None:
    if sort:  # in item order across batches: read back as written, no buckets
        flat = sorted((e for batch in batches for e in batch), key=lambda e: e[0])
        batches = [flat[i : i + 7] for i in range(0, len(flat), 7)]
    with RecordSpool() as spool:
        for batch in batches:
            spool.extend(batch)
        assert spool.ordered or not sort
        assert list(spool.groups()) == expected_groups(batches)


def test_entries_out_of_order_are_dealt_into_buckets_and_still_grouped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(record_spool, "BUCKET_ENTRIES", 3)
    batches = [[(9, "a"), (1, "b")], [(5, "c"), (1, "d"), (9, "e")], [(0, "f")]]
    with RecordSpool() as spool:
        for batch in batches:
            spool.extend(batch)
        assert not spool.ordered
        assert list(spool.groups()) == expected_groups(batches)


def test_a_spool_dropped_unread_closes_its_file() -> None:
    spool = RecordSpool()
    spool.extend([(0, "x")])
    file = spool._file
    del spool
    assert file.closed
