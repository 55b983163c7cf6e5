"""What every dataset format shares: the dataset model, the `Format` protocol, and located problems.

A format module (``coco.py``, ``yolo.py``, ...) exposes one object, ``FORMAT``, that satisfies `Format`; it is
registered under the entry-point group ``annota.formats`` (see `registry`). Built-ins register exactly like a
third-party format would.

**The dataset model** is the meeting point of readers, writers and the import/export services:

- ``Dataset.labels``: domain `Label`s whose ``id`` is *dataset-local* (any distinct ints: COCO category ids,
  YOLO class indices, database ids on export). Every annotation's ``label_id`` refers to one of them. Label
  kind is ``any`` unless the format knows better (a skeleton label needs ``kind=skeleton`` and a template).
  Every attribute value that an annotation carries has an `AttributeSpec` on its label (use
  `infer_attribute_specs` when the format has no attribute schema).
- ``Dataset.items``: one `Item` per image (or per video frame), in order; it may be a one-shot lazy iterator,
  so never iterate it twice. An item carries its shapes and tags (domain `Shape` / `Tag`, ``frame`` equal
  to ``item.frame``, ``label_id`` a dataset label id). Ids of shapes, tags and tracks are reader-local
  strings: the import service gives every annotation a fresh id.
- ``Dataset.tracks``: `DatasetTrack`s (domain `Track` + subset), consumed *after* the items. Keyframe
  frames refer to item frames of the same subset.
- Frames: ``item.frame`` is the item's index in its subset's sequence, 0-based and increasing. Image
  readers number items 0, 1, 2... per subset; a video reader maps its frame numbers to that index (CVAT's
  ``start_frame``/``frame_filter`` are undone by the reader and kept in ``Dataset.meta``).
- Subsets: ``item.subset`` (``""`` when the format has none). Import makes one task per subset.

**Readers** (``Format.read``) collect *all* problems into a `ProblemLog` and raise one `FormatError`. A reader
that yields items lazily raises it when its item (or track) iterator is exhausted, so a consumer that writes
as it goes must do so in a transaction it can roll back: nothing is imported when any problem is fatal.
Problems are located as ``file: json.path: msg`` (`FormatProblem` with ``loc``) or ``file:line: msg``
(with ``line``), e.g. ``instances_val.json: annotations[7].bbox: expected 4 numbers, got 3``.

**Records** (`annota.formats.records`): a format may also implement ``read_records`` / ``write_records``,
the same model with plain record dicts instead of domain shapes; the import and export services use them
when a format has them (a million boxes through domain objects cost more than everything else together).

**Writers** (``Format.write``) get a `Dataset` streamed from the database (labels first, items grouped by
subset and in frame order within it, then tracks) and an `Output` (a folder or a zip). They must not hold
every item in memory: write as the items come (a writer may keep small per-item records, e.g. COCO's
image list). Tracks reach a writer only when its ``carries.tracks`` is true; otherwise the export service
expands them to per-frame shapes inside the items.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar, runtime_checkable

from annota.domain.attributes import AttributeKind, AttributeSpec, AttrValue
from annota.domain.labels import Label
from annota.domain.problems import Loc, Problem, format_loc
from annota.domain.shapes.base import Shape
from annota.domain.tags import Tag
from annota.domain.tracks import Track

__all__ = [
    "Carries",
    "Dataset",
    "DatasetTrack",
    "Format",
    "FormatError",
    "FormatProblem",
    "Item",
    "LocalIds",
    "Output",
    "ProblemLog",
    "ReadOptions",
    "WriteOptions",
    "checked_items",
    "coerce_attributes",
    "infer_attribute_specs",
]

# Confidence values for `Format.detect`: a marker file or schema proves the format; a plausible layout
# (e.g. some .txt next to images) only suggests it.
CERTAIN = 1.0
LIKELY = 0.8
POSSIBLE = 0.4
NO = 0.0

T = TypeVar("T")
MAX_PROBLEMS = 1000  # a million bad boxes make one readable report, not a million lines


# -- problems ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormatProblem:
    """One thing wrong with a dataset file, located by JSON path (`loc`) or by `line` (1-based).

    ``file`` is relative to the dataset root (``annotations/instances_val.json``); ``""`` for the dataset as a
    whole. ``type`` is machine-readable (``format.json``, ``format.missing_image``, a domain ProblemType).
    """

    file: str
    msg: str
    type: str
    loc: Loc = ()
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where = f"{where}:{self.line}"
        path = format_loc(self.loc)
        parts = [p for p in (where, path) if p]
        return ": ".join([*parts, self.msg])

    def as_dict(self) -> dict[str, object]:
        """The API's error item shape: ``{"loc": [file, line or path parts...], "msg", "type"}``."""
        loc: list[object] = [self.file]
        if self.line is not None:
            loc.append(self.line)
        loc.extend(self.loc)
        return {"loc": loc, "msg": self.msg, "type": self.type}


