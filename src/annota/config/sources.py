"""Raw values from the three sources, each tagged with where it came from.

Precedence is the order of `load_settings`: defaults < file < environment < flags.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from annota.config.errors import ConfigProblem
from annota.config.fields import FieldSpec

CONFIG_ENV = "ANNOTA_CONFIG"


@dataclass(frozen=True, slots=True)
class RawValue:
    key: str
    value: object
    source: str
    # Relative paths in a configuration file are relative to the file's folder.
    base_dir: Path | None = None


def from_file(path: Path, specs: Mapping[str, FieldSpec]) -> tuple[list[RawValue], list[ConfigProblem]]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        return [], [ConfigProblem("config", str(path), "--config / " + CONFIG_ENV, f"cannot read: {reason}")]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return [], [ConfigProblem("config", str(path), str(path), f"not valid TOML: {error}")]
    values: list[RawValue] = []
    problems: list[ConfigProblem] = []
    for key, value in document.items():
        source = f"{path}:{key}"
        if key not in specs:
            problems.append(ConfigProblem(key, value, source, "unknown setting (see docs/configuration.md)"))
        else:
            values.append(RawValue(key, value, source, base_dir=path.resolve().parent))
    return values, problems


def from_env(environ: Mapping[str, str], specs: Mapping[str, FieldSpec]) -> list[RawValue]:
    values: list[RawValue] = []
    for spec in specs.values():
        # The canonical name wins over an alias when both are set.
        for name in reversed(spec.env_names):
            if name in environ:
                values.append(RawValue(spec.name, environ[name], f"env {name}"))
    return values


def from_flags(
    flags: Mapping[str, object], specs: Mapping[str, FieldSpec]
) -> tuple[list[RawValue], list[ConfigProblem]]:
    values: list[RawValue] = []
    problems: list[ConfigProblem] = []
    for key, value in flags.items():
        if value is None:
            continue
        spec = specs.get(key)
        if spec is None:
            problems.append(ConfigProblem(key, value, "flags", "unknown setting"))
        else:
            values.append(RawValue(key, value, f"flag {spec.flag}"))
    return values, problems


def config_path(explicit: Path | None, environ: Mapping[str, str]) -> Path | None:
    if explicit is not None:
        return explicit
    named = environ.get(CONFIG_ENV)
    return Path(named) if named else None
