"""Reading Label Studio JSON exports: a list of tasks with their annotations and predictions.

Coordinates are percent of the image (``original_width``/``original_height`` of the result, else the image
file, else the size of the media already in the project). A rectangle's rotation turns it about its top-left
corner in Label Studio and about its centre in annota: the box is moved accordingly. Results read:
rectanglelabels, polygonlabels, ellipselabels, keypointlabels (one point each), brushlabels (RLE masks),
choices (image tags; with a region's id, an attribute of that region, as are textarea, number and rating),
relation (the two regions share a group) and videorectangle (a track; ``enabled: false`` ends it). Results
of predictions are shapes of source ``model`` with the result's (or prediction's) score. An image task's item
is named after the file its ``data`` refers to; a video task is a subset named after the video, one item per
frame (``frame_000000``...). Cancelled annotations are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from annota.domain import planar, wire
from annota.domain.problems import Loc, Problem, ProblemType
from annota.domain.shapes.base import Geometry, Shape, Source, build
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tags import Tag
from annota.domain.tracks import Keyframe, Track
from annota.formats import png_masks, sources
from annota.formats.base import Dataset, DatasetTrack, Item, LocalIds, ProblemLog, ReadOptions
from annota.formats.label_book import LabelBook, parse_text_value
from annota.formats.label_studio import brush
from annota.formats.label_studio.config import find_config, read_config
from annota.media.names import InvalidMediaName, relative_name

REGION_TYPES = {
    "rectanglelabels": "rectangle",
    "polygonlabels": "polygon",
    "ellipselabels": "ellipse",
    "keypointlabels": "points",
    "brushlabels": "mask",
}
ATTRIBUTE_TYPES = ("choices", "textarea", "number", "rating")
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


class LabelStudioReader:
    def __init__(self, root: Path, file: Path, options: ReadOptions) -> None:
        self.root, self.file, self.options = root, file, options
        self.name = sources.relative(root, file)
        self.data_key = options.extra.get("data_key")
        self.log = ProblemLog()
        self.book = LabelBook()
        self.ids = LocalIds()
        self.items: list[Item] = []
        self.tracks: list[DatasetTrack] = []
        self.names: set[str] = set()
        self.video_frames: dict[str, int] = {}

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
        return Dataset(labels, items, self.tracks)

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
                if m is None or m.get("was_cancelled") is True:
                    continue
                raw_score = m.get("score")
                score = _score(raw_score, None)
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
        width, height = size if size is not None else _result_size(results) or (None, None)
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
        result_score = _score(raw_score, score)
        if kind == "relation":
            a, b = r.get("from_id"), r.get("to_id")
            if isinstance(a, str) and isinstance(b, str):
                task.relations.append((a, b))
        elif kind in REGION_TYPES:
            self._region(r, value, loc, source, result_score, task, problems)
        elif kind in ATTRIBUTE_TYPES and rid is not None and rid in task.shapes:
            from_name = str(r.get("from_name") or kind)
            task.attributes.setdefault(rid, {})[from_name] = _attribute(value, kind)
        elif kind == "choices":
            choices = value.get("choices")
            for choice in choices if isinstance(choices, list) else []:
                if isinstance(choice, str) and choice.strip():
                    label = self.book.id_for(choice)
                    task.tags.append(
                        Tag(self.ids(), label, task.frame, task.frame, source=source, score=result_score)
                    )
        else:
            self.log.add(
                self.name, f"{kind!r} results are not supported", "format.label_studio", (*loc, "type")
            )

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
        size = _size(r) or task.size
        if size is None:
            msg = "cannot turn percent into pixels: no original_width/original_height and no image file"
            problems.append(Problem(loc, msg, "format.size"))
            return
        geometry = _geometry(kind, value, size, (*loc, "value"), problems)
        if geometry is None:
            return
        rid = r.get("id") if isinstance(r.get("id"), str) else None
        for n, name in enumerate(names):
            shape = Shape(self.ids(), REGION_TYPES[kind], self.book.id_for(name), task.frame, geometry,
                          source=source, score=score)  # fmt: skip
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
        width = self.options.extra.get("frame_width")
        height = self.options.extra.get("frame_height")
        option_size = (
            (int(width), int(height)) if width and height and width.isdigit() and height.isdigit() else None
        )
        for where, raw, source, _ in results:
            r = wire.require_mapping(raw, where, problems)
            if r is None or r.get("type") != "videorectangle":
                if r is not None and r.get("type") not in ("relation",):
                    self.log.add(
                        self.name,
                        f"{r.get('type')!r} results of a video are not supported",
                        "format.label_studio",
                        (*where, "type"),
                    )
                continue
            value = wire.require_mapping(r.get("value"), (*where, "value"), problems)
            if value is None:
                continue
            count = value.get("framesCount")
            frames = max(frames, count if isinstance(count, int) and count > 0 else 0)
            size = _size(r) or option_size or self.options.image_sizes.get(name)
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
        order = sorted(range(len(sequence)), key=lambda i: _frame_of(sequence[i]))
        for i in order:
            raw = sequence[i]
            where = (*loc, "sequence", i)
            k = wire.require_mapping(raw, where, problems)
            if k is None:
                continue
            frame = wire.integer(k.get("frame"), (*where, "frame"), problems, minimum=1)
            box = _rectangle(k, size, where, problems)
            if frame is None or box is None:
                continue
            keyframes[frame - 1] = Keyframe(frame - 1, box, source=source)
            if k.get("enabled") is False and frame not in keyframes:
                keyframes[frame] = Keyframe(frame, box, outside=True, source=source)
        if not keyframes:
            return None
        ordered = tuple(keyframes[f] for f in sorted(keyframes))
        return Track(self.ids(), "rectangle", self.book.id_for(names[0]), ordered, source=source)


def _score(raw: object, default: float | None) -> float | None:
    """A score in [0, 1] (annota's range), else `default`."""
    return (
        float(raw)
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 <= raw <= 1
        else default
    )


def _frame_of(raw: object) -> float:
    frame = raw.get("frame") if isinstance(raw, dict) else None
    return float(frame) if isinstance(frame, int | float) else 0.0


def _size(r: Mapping[str, Any]) -> tuple[int, int] | None:
    w, h = r.get("original_width"), r.get("original_height")
    if isinstance(w, int | float) and isinstance(h, int | float) and w > 0 and h > 0:
        return int(w), int(h)
    return None


def _result_size(results: list[Any]) -> tuple[int, int] | None:
    for _, r, _, _ in results:
        if isinstance(r, dict) and (size := _size(r)) is not None:
            return size
    return None


def _attribute(value: Mapping[str, Any], kind: str) -> Any:
    if kind == "choices":
        choices = [str(c) for c in value.get("choices") or []]
        return (
            parse_text_value(choices[0])
            if len(choices) == 1 and choices[0] in ("true", "false")
            else ",".join(choices)
        )
    if kind == "textarea":
        text = value.get("text") or []
        return "\n".join(str(t) for t in text) if isinstance(text, list) else str(text)
    raw = value.get(kind)
    return raw if wire.is_number(raw) else str(raw)


def _percent(
    value: Mapping[str, Any], keys: tuple[str, ...], loc: Loc, problems: list[Problem]
) -> list[float] | None:
    out = [wire.number(value.get(k), (*loc, k), problems) for k in keys]
    return None if any(v is None for v in out) else out  # type: ignore[return-value]


def _rectangle(
    value: Mapping[str, Any], size: tuple[int, int], loc: Loc, problems: list[Problem]
) -> RectangleGeometry | None:
    found = _percent(value, ("x", "y", "width", "height"), loc, problems)
    rotation = value.get("rotation", 0) or 0
    if found is None or not wire.is_number(rotation):
        return None
    w_px, h_px = size
    x, y, w, h = found[0] * w_px / 100, found[1] * h_px / 100, found[2] * w_px / 100, found[3] * h_px / 100
    # Label Studio turns the box about its top-left corner (x, y); annota about its centre.
    c, s = planar.cos_sin(float(rotation))
    cx, cy = x + (w * c - h * s) / 2, y + (w * s + h * c) / 2
    geometry, found_problems = build(
        RectangleGeometry,
        loc,
        cx - w / 2,
        cy - h / 2,
        cx + w / 2,
        cy + h / 2,
        planar.normalize_degrees(float(rotation)),
    )
    problems.extend(found_problems)
    return geometry


def _geometry(
    kind: str, value: Mapping[str, Any], size: tuple[int, int], loc: Loc, problems: list[Problem]
) -> Geometry | None:
    w_px, h_px = size
    found: list[Problem] = []
    geometry: Geometry | None = None
    if kind == "rectanglelabels":
        return _rectangle(value, size, loc, problems)
    if kind == "ellipselabels":
        p = _percent(value, ("x", "y", "radiusX", "radiusY"), loc, problems)
        rotation = value.get("rotation", 0) or 0
        if p is None or not wire.is_number(rotation):
            return None
        geometry, found = build(EllipseGeometry, loc, p[0] * w_px / 100, p[1] * h_px / 100, p[2] * w_px / 100,
                                p[3] * h_px / 100, planar.normalize_degrees(float(rotation)))  # fmt: skip
    elif kind == "keypointlabels":
        p = _percent(value, ("x", "y"), loc, problems)
        if p is None:
            return None
        geometry, found = build(PointsGeometry, loc, (p[0] * w_px / 100, p[1] * h_px / 100))
    elif kind == "polygonlabels":
        raw = value.get("points")
        pairs = (
            [wire.number_list(xy, (*loc, "points", i), problems) for i, xy in enumerate(raw)]
            if isinstance(raw, list)
            else None
        )
        if pairs is None or any(p is None or len(p) != 2 for p in pairs):
            problems.append(
                Problem((*loc, "points"), "expected a list of [x, y] percent points", ProblemType.LIST_TYPE)
            )
            return None
        flat = tuple(v for p in pairs for v in (p[0] * w_px / 100, p[1] * h_px / 100))  # type: ignore[index]
        if len(flat) > 6 and flat[:2] == flat[-2:]:
            flat = flat[:-2]
        geometry, found = build(PolygonGeometry, loc, flat)
    else:
        rle = value.get("rle")
        if value.get("format", "rle") != "rle" or not isinstance(rle, list):
            problems.append(Problem((*loc, "rle"), "expected an RLE brush mask", ProblemType.RLE))
            return None
        try:
            bits = brush.decode(rle, w_px, h_px)
        except brush.BrushError as error:
            problems.append(Problem((*loc, "rle"), str(error), ProblemType.RLE))
            return None
        return png_masks.tight_mask(bits) if bits.any() else None
    problems.extend(found)
    return geometry
