"""Ground-truth frames: a checked list, a random sample of the task, or a sample of each job (honeypots)."""

from __future__ import annotations

import pytest

from annota.domain.problems import DomainValidationError
from annota.domain.quality.sampling import checked_frames, sample_frames, sample_per_segment, sample_size


def test_a_fraction_takes_that_share_rounded_up() -> None:
    assert sample_size(10, None, 0.25) == 3
    assert sample_size(10, 4, None) == 4
    assert sample_size(3, 10, None) == 3  # never more frames than there are


def test_the_same_seed_gives_the_same_sorted_sample() -> None:
    first = sample_frames(range(100), count=7, seed=3)

    assert first == sample_frames(range(100), count=7, seed=3)
    assert first == sorted(first) and len(set(first)) == 7


def test_a_sample_per_job_puts_gold_frames_in_every_job() -> None:
    jobs = [range(0, 10), range(10, 20), range(20, 30)]

    chosen = sample_per_segment(jobs, fraction=0.2, seed=1)

    assert [sum(1 for f in chosen if f in job) for job in jobs] == [2, 2, 2]


def test_count_and_fraction_together_are_refused() -> None:
    with pytest.raises(DomainValidationError) as error:
        sample_size(10, 2, 0.5, ("body",))

    assert error.value.problems[0].loc == ("body",)


def test_a_fraction_above_one_is_refused_at_its_field() -> None:
    with pytest.raises(DomainValidationError) as error:
        sample_frames(range(10), fraction=1.5, loc=("body",))

    assert error.value.problems[0].loc == ("body", "fraction")


def test_a_frame_list_is_checked_item_by_item() -> None:
    with pytest.raises(DomainValidationError) as error:
        checked_frames([3, 12, 3], 0, 9, ("body", "frames"))

    assert [(p.loc, p.type) for p in error.value.problems] == [
        (("body", "frames", 1), "out_of_range"),
        (("body", "frames", 2), "duplicate"),
    ]
    assert checked_frames([5, 1], 0, 9) == [1, 5]
