"""Formats that report every item they read or write: how import and export jobs show progress and
notice a cancel request between two items, without the import/export services knowing about jobs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annota.formats.base import Carries, Dataset, Format, Item, Output, ReadOptions, WriteOptions
from annota.formats.registry import FormatRegistry

# Called with the number of items seen so far; may raise (JobCancelled) to stop the read or write.
OnItem = Callable[[int], None]


class ObservedFormat:
    """`inner`, whose datasets call `on_item` as each item goes by."""

    def __init__(self, inner: Format, on_item: OnItem) -> None:
        self.inner = inner
        self.on_item = on_item
        self.name: str = inner.name
        self.title: str = inner.title
        self.description: str = inner.description
        self.carries: Carries = inner.carries
        self.can_read: bool = inner.can_read
        self.can_write: bool = inner.can_write

    def detect(self, path: Path) -> float:
        return self.inner.detect(path)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        dataset = self.inner.read(path, options)
        return dataclasses.replace(dataset, items=self._counted(dataset.items))

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.inner.write(dataclasses.replace(dataset, items=self._counted(dataset.items)), output, options)

    def _counted(self, items: Iterable[Item]) -> Iterator[Item]:
        for count, item in enumerate(items, start=1):
            yield item
            self.on_item(count)


def observed_registry(registry: FormatRegistry, on_item: OnItem) -> FormatRegistry:
    return FormatRegistry({fmt.name: ObservedFormat(fmt, on_item) for fmt in registry})
