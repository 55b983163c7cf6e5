"""Reading Label Studio JSON exports: a list of tasks with their annotations and predictions.

Coordinates are percent of the image (``original_width``/``original_height`` of the result, else the image
file, else the size of the media already in the project). A rectangle's rotation turns it about its top-left
corner in Label Studio and about its centre in annota: the box is moved accordingly. Results read:
rectanglelabels, polygonlabels, ellipselabels, keypointlabels (one point each), brushlabels (RLE masks),
choices (image tags; with a region's id, an attribute of that region, as are textarea, number and rating),
relation (the two regions share a group) and videorectangle (a track; ``enabled: false`` ends it). Results
of predictions are shapes of source ``model`` with the result's (or prediction's) score. An image task's item
is named after the file its ``data`` refers to; a video task is a subset named after the video, one item per
frame (``frame_000000``...). Cancelled annotations and results of other types are skipped, each kind of skip
a warning (``Dataset.meta["warnings"]``, `lossy.WarningLog`) located where first seen and counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from annota.domain import wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Shape, Source
from annota.domain.tags import Tag
from annota.domain.tracks import Keyframe, Track
from annota.formats import sources
from annota.formats.base import Dataset, DatasetTrack, Item, LocalIds, ProblemLog, ReadOptions
from annota.formats.label_book import LabelBook
from annota.formats.label_studio import regions
from annota.formats.label_studio.config import find_config, read_config
from annota.formats.lossy import WarningLog
from annota.formats.options import Direction, FormatOption, OptionKind
from annota.media.names import InvalidMediaName, relative_name

_UPLOAD_PREFIX = re.compile(r"^[0-9a-f]{8}-")


@dataclass
class _Task:
    """What one task's results produce, before regions are grouped by relations."""

    frame: int
    size: tuple[int, int] | None
    shapes: dict[str, Shape] = field(default_factory=dict)  # by result id
    extra: list[Shape] = field(default_factory=list)  # regions without an id
    tags: list[Tag] = field(default_factory=list)
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)  # result id -> values
    relations: list[tuple[str, str]] = field(default_factory=list)


def media_name(reference: str) -> str:
    """The file name a task's ``data`` value refers to: a URL's or path's last part, Label Studio's upload
    prefix (``1a2b3c4d-``) removed; for ``/data/local-files/?d=dir/x.jpg``, the ``d`` path."""
    parsed = urlparse(reference)
    local = parse_qs(parsed.query).get("d")
    path = unquote(local[0] if local else parsed.path)
    name = PurePosixPath(path.replace("\\", "/")).name
    if "/upload/" in path and _UPLOAD_PREFIX.match(name):
        name = name[9:]
    return name


def is_label_studio(path: Path) -> bool:
    head = sources.head(path, 8192)
    text = head.lstrip()
    return (
        path.suffix.lower() == ".json"
        and text[:1] in (b"[", b"{")
        and b'"data"' in head
        and (b'"annotations"' in head or b'"predictions"' in head or b'"result"' in head)
    )


DATA_KEY = FormatOption(
    "data_key",
    OptionKind.TEXT,
    "the data key naming the media (default: image, video, img, else the first text)",
    Direction.READ,
)
FRAME_WIDTH = FormatOption(
    "frame_width",
    OptionKind.INTEGER,
    "pixel width of video frames when the results do not give it",
    Direction.READ,
)
FRAME_HEIGHT = FormatOption(
    "frame_height",
    OptionKind.INTEGER,
    "pixel height of video frames when the results do not give it",
    Direction.READ,
)
READ_OPTIONS = (DATA_KEY, FRAME_WIDTH, FRAME_HEIGHT)


