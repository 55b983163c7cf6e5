"""Formats that report every item they read or write: how import and export jobs show progress and
notice a cancel request between two items, without the import/export services knowing about jobs.

A format with the record fast paths (`RecordReader`, `RecordWriter`) keeps them: the observed format
offers exactly the paths its inner format offers, so the services choose the same one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from annota.formats.base import Dataset, Format, Output, ReadOptions, WriteOptions
from annota.formats.options import declared_options
from annota.formats.records import RecordDataset, RecordReader, RecordWriter
from annota.formats.registry import FormatRegistry

# Called with the number of items seen so far; may raise (JobCancelled) to stop the read or write.
OnItem = Callable[[int], None]
T = TypeVar("T")


class ObservedFormat:
    """`inner`, whose datasets call `on_item` as each item goes by."""

    def __init__(self, inner: Format, on_item: OnItem) -> None:
        self.inner = inner
        self.on_item = on_item
        self.name: str = inner.name
        self.title: str = inner.title
        self.description: str = inner.description
        self.carries = inner.carries
        self.can_read: bool = inner.can_read
        self.can_write: bool = inner.can_write
        self.options = declared_options(inner)

    def detect(self, path: Path) -> float:
        return self.inner.detect(path)

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        dataset = self.inner.read(path, options)
        return dataclasses.replace(dataset, items=self._counted(dataset.items))

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.inner.write(dataclasses.replace(dataset, items=self._counted(dataset.items)), output, options)

    def _counted(self, items: Iterable[T]) -> Iterator[T]:
        for count, item in enumerate(items, start=1):
            yield item
            self.on_item(count)


class _ReadsRecords(ObservedFormat):
    def read_records(self, path: Path, options: ReadOptions) -> RecordDataset:
        assert isinstance(self.inner, RecordReader)
        dataset = self.inner.read_records(path, options)
        return dataclasses.replace(dataset, items=self._counted(dataset.items))


class _WritesRecords(ObservedFormat):
    def write_records(self, dataset: RecordDataset, output: Output, options: WriteOptions) -> None:
        assert isinstance(self.inner, RecordWriter)
        observed = dataclasses.replace(dataset, items=self._counted(dataset.items))
        self.inner.write_records(observed, output, options)


class _Records(_ReadsRecords, _WritesRecords):
    pass


def observe(fmt: Format, on_item: OnItem) -> ObservedFormat:
    reads, writes = isinstance(fmt, RecordReader), isinstance(fmt, RecordWriter)
    cls = (
        _Records
        if reads and writes
        else _ReadsRecords
        if reads
        else _WritesRecords
        if writes
        else ObservedFormat
    )
    return cls(fmt, on_item)


def observed_registry(registry: FormatRegistry, on_item: OnItem) -> FormatRegistry:
    return FormatRegistry({fmt.name: observe(fmt, on_item) for fmt in registry})
