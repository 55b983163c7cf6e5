"""Writing Label Studio JSON: ``tasks.json`` (a list of tasks) and ``label_config.xml`` declaring the labels.

An image task per item: shapes of source ``model`` become its prediction (with their scores), the others its
annotation. Rectangles (rotated about their top-left corner, as Label Studio does), ellipses, polygons,
points (one keypoint result per point) and masks (brush RLE) are written in percent of the image; tags
become one ``choices`` result; attributes become per-region results sharing the region's id (textarea,
number, or choices ``true``/``false``); a group becomes relations between its regions. A subset that holds
tracks is written as one video task: rectangle tracks as video rectangles, each box of its frames as a
one-frame video rectangle. Polylines and skeletons have no Label Studio result and are left out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np
import orjson

from annota.domain import planar
from annota.domain.shapes import mask as mask_kind
from annota.domain.shapes.base import Shape, Source
from annota.domain.shapes.ellipse import EllipseGeometry
from annota.domain.shapes.mask import MaskGeometry
from annota.domain.shapes.points import PointsGeometry
from annota.domain.shapes.polygon import PolygonGeometry
from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Track
from annota.formats.base import Dataset, Item, Output, WriteOptions
from annota.formats.label_studio import brush
from annota.formats.label_studio.config import FILE as CONFIG_FILE
from annota.formats.label_studio.config import FROM_NAMES, config_text
from annota.formats.spool import Spool

FILE = "tasks.json"
Size = tuple[int, int]


class LabelStudioWriter:
    def __init__(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        self.dataset, self.output, self.options = dataset, output, options
        self.names = {label.id: label.name for label in dataset.labels}
        self.colors = {label.name: label.color for label in dataset.labels}
        self.used: dict[str, dict[str, None]] = {}
        self.next_id = itertools.count(1)
        self.video = False

    def write(self) -> None:
        spools: dict[str, Spool] = {}
        sizes: dict[str, Size] = {}
        try:
            for item in self.dataset.items:
                spool = spools.get(item.subset)
                if spool is None:
                    spool = spools[item.subset] = Spool()
                spool.write(orjson.dumps(self._task(item)) + b"\n")
                if item.width and item.height:
                    sizes.setdefault(item.subset, (item.width, item.height))
                if self.options.with_images and item.image is not None:
                    self.output.copy(item.name, item.image)
            tracks: dict[str, list[Track]] = {}
            for entry in self.dataset.tracks:
                tracks.setdefault(entry.subset, []).append(entry.track)
            with Spool() as out:
                out.open_array()
                for subset in dict.fromkeys([*spools, *tracks]):
                    lines = spools[subset].lines() if subset in spools else iter(())
                    if subset in tracks:
                        self.video = True
                        out.element(self._video_task(subset, lines, tracks[subset], sizes.get(subset)))
                    else:
                        for line in lines:
                            out.raw_element(line)
                out.close_array()
                out.copy_to(self.output, FILE)
        finally:
            for spool in spools.values():
                spool.__exit__(None, None, None)
        used = {k: list(v) for k, v in self.used.items()}
        unused = [name for name in self.colors if not any(name in names for names in used.values())]
        if unused:  # the config is the label set: a label no result uses is declared with boxes
            used.setdefault("videorectangle" if self.video else "rectanglelabels", []).extend(unused)
        with self.output.open(CONFIG_FILE) as file:
            file.write(config_text(used, self.colors, self.video))

    # -- image tasks -----------------------------------------------------------------------------------

    def _task(self, item: Item) -> dict[str, Any]:
        size = (item.width or 1, item.height or 1)
        manual: list[dict[str, Any]] = []
        predicted: list[dict[str, Any]] = []
        scores = []
        groups: dict[int, list[str]] = {}
        for shape in item.shapes:
            results = self._shape(shape, size)
            (predicted if shape.source is Source.MODEL else manual).extend(results)
            if shape.source is Source.MODEL and shape.score is not None:
                scores.append(shape.score)
            if results and shape.group is not None:
                groups.setdefault(shape.group, []).append(results[0]["id"])
        for members in groups.values():
            manual.extend(
                {"type": "relation", "from_id": a, "to_id": b, "direction": "right"}
                for a, b in itertools.pairwise(members)
            )
        if item.tags:
            names = list(dict.fromkeys(self.names[t.label_id] for t in item.tags))
            manual.append(self._result("choices", {"choices": names}, size, f"c{next(self.next_id)}"))
            self.used.setdefault("choices", {}).update(dict.fromkeys(names))
        task: dict[str, Any] = {
            "id": next(self.next_id),
            "data": {"image": item.name},
            "annotations": [],
            "predictions": [],
        }
        if manual:
            task["annotations"].append({"id": next(self.next_id), "result": manual})
        if predicted:
            prediction: dict[str, Any] = {"result": predicted}
            if scores:
                prediction["score"] = sum(scores) / len(scores)
            task["predictions"].append(prediction)
        return task

    def _result(self, kind: str, value: dict[str, Any], size: Size, rid: str) -> dict[str, Any]:
        return {
            "id": rid, "type": kind, "from_name": FROM_NAMES.get(kind, kind), "to_name": "image",
            "original_width": size[0], "original_height": size[1], "image_rotation": 0, "value": value,
        }  # fmt: skip

    def _shape(self, shape: Shape, size: Size) -> list[dict[str, Any]]:
        name = self.names[shape.label_id]
        regions = [(kind, value) for kind, value in _values(shape.geometry, size)]
        out = []
        for kind, value in regions:
            rid = f"r{next(self.next_id)}"
            value[kind] = [name]
            result = self._result(kind, value, size, rid)
            if shape.source is Source.MODEL and shape.score is not None:
                result["score"] = shape.score
            out.append(result)
            self.used.setdefault(kind, {})[name] = None
            out.extend(self._attribute(rid, key, v, size) for key, v in shape.attributes.items())
        return out

    def _attribute(self, rid: str, key: str, value: object, size: Size) -> dict[str, Any]:
        if isinstance(value, bool):
            result = self._result("choices", {"choices": ["true" if value else "false"]}, size, rid)
        elif isinstance(value, int | float):
            result = self._result("number", {"number": value}, size, rid)
        else:
            result = self._result("textarea", {"text": [str(value)]}, size, rid)
        result["from_name"] = key
        return result

    # -- video tasks -----------------------------------------------------------------------------------

    def _video_task(
        self, subset: str, lines: Iterable[bytes], tracks: list[Track], size: Size | None
    ) -> dict[str, Any]:
        frame_size = size or (1, 1)
        results: list[dict[str, Any]] = []
        frames = 0
        for line in lines:
            frames += 1
            task = orjson.loads(line)
            for annotation in task["annotations"]:
                for r in annotation["result"]:
                    if r["type"] == "rectanglelabels":
                        entry = {k: r["value"][k] for k in ("x", "y", "width", "height", "rotation")}
                        sequence = [{"frame": frames, "enabled": False, "time": 0.0, **entry}]
                        results.append(
                            self._video_result(r["value"]["rectanglelabels"][0], sequence, frame_size)
                        )
        for track in tracks:
            if track.kind != "rectangle":
                continue
            frames = max(frames, track.keyframes[-1].frame + 1)
            results.append(
                self._video_result(self.names[track.label_id], _sequence(track, frame_size), frame_size)
            )
        for r in results:
            r["value"]["framesCount"] = frames
        return {
            "id": next(self.next_id),
            "data": {"video": f"{subset or 'video'}.mp4"},
            "annotations": [{"id": next(self.next_id), "result": results}],
        }

    def _video_result(self, name: str, sequence: list[dict[str, Any]], size: Size) -> dict[str, Any]:
        self.used.setdefault("videorectangle", {})[name] = None
        value = {"sequence": sequence, "labels": [name], "framesCount": 0}
        result = self._result("videorectangle", value, size, f"v{next(self.next_id)}")
        result["to_name"] = "video"
        return result


def _sequence(track: Track, size: Size) -> list[dict[str, Any]]:
    """Keyframes as Label Studio's sequence: a keyframe before an outside one is ``enabled: false``; when the
    outside one is not on the next frame, the box is repeated on the frame before it."""
    out: list[dict[str, Any]] = []
    keyframes = track.keyframes
    for i, k in enumerate(keyframes):
        if k.outside:
            continue
        after = keyframes[i + 1] if i + 1 < len(keyframes) else None
        assert isinstance(k.geometry, RectangleGeometry)
        box = _box(k.geometry, size)
        ends = after is not None and after.outside
        if ends and after is not None and after.frame > k.frame + 1:
            out.append({"frame": k.frame + 1, "enabled": True, "time": 0.0, **box})
            out.append({"frame": after.frame, "enabled": False, "time": 0.0, **box})
        else:
            out.append({"frame": k.frame + 1, "enabled": not ends, "time": 0.0, **box})
    return out


def _box(g: RectangleGeometry, size: Size) -> dict[str, float]:
    w_px, h_px = size
    c, s = planar.cos_sin(g.rotation)
    cx, cy = g.center
    x = cx - (g.width * c - g.height * s) / 2
    y = cy - (g.width * s + g.height * c) / 2
    box = {
        "x": x * 100 / w_px,
        "y": y * 100 / h_px,
        "width": g.width * 100 / w_px,
        "height": g.height * 100 / h_px,
    }
    return {**box, "rotation": g.rotation}


def _values(g: object, size: Size) -> list[tuple[str, dict[str, Any]]]:
    w_px, h_px = size
    if isinstance(g, RectangleGeometry):
        return [("rectanglelabels", _box(g, size))]
    if isinstance(g, EllipseGeometry):
        value = {"x": g.cx * 100 / w_px, "y": g.cy * 100 / h_px, "radiusX": g.rx * 100 / w_px,
                 "radiusY": g.ry * 100 / h_px, "rotation": g.rotation}  # fmt: skip
        return [("ellipselabels", value)]
    if isinstance(g, PolygonGeometry):
        points = [
            [g.points[i] * 100 / w_px, g.points[i + 1] * 100 / h_px] for i in range(0, len(g.points), 2)
        ]
        return [("polygonlabels", {"points": points, "closed": True})]
    if isinstance(g, PointsGeometry):
        return [
            (
                "keypointlabels",
                {"x": g.points[i] * 100 / w_px, "y": g.points[i + 1] * 100 / h_px, "width": 0.5},
            )
            for i in range(0, len(g.points), 2)
        ]
    if isinstance(g, MaskGeometry):
        full = np.zeros((h_px, w_px), dtype=bool)
        x1, y1, x2, y2 = max(g.x1, 0), max(g.y1, 0), min(g.x2, w_px), min(g.y2, h_px)
        if x1 < x2 and y1 < y2:
            full[y1:y2, x1:x2] = mask_kind.decode(g)[y1 - g.y1 : y2 - g.y1, x1 - g.x1 : x2 - g.x1]
        return [("brushlabels", {"format": "rle", "rle": brush.encode(full)})]
    return []


def write_label_studio(dataset: Dataset, output: Output, options: WriteOptions) -> None:
    LabelStudioWriter(dataset, output, options).write()
