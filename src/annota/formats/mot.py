"""MOT 1.1 (``mot``): ``gt/gt.txt`` rows of one image sequence, ``gt/labels.txt``, images in ``img1/``.

A row is ``frame, id, x, y, width, height, consider, class, visibility`` (frames from 1, the class indexing
labels.txt from 1, Pascal-style pixel boxes kept as written). Rows sharing an id ≥ 0 make one track: a
keyframe per row, an ``outside`` keyframe after a gap and after the last row (unless it is on the last
frame). Rows with id -1 are boxes on their frame. ``consider`` 0 becomes the ``ignored`` attribute, any other
value in (0, 1) the box's score; ``visibility`` is kept as an attribute. Without labels.txt the MOT17 classes
are used. ``seqinfo.ini`` gives the length and image size of a sequence shipped without images.

Writing expands each track to one row per frame where it is not outside, each box as the domain's
interpolation gives it (`annota.domain.interpolation`, docs/interpolation.md; a rotated box is written as
its bounding box), and renames images to ``img1/000001<ext>``...
"""

from __future__ import annotations

import configparser
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from annota.domain.attributes import AttrValue
from annota.domain.interpolation import expand
from annota.domain.shapes import rectangle
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track
from annota.formats import sources
from annota.formats.base import (
    CERTAIN,
    LIKELY,
    NO,
    Carries,
    Dataset,
    DatasetTrack,
    Item,
    LocalIds,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
)
from annota.formats.label_book import LabelBook
from annota.formats.spool import Spool
from annota.media.names import natural_key

GT = "gt/gt.txt"
LABELS = "gt/labels.txt"
SEQINFO = "seqinfo.ini"
MOT17_CLASSES = (
    "pedestrian", "person_on_vehicle", "car", "bicycle", "motorbike", "non_motorized_vehicle",
    "static_person", "distractor", "occluder", "occluder_on_ground", "occluder_full", "reflection", "crowd",
)  # fmt: skip
COLUMNS = ("frame", "id", "x", "y", "width", "height", "consider", "class", "visibility")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    frame: int  # 0-based item frame
    track: int
    box: RectangleGeometry
    label: int
    attributes: dict[str, AttrValue]
    score: float | None


def _root(path: Path) -> Path:
    if path.is_file():
        return path.parent.parent if path.parent.name == "gt" else path.parent
    return path


