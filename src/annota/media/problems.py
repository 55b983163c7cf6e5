"""Problems found while ingesting media: every one is reported, each with the file it is about."""

from __future__ import annotations

from annota.domain.problems import Problem


class MediaIngestError(Exception):
    """Nothing was ingested; ``problems`` lists every reason, in the order the files came."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [f"{'/'.join(map(str, p.loc)) or '<batch>'}: {p.msg}" for p in self.problems]
        super().__init__(f"{len(lines)} problem(s) with the media: " + "; ".join(lines[:5]))


class SourceError(Exception):
    """A source could not deliver a file's bytes (e.g. a corrupt zip member); becomes a Problem."""

    def __init__(self, name: str, msg: str, type: str) -> None:
        self.name = name
        self.msg = msg
        self.type = type
        super().__init__(f"{name}: {msg}")

    def as_problem(self) -> Problem:
        return Problem(loc=(self.name,), msg=self.msg, type=self.type)