class FormatError(ValueError):
    """A dataset refused, with every problem found (at most MAX_PROBLEMS listed, `dropped` more)."""

    def __init__(self, problems: Sequence[FormatProblem], dropped: int = 0) -> None:
        self.problems = list(problems)
        self.dropped = dropped
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5 + dropped
        super().__init__(
            f"{len(self.problems) + dropped} problem(s): {shown}" + (f" (+{more} more)" if more > 0 else "")
        )

    def lines(self) -> list[str]:
        """One line per problem, for a terminal."""
        out = [str(p) for p in self.problems]
        if self.dropped:
            out.append(f"... and {self.dropped} more problem(s)")
        return out


class ProblemLog:
    """Where a reader collects problems while it goes on reading; `raise_if_any` ends the read."""

    def __init__(self, max_problems: int = MAX_PROBLEMS) -> None:
        self.problems: list[FormatProblem] = []
        self.dropped = 0
        self._max = max_problems

    def __bool__(self) -> bool:
        return bool(self.problems) or self.dropped > 0

    def add(self, file: str, msg: str, type: str, loc: Loc = (), line: int | None = None) -> None:
        if len(self.problems) < self._max:
            self.problems.append(FormatProblem(file, msg, type, tuple(loc), line))
        else:
            self.dropped += 1

    def add_domain(
        self, file: str, problems: Iterable[Problem], loc: Loc = (), line: int | None = None
    ) -> None:
        """Domain problems (located inside a shape, e.g. ``("points",)``) placed under `loc` of `file`."""
        for p in problems:
            self.add(file, p.msg, str(p.type), (*loc, *p.loc), line)

    def raise_if_any(self) -> None:
        if self:
            raise FormatError(self.problems, self.dropped)


# -- the dataset model ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One image of the dataset (or one frame of a video) with the annotations drawn on it.

    ``name`` is the media name: a relative POSIX path such as ``a.jpg`` or ``sub/b.png``, matched to a task's
    media by the import service and used as the file name on export. ``image`` is the image file when the
    dataset carries it (a reader found it next to the annotations; on export, the stored original).
    """

    name: str
    subset: str = ""
    frame: int = 0
    width: int | None = None
    height: int | None = None
    image: Path | None = None
    shapes: tuple[Shape, ...] = ()
    tags: tuple[Tag, ...] = ()

    @property
    def is_annotated(self) -> bool:
        return bool(self.shapes or self.tags)


@dataclass(frozen=True, slots=True)
class DatasetTrack:
    """A video track of one subset; keyframe frames are item frames of that subset."""

    subset: str
    track: Track


@dataclass
class Dataset:
    """Labels, then items (possibly lazy), then tracks. See the module docstring for the rules."""

    labels: tuple[Label, ...]
    items: Iterable[Item]
    tracks: Iterable[DatasetTrack] = ()
    # Format-specific facts worth keeping (CVAT start_frame/frame_step, a native project's name...).
    meta: Mapping[str, Any] = field(default_factory=dict)

    def label_by_id(self) -> dict[int, Label]:
        return {label.id: label for label in self.labels if label.id is not None}


# -- what a format is -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Carries:
    """What a format can hold, shown by `annota formats` and used to expand tracks for image formats.

    ``kinds``: shape kinds (``rectangle``, ``polygon``...) and ``tag`` for image-level labels.
    """

    kinds: frozenset[str]
    tracks: bool = False
    attributes: bool = False
    subsets: bool = False
    images: bool = True

    def summary(self) -> str:
        parts = [", ".join(sorted(self.kinds))]
        flags = (("tracks", self.tracks), ("attributes", self.attributes), ("subsets", self.subsets))
        parts += [word for word, on in (*flags, ("images", self.images)) if on]
        return "; ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options of a read; ``extra`` holds format-specific ones (documented in docs/formats/<name>.md)."""

    extra: Mapping[str, str] = field(default_factory=dict)
    # Refuse any single annotation file above this size (JSON, XML, text), before parsing it.
    max_file_bytes: int = 4 * 1024**3
    # (width, height) of media already in the target project, by media name: formats with normalised
    # coordinates (YOLO) need an image's size when the dataset comes without the image file.
    image_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """Options of a write: whether to copy images next to the annotations, plus format-specific ones."""

    with_images: bool = False
    extra: Mapping[str, str] = field(default_factory=dict)


