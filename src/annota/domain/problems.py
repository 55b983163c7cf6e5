"""Located validation problems, reported all at once.

A problem names where it is (`loc`, a JSON path such as ``("shapes", 3, "points")``), what is wrong (`msg`)
and a machine-readable `type`. The API turns them into ``{"loc": [...], "msg": "...", "type": "..."}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

Loc = tuple[str | int, ...]


class ProblemType(StrEnum):
    MISSING = "missing"
    EXTRA_FORBIDDEN = "extra_forbidden"
    INT_TYPE = "int_type"
    NUMBER_TYPE = "number_type"
    STRING_TYPE = "string_type"
    BOOL_TYPE = "bool_type"
    LIST_TYPE = "list_type"
    DICT_TYPE = "dict_type"
    NOT_FINITE = "not_finite"
    EMPTY = "empty"
    ENUM = "enum"
    OUT_OF_RANGE = "out_of_range"
    TOO_SHORT = "too_short"
    WRONG_LENGTH = "wrong_length"
    BOUNDS_ORDER = "bounds_order"
    DUPLICATE = "duplicate"
    NOT_SORTED = "not_sorted"
    CLOSED_POLYGON = "closed_polygon"
    RLE = "rle"
    COLOR = "color"
    UNKNOWN_KIND = "unknown_kind"
    NOT_SPATIAL = "not_spatial"
    UNKNOWN_LABEL = "unknown_label"
    KIND_NOT_ALLOWED = "kind_not_allowed"
    SKELETON = "skeleton"
    UNKNOWN_ATTRIBUTE = "unknown_attribute"
    ATTRIBUTE_SCOPE = "attribute_scope"
    ATTRIBUTE_VALUE = "attribute_value"
    INCONSISTENT = "inconsistent"
    UNKNOWN_ID = "unknown_id"


@dataclass(frozen=True, slots=True)
class Problem:
    loc: Loc
    msg: str
    type: str

    def __str__(self) -> str:
        where = format_loc(self.loc)
        return f"{where}: {self.msg}" if where else self.msg


class DomainValidationError(ValueError):
    """Every problem found in one piece of input; raised only when there is at least one."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def prefixed(self, *prefix: str | int) -> DomainValidationError:
        """The same problems, located under `prefix` (e.g. ``("shapes", 3)``)."""
        return DomainValidationError(prefix_problems(prefix, self.problems))


def prefix_problems(prefix: Loc, problems: Iterable[Problem]) -> list[Problem]:
    return [Problem(prefix + p.loc, p.msg, p.type) for p in problems]


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise DomainValidationError(problems)


def format_loc(loc: Loc) -> str:
    """``("shapes", 3, "points")`` -> ``"shapes[3].points"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