class LabelStudioReader:
    def __init__(self, root: Path, file: Path, options: ReadOptions) -> None:
        self.root, self.file, self.options = root, file, options
        self.name = sources.relative(root, file)
        self.data_key = DATA_KEY.value(options.extra)
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()
        self.items: list[Item] = []
        self.tracks: list[DatasetTrack] = []
        self.names: set[str] = set()
        self.video_frames: dict[str, int] = {}
        self.warnings = WarningLog()

    def read(self) -> Dataset:
        config = find_config(self.file.parent)
        if config is not None:
            for name, color in read_config(self.root, config, self.log, self.options.max_file_bytes).items():
                self.book.id_for(name, color)
        doc = sources.read_json(self.root, self.file, self.log, self.options.max_file_bytes)
        problems: list[Problem] = []
        tasks = [doc] if isinstance(doc, dict) else doc
        if doc is not None and not isinstance(tasks, list):
            problems.append(
                Problem((), f"expected a list of tasks, got {wire.type_name(doc)}", ProblemType.LIST_TYPE)
            )
        for i, task in enumerate(tasks if isinstance(tasks, list) else []):
            loc: Loc = (i,) if isinstance(doc, list) else ()
            self._task(task, loc, problems)
        self.log.add_domain(self.name, problems)
        self.log.raise_if_any()
        labels = self.book.labels()
        items = [
            replace(i, shapes=self.book.fit_shapes(i.shapes), tags=self.book.fit_tags(i.tags))
            for i in self.items
        ]
        return Dataset(labels, items, self.tracks, self.warnings.meta())

    # -- tasks -----------------------------------------------------------------------------------------

    def _task(self, raw: object, loc: Loc, problems: list[Problem]) -> None:
        task = wire.require_mapping(raw, loc, problems)
        if task is None:
            return
        data = wire.require_mapping(task.get("data"), (*loc, "data"), problems)
        if data is None:
            return
        key = self.data_key or next((k for k in ("image", "video", "img") if k in data), None)
        key = key or next((k for k, v in data.items() if isinstance(v, str)), None)
        reference = data.get(key) if key is not None else None
        if not isinstance(reference, str) or not reference:
            problems.append(
                Problem((*loc, "data"), "expected the image or video the task refers to", ProblemType.MISSING)
            )
            return
        try:
            name = relative_name(media_name(reference))
        except InvalidMediaName as error:
            problems.append(Problem((*loc, "data", key or ""), error.reason, "format.unsafe_path"))
            return
        results = list(self._results(task, loc, problems))
        if key == "video" or any(
            r[1].get("type") == "videorectangle" for r in results if isinstance(r[1], dict)
        ):
            self._video(name, results, problems)
        else:
            self._image(name, (*loc, "data", key or ""), results, problems)

    def _results(self, task: Mapping[str, Any], loc: Loc, problems: list[Problem]) -> Any:
        """(location, result, source, score) of every result of the task's annotations and predictions."""
        for collection, source in (("annotations", Source.IMPORTED), ("predictions", Source.MODEL)):
            raw = task.get(collection) or []
            if not isinstance(raw, list):
                problems.append(Problem((*loc, collection), "expected a list", ProblemType.LIST_TYPE))
                continue
            for j, entry in enumerate(raw):
                where = (*loc, collection, j)
                m = wire.require_mapping(entry, where, problems)
                if m is None:
                    continue
                if m.get("was_cancelled") is True:
                    self.warnings.add(
                        self.name, "cancelled annotations are not kept", (*where, "was_cancelled")
                    )
                    continue
                raw_score = m.get("score")
                score = regions.score(raw_score, None)
                result = m.get("result") or []
                if not isinstance(result, list):
                    problems.append(Problem((*where, "result"), "expected a list", ProblemType.LIST_TYPE))
                    continue
                for k, r in enumerate(result):
                    yield (*where, "result", k), r, source, score

    def _image(self, name: str, loc: Loc, results: list[Any], problems: list[Problem]) -> None:
        if name in self.names:
            problems.append(
                Problem(loc, f"image {name!r} is the subject of two tasks", ProblemType.DUPLICATE)
            )
            return
        self.names.add(name)
        image = sources.find_image(self.file.parent, name)
        file_size = sources.image_size(image) if image is not None else None
        size = file_size or self.options.image_sizes.get(name)
        task = _Task(len(self.items), size)
        for where, raw, source, score in results:
            self._result(raw, where, source, score, task, problems)
        shapes = self._grouped(task)
        width, height = size if size is not None else regions.result_size(results) or (None, None)
        self.items.append(Item(name, "", task.frame, width, height, image, tuple(shapes), tuple(task.tags)))

    def _grouped(self, task: _Task) -> list[Shape]:
        """The task's shapes, with attribute results applied and related regions in one group."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in task.relations:
            if a in task.shapes and b in task.shapes and root(a) != root(b):
                parent[root(a)] = root(b)
        members: dict[str, list[str]] = {}
        for rid in task.shapes:
            members.setdefault(root(rid), []).append(rid)
        groups = {
            rid: n
            for n, ids in enumerate((v for v in members.values() if len(v) > 1), start=1)
            for rid in ids
        }
        out = []
        for rid, shape in task.shapes.items():
            values = {**shape.attributes, **task.attributes.get(rid, {})}
            self.book.note(shape.label_id, values)
            out.append(replace(shape, attributes=values, group=groups.get(rid)))
        return out + task.extra

    def _result(
        self, raw: object, loc: Loc, source: Source, score: float | None, task: _Task, problems: list[Problem]
    ) -> None:
        r = wire.require_mapping(raw, loc, problems)
        if r is None:
            return
        kind = r.get("type")
        rid = r.get("id") if isinstance(r.get("id"), str) else None
        value = wire.require_mapping(r.get("value"), (*loc, "value"), problems) if kind != "relation" else {}
        if value is None:
            return
        raw_score = r.get("score")
        result_score = regions.score(raw_score, score)
        if kind == "relation":
            a, b = r.get("from_id"), r.get("to_id")
            if isinstance(a, str) and isinstance(b, str):
                task.relations.append((a, b))
        elif kind in regions.REGION_TYPES:
            self._region(r, value, loc, source, result_score, task, problems)
        elif kind in regions.ATTRIBUTE_TYPES and rid is not None and rid in task.shapes:
            from_name = str(r.get("from_name") or kind)
            task.attributes.setdefault(rid, {})[from_name] = regions.attribute(value, kind)
        elif kind == "choices":
            choices = value.get("choices")
            for choice in choices if isinstance(choices, list) else []:
                if isinstance(choice, str) and choice.strip():
                    label = self.book.id_for(choice)
                    task.tags.append(
                        Tag(self.ids(), label, task.frame, task.frame, source=source, score=result_score)
                    )
        else:
            self.warnings.add(self.name, f"{kind!r} results are not kept", (*loc, "type"))

    def _region(
        self, r: Mapping[str, Any], value: Mapping[str, Any], loc: Loc, source: Source, score: float | None,
        task: _Task, problems: list[Problem],
    ) -> None:  # fmt: skip
        kind = r["type"]
        names = value.get(kind)
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            problems.append(
                Problem((*loc, "value", kind), "expected a list of label names", ProblemType.LIST_TYPE)
            )
            return
        size = regions.original_size(r) or task.size
        if size is None:
            msg = "cannot turn percent into pixels: no original_width/original_height and no image file"
            problems.append(Problem(loc, msg, "format.size"))
            return
        geometry = regions.geometry(kind, value, size, (*loc, "value"), problems)
        if geometry is None:
            return
        rid = r.get("id") if isinstance(r.get("id"), str) else None
        for n, name in enumerate(names):
            kind_name = regions.REGION_TYPES[kind]
            shape = Shape(self.ids(), kind_name, self.book.id_for(name), task.frame, geometry, source=source,
                          score=score)  # fmt: skip
            if rid is not None and rid not in task.shapes and n == 0:
                task.shapes[rid] = shape
            else:
                task.extra.append(shape)

    # -- videos ----------------------------------------------------------------------------------------

    def _video(self, name: str, results: list[Any], problems: list[Problem]) -> None:
        subset = str(PurePosixPath(name).with_suffix(""))
        if subset in self.video_frames:
            problems.append(
                Problem(
                    results[0][0][:1] if results else (),
                    f"video {name!r} is the subject of two tasks",
                    ProblemType.DUPLICATE,
                )
            )
            return
        frames = 0
        tracks = []
        width, height = FRAME_WIDTH.value(self.options.extra), FRAME_HEIGHT.value(self.options.extra)
        option_size = (
            (int(width), int(height)) if width and height and width.isdigit() and height.isdigit() else None
        )
        for where, raw, source, _ in results:
            r = wire.require_mapping(raw, where, problems)
            if r is None or r.get("type") != "videorectangle":
                if r is not None and r.get("type") != "relation":
                    msg = f"{r.get('type')!r} results of a video are not kept"
                    self.warnings.add(self.name, msg, (*where, "type"))
                continue
            value = wire.require_mapping(r.get("value"), (*where, "value"), problems)
            if value is None:
                continue
            count = value.get("framesCount")
            frames = max(frames, count if isinstance(count, int) and count > 0 else 0)
            size = regions.original_size(r) or option_size or self.options.image_sizes.get(name)
            if size is None:
                msg = "cannot turn percent into pixels: give the options frame_width and frame_height"
                problems.append(Problem(where, msg, "format.size"))
                continue
            track = self._track(value, size, (*where, "value"), source, problems)
            if track is not None:
                tracks.append(track)
                frames = max(frames, track.keyframes[-1].frame + 1)
        self.video_frames[subset] = frames
        self.items.extend(Item(f"frame_{f:06d}", subset, f) for f in range(frames))
        self.tracks.extend(DatasetTrack(subset, t) for t in tracks)

    def _track(
        self,
        value: Mapping[str, Any],
        size: tuple[int, int],
        loc: Loc,
        source: Source,
        problems: list[Problem],
    ) -> Track | None:
        names = value.get("labels")
        if not isinstance(names, list) or not names or not isinstance(names[0], str) or not names[0].strip():
            problems.append(
                Problem((*loc, "labels"), "expected a list of label names", ProblemType.LIST_TYPE)
            )
            return None
        sequence = value.get("sequence")
        if not isinstance(sequence, list) or not sequence:
            problems.append(
                Problem((*loc, "sequence"), "expected a non-empty list of keyframes", ProblemType.LIST_TYPE)
            )
            return None
        keyframes: dict[int, Keyframe] = {}
        order = sorted(range(len(sequence)), key=lambda i: regions.frame_of(sequence[i]))
        for i in order:
            raw = sequence[i]
            where = (*loc, "sequence", i)
            k = wire.require_mapping(raw, where, problems)
            if k is None:
                continue
            frame = wire.integer(k.get("frame"), (*where, "frame"), problems, minimum=1)
            box = regions.rectangle(k, size, where, problems)
            if frame is None or box is None:
                continue
            keyframes[frame - 1] = Keyframe(frame - 1, box, source=source)
            if k.get("enabled") is False and frame not in keyframes:
                keyframes[frame] = Keyframe(frame, box, outside=True, source=source)
        if not keyframes:
            return None
        ordered = tuple(keyframes[f] for f in sorted(keyframes))
        return Track(self.ids(), "rectangle", self.book.id_for(names[0]), ordered, source=source)
