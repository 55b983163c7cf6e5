"""The format registry: formats come from the ``annota.formats`` entry-point group, built-ins included.

A format package declares, in its pyproject.toml::

    [project.entry-points."annota.formats"]
    myformat = "my_package.myformat:FORMAT"

and ``FORMAT`` satisfies `annota.formats.base.Format`. Tests may build a registry from an explicit mapping
(`FormatRegistry(formats)`); production code calls `load_registry()`, which reads entry points only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from annota.formats.base import Format

GROUP = "annota.formats"


class UnknownFormat(LookupError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = sorted(known)
        super().__init__(f"unknown format {name!r}; expected one of {', '.join(self.known)}")


class InvalidFormatPlugin(TypeError):
    """An entry point that does not name a `Format` whose name matches the entry point's."""


@dataclass(frozen=True, slots=True)
class Detection:
    format: Format
    confidence: float


class FormatRegistry:
    def __init__(self, formats: Mapping[str, Format]) -> None:
        for key, fmt in formats.items():
            if not isinstance(fmt, Format):
                raise InvalidFormatPlugin(f"{key!r} does not provide the Format interface: {fmt!r}")
            if fmt.name != key:
                raise InvalidFormatPlugin(f"entry point {key!r} names a format called {fmt.name!r}")
        self._formats = dict(sorted(formats.items()))

    def __contains__(self, name: object) -> bool:
        return name in self._formats

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def names(self) -> list[str]:
        return list(self._formats)

    def get(self, name: str) -> Format:
        fmt = self._formats.get(name)
        if fmt is None:
            raise UnknownFormat(name, self._formats)
        return fmt

    def detect(self, path: Path) -> list[Detection]:
        """Formats that can read `path`, most confident first (confidence > 0 only)."""
        found = []
        for fmt in self._formats.values():
            if not fmt.can_read:
                continue
            confidence = fmt.detect(path)
            if confidence > 0:
                found.append(Detection(fmt, confidence))
        return sorted(found, key=lambda d: (-d.confidence, d.format.name))


def load_registry() -> FormatRegistry:
    """Every format registered under the ``annota.formats`` entry-point group."""
    loaded: dict[str, Format] = {}
    for point in entry_points(group=GROUP):
        loaded[point.name] = point.load()
    return FormatRegistry(loaded)
