"""Format options: what a format accepts beyond the common flags, declared in its module, checked up front.

A format declares ``options: tuple[FormatOption, ...]`` next to ``carries`` (a third-party format without the
attribute has none). `checked_options` turns what a user typed (``--option KEY=VALUE`` on the command line,
``options: {key: value}`` in an API body) into the ``ReadOptions.extra`` / ``WriteOptions.extra`` mapping,
or raises `OptionError` naming every bad key before any work starts. Values stay strings in ``extra``; a
reader or writer reads one with `FormatOption.value` so that its default lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Direction",
    "FormatOption",
    "OptionError",
    "OptionKind",
    "OptionProblem",
    "checked_options",
    "declared_options",
    "parse_pairs",
]


class OptionKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    CHOICE = "choice"


class Direction(StrEnum):
    READ = "import"
    WRITE = "export"


@dataclass(frozen=True, slots=True)
class FormatOption:
    """One option of a format: ``name``, its kind, default (None: decided from the data), one-line help, and
    whether it applies on import (``READ``) or on export (``WRITE``)."""

    name: str
    kind: OptionKind
    help: str
    direction: Direction
    default: str | None = None
    choices: tuple[str, ...] = ()

    def problem(self, raw: str) -> str | None:
        """Why `raw` is not a value of this option, or None when it is."""
        if self.kind is OptionKind.INTEGER and not (raw.isascii() and raw.isdigit() and int(raw) > 0):
            return f"expected a whole number above 0, got {raw!r}"
        if self.kind is OptionKind.CHOICE and raw not in self.choices:
            return f"expected one of {', '.join(self.choices)}, got {raw!r}"
        if self.kind is OptionKind.TEXT and not raw:
            return "expected a value, got an empty one"
        return None

    def value(self, extra: Mapping[str, str]) -> str | None:
        """The value set in `extra` (already checked), else the default."""
        return extra.get(self.name, self.default)

    def usage(self) -> str:
        """``mode=palette|color``, ``frame_width=N``, ``data_key=TEXT``."""
        shown = {OptionKind.CHOICE: "|".join(self.choices), OptionKind.INTEGER: "N"}.get(self.kind, "TEXT")
        return f"{self.name}={shown}"

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": str(self.kind),
            "direction": str(self.direction),
            "default": self.default,
            "choices": list(self.choices),
            "help": self.help,
        }


@dataclass(frozen=True, slots=True)
class OptionProblem:
    """What is wrong with option `key` (``""``: with an argument that is not KEY=VALUE at all)."""

    key: str
    msg: str

    def __str__(self) -> str:
        return f"--option {self.key}: {self.msg}" if self.key else f"--option: {self.msg}"


class OptionError(ValueError):
    """Options refused, every problem listed."""

    def __init__(self, problems: Iterable[OptionProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def declared_options(fmt: object) -> tuple[FormatOption, ...]:
    """The options `fmt` declares (a format may declare none)."""
    found = getattr(fmt, "options", ())
    return tuple(o for o in found if isinstance(o, FormatOption))


def checked_options(fmt: object, given: Mapping[str, object], direction: Direction) -> dict[str, str]:
    """`given` checked against the options `fmt` declares for `direction`, as ``extra`` strings.

    Booleans and numbers (from a JSON body) are taken as their text. Raises OptionError with every
    unknown key and bad value.
    """
    declared = declared_options(fmt)
    known = {o.name: o for o in declared if o.direction is direction}
    elsewhere = {o.name for o in declared} - set(known)
    name = str(getattr(fmt, "name", "?"))
    out: dict[str, str] = {}
    problems = []
    for key, raw in given.items():
        option = known.get(key)
        if option is None:
            has = ", ".join(sorted(known)) or "none"
            msg = f'the {name} format has no option "{key}" (it has: {has})'
            if key in elsewhere:
                msg = f'the {name} format has no {direction} option "{key}" (its {direction} options: {has})'
            problems.append(OptionProblem(key, msg))
            continue
        text = _text(raw)
        msg_or_none = "expected text or a number" if text is None else option.problem(text)
        if msg_or_none is not None:
            problems.append(OptionProblem(key, msg_or_none))
        elif text is not None:
            out[key] = text
    if problems:
        raise OptionError(problems)
    return out


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` arguments as a mapping; raises OptionError on a pair without ``=`` or a repeated key."""
    out: dict[str, str] = {}
    problems = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(OptionProblem("", f"expected KEY=VALUE, got {pair!r}"))
        elif key in out:
            problems.append(OptionProblem(key, "given twice"))
        else:
            out[key] = value
    if problems:
        raise OptionError(problems)
    return out


def _text(raw: object) -> str | None:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str | int | float):
        return str(raw)
    return None
