"""Records that arrive in any order, kept on disk and handed back grouped by item, in item order.

A COCO file lists its annotations apart from its images, in no promised order, and its labels are only known
once every annotation was seen. A reader adds entries, tuples whose first value is their item's index;
`groups` then yields ``(index, [entries...])`` by increasing index, entries in arrival order. Memory holds
one batch: when the records came in item order (as they do in most files) the spool is read back as it was
written, otherwise it is first dealt into buckets of item indices, each small enough to group in memory.

Entries are tuples of plain values (marshal writes and reads them far faster than pickle or JSON).
"""

from __future__ import annotations

import marshal
import tempfile
import weakref
from collections.abc import Iterator
from types import TracebackType
from typing import IO, Any

BUCKET_ENTRIES = 200_000  # about how many entries a bucket holds, at most, on average


class RecordSpool:
    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        # A reader's items may be dropped unread (an import refused before them): close the file then too.
        self._closer = weakref.finalize(self, self._file.close)
        self._last = -1
        self.ordered = True
        self.count = 0
        self.top = -1  # the highest index seen

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._closer()

    def extend(self, entries: list[tuple[Any, ...]]) -> None:
        """Entries whose first value is their item's index."""
        if not entries:
            return
        indices = [entry[0] for entry in entries]
        low, high = min(indices), max(indices)
        if low < self._last or indices != sorted(indices):
            self.ordered = False
        self._last = max(self._last, high)
        self.top = max(self.top, high)
        self.count += len(entries)
        _write(self._file, entries)

    def _batches(self, file: IO[bytes]) -> Iterator[list[tuple[Any, ...]]]:
        file.seek(0)
        while True:
            size = file.read(8)
            if not size:
                return
            yield marshal.loads(file.read(int.from_bytes(size, "little")))

    def groups(self) -> Iterator[tuple[int, list[Any]]]:
        """(index, entries) for every index that has entries, by increasing index. Reads the spool once."""
        if self.ordered:
            yield from _grouped(self._batches(self._file))
            return
        width = max(1, (self.top + 1) * BUCKET_ENTRIES // max(self.count, 1))
        buckets: dict[int, IO[bytes]] = {}
        try:
            for batch in self._batches(self._file):
                dealt: dict[int, list[tuple[Any, ...]]] = {}
                for entry in batch:
                    dealt.setdefault(entry[0] // width, []).append(entry)
                for bucket, entries in dealt.items():
                    if bucket not in buckets:
                        buckets[bucket] = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
                    _write(buckets[bucket], entries)
            for bucket in sorted(buckets):
                by_index: dict[int, list[Any]] = {}
                for batch in self._batches(buckets[bucket]):
                    for entry in batch:
                        by_index.setdefault(entry[0], []).append(entry)
                buckets.pop(bucket).close()
                for index in sorted(by_index):
                    yield index, by_index[index]
        finally:
            for file in buckets.values():
                file.close()


def _write(file: IO[bytes], batch: list[tuple[Any, ...]]) -> None:
    """One batch, its size first: `marshal.load` on a file reads it in tiny pieces, `loads` does not."""
    data = marshal.dumps(batch)
    file.write(len(data).to_bytes(8, "little"))
    file.write(data)


def _grouped(batches: Iterator[list[tuple[Any, ...]]]) -> Iterator[tuple[int, list[Any]]]:
    current: list[Any] = []
    current_index = -1
    for batch in batches:
        for entry in batch:
            if entry[0] != current_index:
                if current:
                    yield current_index, current
                current, current_index = [], entry[0]
            current.append(entry)
    if current:
        yield current_index, current
