"""Frame-range tags on a frame (docs/interpolation.md, "Frame-range tags")."""

from __future__ import annotations

from collections.abc import Iterable

from annota.domain.tags import Tag


def tags_at(tags: Iterable[Tag], frame: int) -> list[Tag]:
    """The tags covering `frame` (frame <= it <= stop_frame), in the order given."""
    return [tag for tag in tags if tag.covers(frame)]
