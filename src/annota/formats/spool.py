"""A file written piece by piece on disk while items stream in, then put into the output in one go.

Writers that produce one JSON (or CSV) document for many items cannot keep the output file open while they
also copy images into a zip, and must not hold every item in memory: they spool the document to a temporary
file and copy it into the output when the items end.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import orjson

from annota.formats.base import Output


class Spool:
    """A temporary file with helpers for JSON arrays (`open_array`, `element`, `close_array`)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__
        self._first: list[bool] = []

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._file.close()

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def open_array(self, prefix: bytes = b"") -> None:
        """Writes `prefix` (e.g. ``b'{"items":'``) and ``[``."""
        self._file.write(prefix + b"[")
        self._first.append(True)

    def element(self, value: Any) -> None:
        """One element of the innermost open array, serialised by orjson."""
        self.raw_element(orjson.dumps(value))

    def raw_element(self, data: bytes) -> None:
        if self._first[-1]:
            self._first[-1] = False
        else:
            self._file.write(b",")
        self._file.write(data)

    def close_array(self, suffix: bytes = b"") -> None:
        self._first.pop()
        self._file.write(b"]" + suffix)

    def lines(self) -> Iterator[bytes]:
        """What was written, line by line (without line ends), from the start."""
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield line.rstrip(b"\n")

    def copy_to(self, output: Output, name: str) -> None:
        """Puts what was written at `name` in `output`."""
        self._file.flush()
        self._file.seek(0)
        with output.open(name) as target:
            shutil.copyfileobj(self._file, target, 1024 * 1024)
