"""Tracker-assisted annotation: a background job that follows a track forward."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Wire


class TrackingCreate(Wire):
    """Give `track_id` or `shape_id` (a single-frame shape becomes a track), and `frames` or `until_frame`."""

    track_id: str | None = Field(default=None, max_length=36)
    shape_id: str | None = Field(default=None, max_length=36)
    frames: int | None = Field(default=None, ge=1, description="How many frames to track after the start")
    until_frame: int | None = Field(default=None, ge=0, description="The last frame to track (inclusive)")
    from_frame: int | None = Field(
        default=None,
        ge=0,
        description="The keyframe to start from (default: the track's last keyframe not made by the tracker)",
    )
    tracker: Literal["csrt", "kcf", "mil", "optical_flow"] = Field(
        description="csrt, kcf or mil follow rectangles; optical_flow follows points"
    )
