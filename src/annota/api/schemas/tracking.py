"""Tracker-assisted annotation: a background job that follows a track forward."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from annota.api.schemas.annotations import KeyframeWire, TrackWire
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
    frame_delay_ms: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="A pause after each frame (ms): slows a run down for demonstrations and tests",
    )


class TrackSince(TrackWire):
    """A track with only its keyframes after `since_frame` (all of them without it); maybe none."""

    keyframes: list[KeyframeWire] = Field(default_factory=list)


class TrackKeyframes(Wire):
    """What a tracker run has saved so far: the track as stored now, from a frame on."""

    revision: int = Field(description="The job revision this track was read at")
    since_frame: int | None
    track: TrackSince
