"""What a reader read but did not keep: warnings, each located where it was first seen and counted.

A warning is not a problem: the import goes on, and the user is told afterwards (``annota import`` prints
them, an API import job's result lists them). A reader collects them in a `WarningLog` and puts
``log.warnings()`` in ``Dataset.meta["warnings"]``; `warnings_of` reads them back (plain strings, from a
third-party format, are taken as warnings about the dataset as a whole).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from annota.domain.problems import Loc, format_loc

META_KEY = "warnings"


@dataclass(frozen=True, slots=True)
class FormatWarning:
    """`msg` about `file` (``""``: the dataset), first seen at `loc` / `line`, `count` times in all."""

    file: str
    msg: str
    loc: Loc = ()
    line: int | None = None
    count: int = 1

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        parts = [p for p in (where, format_loc(self.loc)) if p]
        times = f" ({self.count} times; first here)" if self.count > 1 else ""
        return ": ".join([*parts, self.msg]) + times

    def as_dict(self) -> dict[str, object]:
        """Like an API error item: ``{"loc": [file, line or path parts...], "msg", "count"}``."""
        loc: list[object] = [self.file]
        if self.line is not None:
            loc.append(self.line)
        loc.extend(self.loc)
        return {"loc": loc, "msg": self.msg, "count": self.count}


class WarningLog:
    """Warnings by message: the first location of each is kept, the others counted."""

    def __init__(self) -> None:
        self._seen: dict[str, FormatWarning] = {}

    def __bool__(self) -> bool:
        return bool(self._seen)

    def add(self, file: str, msg: str, loc: Loc = (), line: int | None = None) -> None:
        found = self._seen.get(msg)
        if found is None:
            self._seen[msg] = FormatWarning(file, msg, tuple(loc), line)
        else:
            self._seen[msg] = replace(found, count=found.count + 1)

    def warnings(self) -> tuple[FormatWarning, ...]:
        return tuple(sorted(self._seen.values(), key=lambda w: (w.file, w.msg)))

    def meta(self) -> dict[str, Any]:
        """``{"warnings": ...}`` when there is any, for ``Dataset.meta``."""
        return {META_KEY: self.warnings()} if self else {}


def warnings_of(meta: Mapping[str, Any]) -> list[FormatWarning]:
    """The warnings a reader put in its dataset's meta."""
    found = meta.get(META_KEY) or ()
    if isinstance(found, str | FormatWarning):
        found = (found,)
    return [w if isinstance(w, FormatWarning) else FormatWarning("", str(w)) for w in found]
