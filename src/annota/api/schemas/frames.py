"""Wire models of a task's video and frames."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from annota.api.schemas.common import Public


class VideoPublic(Public):
    task_id: int
    name: str = Field(description="The uploaded file's name")
    mime: str
    size_bytes: int
    container: str = Field(description="mp4, mov, matroska, webm or avi")
    codec: str
    pixel_format: str
    width: int = Field(description="Width of served frames (after rotation)")
    height: int = Field(description="Height of served frames (after rotation)")
    coded_width: int = Field(description="Width as stored in the file, before rotation")
    coded_height: int
    rotation: int = Field(description="Clockwise degrees applied to decoded frames: 0, 90, 180 or 270")
    frame_count: int = Field(description="Task frames (0-based numbers 0..frame_count-1)")
    frame_count_exact: bool = Field(description="False until the index is built: declared or estimated")
    source_frame_count: int = Field(description="Frames in the whole video file")
    frame_start: int = Field(description="First source frame shown")
    frame_stop: int | None = Field(description="Last source frame shown (inclusive); null when none is")
    frame_step: int = Field(description="Task frame n shows source frame frame_start + n * frame_step")
    fps: float | None = Field(
        description="Average frames per second (display only: frames are addressed by pts)"
    )
    variable_frame_rate: bool | None = Field(description="Whether frame durations vary; null until indexed")
    time_base: str = Field(description="Unit of the stream's timestamps, e.g. '1/15360'")
    duration_s: float | None
    keyframe_count: int | None = Field(description="Null until indexed")
    chunk_size: int = Field(description="Task frames per chunk (the last chunk may hold fewer)")
    chunk_count: int
    index_status: Literal["indexing", "ready", "failed"]
    frames_indexed: int = Field(description="Frames the index has placed so far (in this server process)")
    index_method: Literal["demux", "decode"]
    index_seconds: float | None
    index_error: str | None
    seek_proxy: Literal["none", "ready", "unavailable"] = Field(
        description="The keyframe-dense copy random seeks decode from: none (yet), ready, or unavailable"
    )
    seek_proxy_reason: str | None = Field(description="Why there is no seek proxy, when unavailable")


class FrameTimes(Public):
    frame_count: int
    seconds: list[float] = Field(description="Each task frame's time from the video's first frame")
