"""Readers for JSON wire values: each checks one value, appends located problems, returns the value or None.

They are the only place where wire types are checked, so they stay cheap: 10,000 shapes are parsed on every
job load and save. Numbers accept int and float (never bool) and must be finite.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from enum import StrEnum
from typing import TypeVar

from annota.domain.problems import Loc, Problem, ProblemType

E = TypeVar("E", bound=StrEnum)

_isfinite = math.isfinite


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def require_mapping(value: object, loc: Loc, problems: list[Problem]) -> Mapping[str, object] | None:
    if isinstance(value, Mapping):
        return value
    problems.append(Problem(loc, f"expected an object, got {type_name(value)}", ProblemType.DICT_TYPE))
    return None


def reject_extra_keys(
    d: Mapping[str, object], allowed: Collection[str], loc: Loc, problems: list[Problem]
) -> None:
    for key in d:
        if key not in allowed:
            problems.append(Problem((*loc, key), "unknown field", ProblemType.EXTRA_FORBIDDEN))


def number(value: object, loc: Loc, problems: list[Problem]) -> float | None:
    t = type(value)
    if t is float or t is int or is_number(value):
        f = float(value)  # type: ignore[arg-type]
        if _isfinite(f):
            return f
        problems.append(Problem(loc, f"expected a finite number, got {f}", ProblemType.NOT_FINITE))
        return None
    problems.append(Problem(loc, f"expected a number, got {type_name(value)}", ProblemType.NUMBER_TYPE))
    return None


def integer(value: object, loc: Loc, problems: list[Problem], *, minimum: int | None = None) -> int | None:
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        problems.append(Problem(loc, f"expected an integer, got {type_name(value)}", ProblemType.INT_TYPE))
        return None
    i = int(value)
    if minimum is not None and i < minimum:
        problems.append(Problem(loc, f"must be >= {minimum}, got {i}", ProblemType.OUT_OF_RANGE))
        return None
    return i


def optional_integer(value: object, loc: Loc, problems: list[Problem]) -> int | None:
    return None if value is None else integer(value, loc, problems)


def boolean(value: object, loc: Loc, problems: list[Problem]) -> bool | None:
    if value is True or value is False:
        return value
    problems.append(Problem(loc, f"expected a boolean, got {type_name(value)}", ProblemType.BOOL_TYPE))
    return None


def string(value: object, loc: Loc, problems: list[Problem], *, non_empty: bool = True) -> str | None:
    if not isinstance(value, str):
        problems.append(Problem(loc, f"expected a string, got {type_name(value)}", ProblemType.STRING_TYPE))
        return None
    if non_empty and not value:
        problems.append(Problem(loc, "must not be empty", ProblemType.EMPTY))
        return None
    return value


def enum_value(enum: type[E], value: object, loc: Loc, problems: list[Problem]) -> E | None:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    choices = ", ".join(repr(m.value) for m in enum)
    problems.append(Problem(loc, f"expected one of {choices}, got {value!r}", ProblemType.ENUM))
    return None


def number_list(value: object, loc: Loc, problems: list[Problem]) -> tuple[float, ...] | None:
    """A list of finite numbers; each bad element is reported at its index."""
    if not isinstance(value, list | tuple):
        problems.append(
            Problem(loc, f"expected a list of numbers, got {type_name(value)}", ProblemType.LIST_TYPE)
        )
        return None
    try:
        out = tuple(map(float, value))
    except (TypeError, ValueError):
        out = None
    if out is not None and _all_finite(out) and _all_numbers(value):
        return out
    before = len(problems)
    for i, item in enumerate(value):
        number(item, (*loc, i), problems)
    return None if len(problems) > before else out


def integer_list(value: object, loc: Loc, problems: list[Problem]) -> tuple[int, ...] | None:
    if not isinstance(value, list | tuple):
        problems.append(
            Problem(loc, f"expected a list of integers, got {type_name(value)}", ProblemType.LIST_TYPE)
        )
        return None
    before = len(problems)
    for i, item in enumerate(value):
        if type(item) is not int:
            integer(item, (*loc, i), problems)
    return None if len(problems) > before else tuple(int(v) for v in value)


def _all_finite(values: Iterable[float]) -> bool:
    return all(map(_isfinite, values))


def _all_numbers(values: Iterable[object]) -> bool:
    return all(type(v) is float or type(v) is int or is_number(v) for v in values)


def present(m: Mapping[str, object], key: str, loc: Loc, problems: list[Problem]) -> bool:
    """Whether the required `key` is in `m`; if not, a "field required" problem is appended."""
    if key in m:
        return True
    problems.append(Problem((*loc, key), "field required", ProblemType.MISSING))
    return False
