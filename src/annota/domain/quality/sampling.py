"""Which frames become ground truth: a list, or a random sample of N frames or of a fraction of them.

Honeypots are a sample taken in each job (`per_job`), so that every annotator meets gold frames at the
same rate, mixed among their own frames at random places. The same seed gives the same frames.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

from annota.domain.problems import DomainValidationError, Loc, Problem, ProblemType


def sample_size(available: int, count: int | None, fraction: float | None, loc: Loc = ()) -> int:
    """How many of `available` frames a sample takes: `count`, or `fraction` of them rounded up."""
    if (count is None) == (fraction is None):
        raise DomainValidationError(
            [Problem(loc, "give exactly one of count and fraction", ProblemType.INCONSISTENT)]
        )
    if count is not None:
        if count < 1:
            raise DomainValidationError(
                [Problem((*loc, "count"), "must be 1 or more", ProblemType.OUT_OF_RANGE)]
            )
        return min(count, available)
    assert fraction is not None
    if not 0 < fraction <= 1:
        msg = f"must be in (0, 1], got {fraction}"
        raise DomainValidationError([Problem((*loc, "fraction"), msg, ProblemType.OUT_OF_RANGE)])
    return min(available, math.ceil(fraction * available))


def sample_frames(
    frames: Sequence[int],
    *,
    count: int | None = None,
    fraction: float | None = None,
    seed: int | None = None,
    loc: Loc = (),
) -> list[int]:
    """A random sample of `frames`, sorted."""
    size = sample_size(len(frames), count, fraction, loc)
    return sorted(random.Random(seed).sample(list(frames), size))


def sample_per_segment(
    segments: Iterable[Sequence[int]],
    *,
    count: int | None = None,
    fraction: float | None = None,
    seed: int | None = None,
    loc: Loc = (),
) -> list[int]:
    """A sample of each segment (a job's frames), all sorted together; overlapping segments share frames
    they both drew, so a frame is never listed twice."""
    chooser = random.Random(seed)
    chosen: set[int] = set()
    for frames in segments:
        size = sample_size(len(frames), count, fraction, loc)
        chosen.update(chooser.sample(list(frames), size))
    return sorted(chosen)


def checked_frames(frames: Sequence[int], first: int, last: int, loc: Loc = ()) -> list[int]:
    """`frames` sorted, each inside first..last and listed once; every problem located."""
    problems = [
        Problem(
            (*loc, i), f"frame {frame} is outside the task's frames {first}..{last}", ProblemType.OUT_OF_RANGE
        )
        for i, frame in enumerate(frames)
        if not first <= frame <= last
    ]
    seen: set[int] = set()
    for i, frame in enumerate(frames):
        if frame in seen:
            problems.append(Problem((*loc, i), f"frame {frame} is listed twice", ProblemType.DUPLICATE))
        seen.add(frame)
    if not frames:
        problems.append(Problem(loc, "list at least one frame", ProblemType.EMPTY))
    if problems:
        raise DomainValidationError(problems)
    return sorted(frames)