class MotFormat:
    name = "mot"
    title = "MOT 1.1"
    description = "MOT challenge sequence: gt.txt boxes, tracks kept as tracks, labels.txt"
    carries = Carries(kinds=frozenset({"rectangle"}), tracks=True, attributes=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        if path.is_file():
            return LIKELY if path.name == "gt.txt" else NO
        if not (path / GT).is_file():
            return NO
        return CERTAIN if (path / LABELS).is_file() or (path / "img1").is_dir() else LIKELY

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        return _Reader(_root(path), options).read()

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        _write(dataset, output, options)


class _Reader:
    def __init__(self, root: Path, options: ReadOptions) -> None:
        self.root, self.options = root, options
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()

    def read(self) -> Dataset:
        names = self._labels()
        images = self._images()
        rows = self._rows(names)
        self.log.raise_if_any()
        labels = self.book.labels()
        n_frames = len(images) if images else max((r.frame for r in rows), default=-1) + 1
        items = self._items(images, n_frames, rows)
        tracks = self._tracks(rows, n_frames)
        self.log.raise_if_any()
        return Dataset(labels, items, tracks)

    def _labels(self) -> list[str]:
        path = self.root / LABELS
        lines = (
            sources.read_lines(self.root, path, self.log, self.options.max_file_bytes)
            if path.is_file()
            else None
        )
        names = [line.strip() for line in lines or [] if line.strip()] or list(MOT17_CLASSES)
        for name in names:
            self.book.id_for(name)
        return names

    def _images(self) -> list[tuple[str, Path | None]]:
        folder = self.root / "img1"
        if folder.is_dir():
            found = sorted(
                (f for f in folder.iterdir() if f.is_file() and sources.is_image(f)),
                key=lambda f: natural_key(f.name),
            )
            return [(f.name, f) for f in found]
        info = self._seqinfo()
        if info is None:
            return []
        length, extension = info
        return [(f"{n:06d}{extension}", None) for n in range(1, length + 1)]

    def _seqinfo(self) -> tuple[int, str] | None:
        path = self.root / SEQINFO
        lines = (
            sources.read_lines(self.root, path, self.log, self.options.max_file_bytes)
            if path.is_file()
            else None
        )
        if lines is None:
            return None
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string("\n".join(lines))
            length = parser.getint("Sequence", "seqLength")
        except (configparser.Error, ValueError) as error:
            self.log.add(SEQINFO, f"cannot read [Sequence] seqLength: {error}", "format.mot")
            return None
        return length, parser.get("Sequence", "imExt", fallback=".jpg")

    def _rows(self, names: list[str]) -> list[Row]:
        path = self.root / GT
        if not path.is_file():
            self.log.add(GT, "missing: a MOT sequence keeps its boxes in gt/gt.txt", "format.missing_file")
            return []
        lines = sources.read_lines(self.root, path, self.log, self.options.max_file_bytes) or []
        rows = []
        for number, line in enumerate(lines, start=1):
            if line.strip():
                row = self._row(line, number, names)
                if row is not None:
                    rows.append(row)
        return rows

    def _row(self, line: str, number: int, names: list[str]) -> Row | None:
        fields = [f.strip() for f in line.split(",")]
        if len(fields) < 6:
            self.log.add(
                GT,
                f"expected at least 6 comma-separated columns, got {len(fields)}",
                "format.mot",
                line=number,
            )
            return None
        values: list[float] = []
        for i, text in enumerate(fields[:9]):
            try:
                values.append(float(text))
            except ValueError:
                msg = f"column {i + 1} ({COLUMNS[i]}): expected a number, got {text!r}"
                self.log.add(GT, msg, "format.mot", line=number)
                return None
        frame, track, x, y, w, h = values[:6]
        problem = None
        if not frame.is_integer() or frame < 1:
            problem = f"column 1 (frame): expected a frame number from 1, got {fields[0]!r}"
        elif not track.is_integer():
            problem = f"column 2 (id): expected a whole number, got {fields[1]!r}"
        elif not (w > 0 and h > 0):
            problem = f"columns 5-6 (width, height): expected positive sizes, got {fields[4]}, {fields[5]}"
        class_id = values[7] if len(values) > 7 and values[7] != -1 else 1.0
        if problem is None and not (class_id.is_integer() and 1 <= class_id <= len(names)):
            problem = f"column 8 (class): expected a class from 1 to {len(names)}, got {fields[7]!r}"
        if problem is not None:
            self.log.add(GT, problem, "format.mot", line=number)
            return None
        attributes: dict[str, AttrValue] = {}
        score = None
        consider = values[6] if len(values) > 6 else -1.0
        if consider in (0.0, 1.0):
            attributes["ignored"] = consider == 0.0
        elif 0.0 < consider < 1.0:
            score = consider
        if len(values) > 8 and values[8] != -1:
            attributes["visibility"] = values[8]
        label = self.book.id_for(names[int(class_id) - 1])
        self.book.note(label, attributes, mutable=True)
        box = RectangleGeometry(x, y, x + w, y + h)
        return Row(number, int(frame) - 1, int(track), box, label, attributes, score)

    def _items(self, images: list[tuple[str, Path | None]], n_frames: int, rows: list[Row]) -> list[Item]:
        shapes: dict[int, list[Shape]] = {}
        for row in rows:
            if row.frame >= n_frames:
                msg = f"frame {row.frame + 1} is beyond the sequence's {n_frames} frames"
                self.log.add(GT, msg, "format.mot", line=row.line)
            elif row.track < 0:
                attributes = self.book.fit(row.label, row.attributes)
                source = Source.IMPORTED
                shape = Shape(
                    self.ids(),
                    rectangle.NAME,
                    row.label,
                    row.frame,
                    row.box,
                    attributes=attributes,
                    source=source,
                    score=row.score,
                )
                shapes.setdefault(row.frame, []).append(shape)
        names = images or [(f"{n:06d}.jpg", None) for n in range(1, n_frames + 1)]
        items = []
        for frame, (name, image) in enumerate(names):
            size = sources.image_size(image) if image is not None else None
            width, height = size if size is not None else (None, None)
            items.append(Item(name, "", frame, width, height, image, tuple(shapes.get(frame, ()))))
        return items

    def _tracks(self, rows: list[Row], n_frames: int) -> list[DatasetTrack]:
        by_id: dict[int, list[Row]] = {}
        for row in rows:
            if row.track >= 0 and row.frame < n_frames:
                by_id.setdefault(row.track, []).append(row)
        tracks = []
        for track_id, track_rows in sorted(by_id.items()):
            track_rows.sort(key=lambda r: r.frame)
            label = track_rows[0].label
            keyframes: list[Keyframe] = []
            for i, row in enumerate(track_rows):
                if row.label != label:
                    msg = f"track {track_id} changes class (it began as {self.book.name(label)!r})"
                    self.log.add(GT, msg, "format.mot", line=row.line)
                if keyframes and keyframes[-1].frame == row.frame:
                    self.log.add(
                        GT,
                        f"track {track_id} has two rows on frame {row.frame + 1}",
                        "format.mot",
                        line=row.line,
                    )
                    continue
                attributes = self.book.fit(label, row.attributes)
                keyframes.append(Keyframe(row.frame, row.box, attributes=attributes, source=Source.IMPORTED))
                following = track_rows[i + 1].frame if i + 1 < len(track_rows) else n_frames
                if following > row.frame + 1:
                    gap = Keyframe(
                        row.frame + 1, row.box, True, attributes=attributes, source=Source.IMPORTED
                    )
                    keyframes.append(gap)
            track = Track(str(track_id), rectangle.NAME, label, tuple(keyframes), source=Source.IMPORTED)
            tracks.append(DatasetTrack("", track))
        return tracks


# -- writing ------------------------------------------------------------------------------------------------


def _write(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    classes = {label.id: i for i, label in enumerate(dataset.labels, start=1)}
    n_frames = 0
    size: tuple[int | None, int | None] = (None, None)
    extension = ".jpg"
    with Spool() as rows:
        for item in dataset.items:
            n_frames = max(n_frames, item.frame + 1)
            size = size if size[0] is not None else (item.width, item.height)
            for shape in item.shapes:
                if isinstance(shape.geometry, RectangleGeometry):
                    class_id = classes[shape.label_id]
                    rows.write(_line(item.frame, -1, shape.geometry, class_id, shape.attributes, shape.score))
            if options.with_images and item.image is not None:
                extension = PurePosixPath(item.name).suffix.lower() or extension  # stored media have none
                output.copy(f"img1/{item.frame + 1:06d}{extension}", item.image)
        for number, entry in enumerate(dataset.tracks, start=1):
            track = entry.track
            if track.kind != rectangle.NAME:
                continue
            last = max(n_frames, track.keyframes[-1].frame + 1) - 1
            for frame, box, attributes in _visible(track, last):
                rows.write(_line(frame, number, box, classes[track.label_id], attributes, None))
        rows.copy_to(output, GT)
    with output.open(LABELS) as file:
        file.write("".join(f"{label.name}\n" for label in dataset.labels).encode())
    width, height = size
    # MOT readers (Datumaro's among them) want every key; annota does not know the frame rate: 30.
    info = f"[Sequence]\nname=annota\nimDir=img1\nframeRate=30\nseqLength={n_frames}\nimExt={extension}\n"
    if width is not None and height is not None:
        info += f"imWidth={width}\nimHeight={height}\n"
    with output.open(SEQINFO) as file:
        file.write(info.encode())


def _line(
    frame: int,
    track: int,
    geometry: RectangleGeometry,
    class_id: int,
    values: Mapping[str, AttrValue],
    score: float | None,
) -> bytes:
    x1, y1, x2, y2 = rectangle.bbox(geometry)
    consider: float = 0 if values.get("ignored") is True else 1
    if score is not None:
        consider = score
    visibility = values.get("visibility")
    visibility = visibility if isinstance(visibility, int | float) and not isinstance(visibility, bool) else 1
    numbers = [frame + 1, track, x1, y1, x2 - x1, y2 - y1, consider, class_id, visibility]
    return (",".join(_number(v) for v in numbers) + "\n").encode()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _visible(track: Track, last: int) -> Iterator[tuple[int, RectangleGeometry, dict[str, AttrValue]]]:
    """(frame, box, attributes in force) for every frame up to `last` where the track is not outside, as the
    domain's interpolation (docs/interpolation.md) has it: interpolated between keyframes, held after the
    last one."""
    if not track.keyframes:
        return
    first = track.keyframes[0].frame
    for state in expand(track, first, max(first, last)):
        if not state.outside and isinstance(state.geometry, RectangleGeometry):
            yield state.frame, state.geometry, dict(state.attributes)


FORMAT = MotFormat()
