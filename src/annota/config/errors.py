"""Configuration problems, each naming the key, the value and where the value came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Values of these keys never appear in a message (they end up in logs).
SECRET_KEYS = frozenset({"s3_secret_access_key"})


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    key: str
    value: object
    # Where the value came from: "annota.toml:port", "env ANNOTA_PORT", "flag --port", "default".
    source: str
    message: str

    def __str__(self) -> str:
        shown = "'***'" if self.key in SECRET_KEYS else repr(self.value)
        return f"{self.source}: {self.key} = {shown}: {self.message}"


class ConfigError(ValueError):
    """Every problem of a configuration, found at once; the settings are not built."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"invalid configuration ({len(self.problems)} problem(s)):\n{lines}")
