"""What each setting accepts: its environment variables and how a raw value becomes a typed one.

Derived from the `Settings` dataclass, so a field added there is configurable everywhere at once.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annota.settings import Settings

ENV_PREFIX = "ANNOTA_"
# Older names kept working; each field's canonical variable is ANNOTA_<FIELD>.
ENV_ALIASES: dict[str, tuple[str, ...]] = {"database_url": ("ANNOTA_DB",)}
# CLI flags whose spelling differs from --<field-name>.
FLAG_NAMES: dict[str, str] = {"data_dir": "--data", "database_url": "--db"}

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}  # fmt: skip
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class BadValue(ValueError):
    """A raw value that does not fit its setting; the message says what was expected."""


Parser = Callable[[object], object]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    optional: bool
    parse: Parser

    @property
    def env_names(self) -> tuple[str, ...]:
        return (ENV_PREFIX + self.name.upper(), *ENV_ALIASES.get(self.name, ()))

    @property
    def flag(self) -> str:
        return FLAG_NAMES.get(self.name, "--" + self.name.replace("_", "-"))


def parse_size(raw: object) -> int:
    """Bytes from an integer or a string such as "2GiB", "500 MB", "1048576"."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and (match := _SIZE.fullmatch(raw)):
        number, unit = match.groups()
        return int(float(number) * _UNITS[(unit or "").upper()])
    raise BadValue("expected a size in bytes, e.g. 1073741824, 1GiB or 500MB")


def _parse_int(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        try:
            return int(raw.strip())
        except ValueError:
            pass
    raise BadValue("expected an integer")


def _parse_float(raw: object) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, str):
        try:
            return float(raw.strip())
        except ValueError:
            pass
    raise BadValue("expected a number")


def _parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    raise BadValue("expected true or false")


def _parse_str(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    raise BadValue("expected a string")


def _parse_path(raw: object) -> Path:
    if isinstance(raw, Path):
        return raw
    if isinstance(raw, str) and raw:
        return Path(raw).expanduser()
    raise BadValue("expected a path")


def _parse_str_table(raw: object) -> dict[str, str]:
    if isinstance(raw, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        return dict(raw)
    raise BadValue("expected a table of strings")


_BY_TYPE: dict[object, Parser] = {
    int: _parse_int,
    float: _parse_float,
    bool: _parse_bool,
    str: _parse_str,
    Path: _parse_path,
    dict[str, str]: _parse_str_table,
}


def _spec(name: str, annotation: object) -> FieldSpec:
    args = typing.get_args(annotation)
    optional = isinstance(annotation, types.UnionType) and type(None) in args
    base = next(a for a in args if a is not type(None)) if optional else annotation
    parse = parse_size if name.endswith("_bytes") else _BY_TYPE[base]
    return FieldSpec(name=name, optional=optional, parse=parse)


def field_specs() -> dict[str, FieldSpec]:
    hints = typing.get_type_hints(Settings)
    return {f.name: _spec(f.name, hints[f.name]) for f in dataclasses.fields(Settings)}
