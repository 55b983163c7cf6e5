"""The sizes of a project's media by name, for readers of normalised coordinates (YOLO) whose datasets come
without their images: queried on first use only, since a project may hold a million media."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from annota.storage.tables import MediaItem, Task


class MediaSizes(Mapping[str, tuple[int, int]]):
    """(width, height) of the project's media by name, queried on first use: only formats with
    normalised coordinates (YOLO) ask, and a project may hold a million media."""

    def __init__(self, session: Session, project_id: int) -> None:
        self.session, self.project_id = session, project_id
        self._sizes: dict[str, tuple[int, int]] | None = None
        # Called before the query: the importer's rows may be on their way on the same connection.
        self.before_query: Callable[[], None] = lambda: None

    def _load(self) -> dict[str, tuple[int, int]]:
        if self._sizes is None:
            self.before_query()
            query = (
                select(MediaItem.name, MediaItem.width, MediaItem.height)
                .join(Task, Task.id == MediaItem.task_id)
                .where(
                    Task.project_id == self.project_id,
                    MediaItem.width.is_not(None),
                    MediaItem.height.is_not(None),
                )
            )
            self._sizes = {name: (w, h) for name, w, h in self.session.execute(query)}  # type: ignore[misc]
        return self._sizes

    def __getitem__(self, name: str) -> tuple[int, int]:
        return self._load()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())