class Output(Protocol):
    """Where a writer puts files: a folder or a zip archive (see `formats.output`). Names are relative POSIX
    paths; writing the same name twice is an error."""

    def open(self, name: str) -> IO[bytes]:
        """A binary file to write `name` into; close it (use ``with``) before opening the next one."""
        ...

    def copy(self, name: str, source: Path) -> None:
        """Put the file at `source` (an image from the media store) at `name`."""
        ...


@runtime_checkable
class Format(Protocol):
    """A dataset format. ``name`` is what ``--format``, the API and `annota formats` use."""

    name: str
    title: str  # e.g. "COCO 1.0"
    description: str  # one line
    carries: Carries
    can_read: bool
    can_write: bool

    def detect(self, path: Path) -> float:
        """How sure (0..1) that `path` (a folder, or a single annotation file) is in this format.

        Cheap: look at names and at most the first KiB of a few files; never parse a whole dataset.
        """
        ...

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        """The dataset at `path` (a folder or one annotation file); raises FormatError with every problem.

        Image files referred to by the annotations are looked up next to them and set as ``Item.image``.
        """
        ...

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        """Write `dataset` in this format, streaming its items; copies ``item.image`` when asked to."""
        ...


# -- helpers every reader needs ---------------------------------------------------------------------------


def infer_attribute_specs(values: Iterable[tuple[str, AttrValue]]) -> tuple[AttributeSpec, ...]:
    """Attribute specs that accept every (name, value) seen, for formats that carry values but no schema.

    Booleans give a checkbox, numbers a number spanning the values seen (min..max, no step), anything else
    (or a mix) text. Values of a text attribute must then be written as strings (see `coerce_attributes`).
    """
    kinds: dict[str, set[str]] = {}
    bounds: dict[str, list[float]] = {}
    for name, value in values:
        if isinstance(value, bool):
            kind = "checkbox"
        elif isinstance(value, int | float) and math.isfinite(value):
            kind = "number"
            lo_hi = bounds.setdefault(name, [float(value), float(value)])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], value), max(lo_hi[1], value)
        else:
            kind = "text"
        kinds.setdefault(name, set()).add(kind)
    specs = []
    for name, seen in kinds.items():
        if seen == {"checkbox"}:
            specs.append(AttributeSpec(name, AttributeKind.CHECKBOX))
        elif seen == {"number"}:
            lo, hi = bounds[name]
            specs.append(AttributeSpec(name, AttributeKind.NUMBER, min=lo, max=hi))
        else:
            specs.append(AttributeSpec(name, AttributeKind.TEXT))
    return tuple(specs)


def coerce_attributes(values: Mapping[str, object], specs: Sequence[AttributeSpec]) -> dict[str, AttrValue]:
    """`values` fitted to specs made by `infer_attribute_specs`: text attributes get ``str(value)``."""
    kinds = {s.name: s.kind for s in specs}
    out: dict[str, AttrValue] = {}
    for name, value in values.items():
        if kinds.get(name) is AttributeKind.TEXT and not isinstance(value, str):
            out[name] = "true" if value is True else "false" if value is False else str(value)
        else:
            out[name] = value  # type: ignore[assignment]
    return out


class LocalIds:
    """Reader-local annotation ids: "1", "2", ... (the import service replaces them)."""

    def __init__(self) -> None:
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return str(self._next)


def checked_items(items: Iterable[T], log: ProblemLog) -> Iterator[T]:
    """`items`, then the log's FormatError if any problem was collected meanwhile (for lazy readers)."""
    yield from items
    log.raise_if_any()
