"""Settings from one place: a TOML file, `ANNOTA_*` environment variables and CLI flags.

Precedence, lowest first: the dataclass defaults, the file (`--config FILE` or `ANNOTA_CONFIG`),
the environment, the flags. Every value is parsed and checked before the settings are built; all
problems are reported at once, each naming the key, the value and where it came from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from annota.config.checks import CHECKS
from annota.config.errors import ConfigError, ConfigProblem
from annota.config.fields import BadValue, FieldSpec, field_specs, parse_size
from annota.config.sources import CONFIG_ENV, RawValue, config_path, from_env, from_file, from_flags
from annota.settings import Settings

__all__ = ["CONFIG_ENV", "ConfigError", "ConfigProblem", "load_settings", "parse_size"]


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    flags: Mapping[str, object] | None = None,
) -> Settings:
    """The settings of this process; raises ConfigError naming every bad value."""
    env = os.environ if environ is None else environ
    specs = field_specs()
    raw: list[RawValue] = []
    problems: list[ConfigProblem] = []
    path = config_path(config_file, env)
    if path is not None:
        file_values, file_problems = from_file(path, specs)
        raw += file_values
        problems += file_problems
    raw += from_env(env, specs)
    flag_values, flag_problems = from_flags(flags or {}, specs)
    raw += flag_values
    problems += flag_problems

    values: dict[str, object] = {}
    for item in raw:  # later sources overwrite earlier ones
        parsed = _parse(specs[item.key], item, problems)
        if parsed is not _INVALID:
            values[item.key] = parsed
    if problems:
        raise ConfigError(problems)
    return Settings(**values)  # type: ignore[arg-type]


_INVALID = object()


def _parse(spec: FieldSpec, item: RawValue, problems: list[ConfigProblem]) -> object:
    if spec.optional and item.value == "" and item.source.startswith("env "):
        return None
    try:
        value = spec.parse(item.value)
    except BadValue as error:
        problems.append(ConfigProblem(item.key, item.value, item.source, str(error)))
        return _INVALID
    if isinstance(value, Path) and item.base_dir is not None and not value.is_absolute():
        value = item.base_dir / value
    check = CHECKS.get(spec.name)
    message = check(value) if check is not None else None
    if message is not None:
        problems.append(ConfigProblem(item.key, item.value, item.source, message))
        return _INVALID
    return value
