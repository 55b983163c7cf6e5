"""Storage of video indexes: one row per video file (blob), shared by every task showing it.

The frame -> pts map and the keyframe list are packed (zlib of int64 deltas, see
``annota.media.video.index``): a few hundred bytes for a constant-rate video of any length,
about 2 bytes a frame for a variable-rate one. The row is written when the upload is accepted
(status ``indexing``, frame count declared by the container or estimated from its duration)
and completed by the background index (``ready`` with the exact count, or ``failed``).

Registered on ``Base.metadata`` by importing this module; ``annota.storage.tables`` must import
it for Alembic and the migration test to see the table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from annota.storage.tables import Base, created_at_column, one_of
from annota.storage.types import utcnow

INDEX_STATES = ("indexing", "ready", "failed")
INDEX_METHODS = ("demux", "decode")
ROTATIONS = (0, 90, 180, 270)


class VideoIndexRow(Base):
    __tablename__ = "video_indexes"
    __table_args__ = (
        CheckConstraint(one_of("status", INDEX_STATES), name="status"),
        CheckConstraint(one_of("method", INDEX_METHODS), name="method"),
        CheckConstraint("rotation IN (0, 90, 180, 270)", name="rotation"),
        CheckConstraint("frame_count >= 0", name="frame_count"),
    )

    content_hash: Mapped[str] = mapped_column(
        ForeignKey("blobs.content_hash", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="indexing")
    container: Mapped[str] = mapped_column(String(16))
    codec: Mapped[str] = mapped_column(String(32))
    pixel_format: Mapped[str] = mapped_column(String(32))
    # As decoded, before rotation.
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    # Clockwise degrees that turn a decoded frame upright.
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    time_base_num: Mapped[int] = mapped_column(Integer)
    time_base_den: Mapped[int] = mapped_column(Integer)
    # The container's average frame rate, for display only: frames are addressed by pts.
    rate_num: Mapped[int | None] = mapped_column(Integer)
    rate_den: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    first_pts: Mapped[int] = mapped_column(BigInteger)
    frame_count: Mapped[int] = mapped_column(Integer)
    frame_count_exact: Mapped[bool] = mapped_column(default=False)
    method: Mapped[str] = mapped_column(String(8), default="demux")
    variable_rate: Mapped[bool | None]
    keyframe_count: Mapped[int | None] = mapped_column(Integer)
    # Loaded only when read (deferred): most requests find the index already in memory.
    frame_pts: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    keyframes: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    index_seconds: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
