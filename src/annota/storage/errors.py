"""What storage refuses, as typed errors free of HTTP (the API maps them to answers)."""

from __future__ import annotations

from collections.abc import Sequence

from annota.storage.problems import Problem


class StorageError(Exception):
    """Base of every error the storage layer raises on purpose."""


class UnsupportedDatabase(StorageError):
    def __init__(self, url: str) -> None:
        super().__init__(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://...")
        self.url = url


class NotFound(StorageError):
    def __init__(self, entity: str, id: object) -> None:
        super().__init__(f"{entity} {id!r} not found")
        self.entity = entity
        self.id = id


class Conflict(StorageError):
    """The change breaks a uniqueness or reference rule (a name already taken, a row still used)."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


class StaleRevision(StorageError):
    """The save was based on an older revision of the job: nothing was written."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"job revision is {current}, the save was based on {expected}")
        self.expected = expected
        self.current = current


class Invalid(StorageError):
    """Input refused with every problem located; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (+{len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{len(self.problems)} problem(s): {shown}{more}")


class InvalidDiff(Invalid):
    """An annotation save refused: unknown or duplicate ids, bad geometry, frames outside the job."""


class InvalidQuery(Invalid):
    """A list request refused: unknown sort or filter column, bad page numbers."""


class InvalidValue(Invalid):
    """An entity field refused (a job split with overlap >= segment size, a bad role...)."""
