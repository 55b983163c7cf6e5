"""CVAT for video 1.1 (``cvat_video``): ``<track>``s of keyframed shapes, with ``outside``.

Reading: video frame ``f`` is item frame ``(f - start_frame) / step`` (``frame_filter`` ``step=N``); only
elements with ``keyframe="1"`` are kept (CVAT writes the interpolated frames too). A skeleton track's
keyframes are the frames where the skeleton or any of its point sub-tracks has a keyframe. Items are
named after the files found in ``images/`` (``frame_000010.png``), else ``frame_<f:06d>``.
Writing: tracks stay tracks; a single-frame shape becomes a track with an outside keyframe after it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from xml.etree.ElementTree import Element

from annota.domain.attributes import AttrValue
from annota.domain.labels import Label
from annota.domain.problems import DomainValidationError, Loc
from annota.domain.shapes.base import Visibility
from annota.domain.shapes.skeleton import SkeletonGeometry
from annota.domain.tracks import Keyframe, Track
from annota.formats import sources
from annota.formats.base import (
    Carries,
    Dataset,
    DatasetTrack,
    Item,
    LocalIds,
    Output,
    ProblemLog,
    ReadOptions,
    WriteOptions,
    checked_items,
)
from annota.formats.cvat_images import ALL_KINDS, FILE, Labels, detect_cvat, xml_file
from annota.formats.cvat_meta import read_labels, write_labels
from annota.formats.cvat_shapes import (
    ELEMENTS,
    SOURCE_OUT,
    TAG_OF,
    ShapeError,
    attributes,
    attributes_xml,
    element,
    flag,
    geometry,
    geometry_attrs,
    skeleton_points_xml,
    source,
)

_STEP = re.compile(r"step\s*=\s*(\d+)")


class CvatVideo:
    name = "cvat_video"
    title = "CVAT for video 1.1"
    description = "CVAT XML for video: tracks with keyframes and outside, attributes, skeleton tracks"
    carries = Carries(kinds=ALL_KINDS - {"tag"}, tracks=True, attributes=True)
    can_read = True
    can_write = True

    def detect(self, path: Path) -> float:
        return detect_cvat(path, b"<track ")

    def read(self, path: Path, options: ReadOptions) -> Dataset:
        log = ProblemLog()
        file = xml_file(path)
        root = path.parent if path.is_file() else path
        if file is None:
            log.add(path.name, "no CVAT annotations.xml found", "format.missing_file")
            log.raise_if_any()
        assert file is not None
        document = sources.read_xml(root, file, log, options.max_file_bytes)
        log.raise_if_any()
        assert document is not None
        name = sources.relative(root, file)
        meta = document.find("meta")
        labels = Labels(read_labels(meta, name, log))
        task = meta.find("task") if meta is not None else None
        start = _int(task, "start_frame", 0)
        step_match = _STEP.search((task.findtext("frame_filter") or "") if task is not None else "")
        step = int(step_match.group(1)) if step_match else 1
        frames_seen = [
            int(e.get("frame", "0")) for e in document.iter() if e.tag in ELEMENTS and e.get("frame")
        ]
        stop = _int(task, "stop_frame", max(frames_seen, default=start))
        size = _int(task, "size", (stop - start) // step + 1)
        width, height = (
            _int(task, "original_size/width", 0) or None,
            _int(task, "original_size/height", 0) or None,
        )
        reader = _Tracks(file=name, start=start, step=step, size=size, labels=labels, log=log)
        tracks = [t for i, e in enumerate(document.findall("track")) if (t := reader.track(e, ("track", i)))]
        images = root / "images"
        items = []
        for frame in range(size):
            video_frame = start + frame * step
            image = sources.find_image(images, f"frame_{video_frame:06d}")
            item_name = image.name if image is not None else f"frame_{video_frame:06d}"
            items.append(Item(item_name, "", frame, width, height, image))
        meta_out = {"start_frame": start, "stop_frame": stop, "frame_step": step}
        return Dataset(tuple(labels.by_name.values()), checked_items(items, log), tracks, meta_out)

    def write(self, dataset: Dataset, output: Output, options: WriteOptions) -> None:
        labels = {label.id: label for label in dataset.labels}
        count, width, height = 0, 0, 0
        copies = []
        with tempfile.TemporaryFile() as body:
            next_id = 0
            for item in dataset.items:
                count += 1
                width, height = width or item.width or 0, height or item.height or 0
                if options.with_images and item.image is not None:
                    copies.append((f"images/frame_{item.frame:06d}{item.image.suffix or '.png'}", item.image))
                for shape in item.shapes:
                    keyframes = [
                        Keyframe(shape.frame, shape.geometry, False, shape.occluded, {}, shape.source),
                        Keyframe(shape.frame + 1, shape.geometry, True, False, {}, shape.source),
                    ]
                    track = Track(
                        shape.id,
                        shape.kind,
                        shape.label_id,
                        tuple(keyframes),
                        shape.attributes,
                        shape.group,
                        shape.source,
                        shape.z_order,
                    )
                    body.write(_track_xml(next_id, track, labels).encode())
                    next_id += 1
            for entry in dataset.tracks:
                body.write(_track_xml(next_id, entry.track, labels).encode())
                next_id += 1
            head = (
                '<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version><meta><task>'
                f"<size>{count}</size><mode>interpolation</mode><start_frame>0</start_frame>"
                f"<stop_frame>{max(count - 1, 0)}</stop_frame><frame_filter></frame_filter>"
                f"{write_labels(dataset.labels)}<original_size><width>{width}</width><height>{height}</height>"
                "</original_size></task></meta>\n"
            )
            with output.open(FILE) as out:
                out.write(head.encode())
                body.seek(0)
                while chunk := body.read(1 << 20):
                    out.write(chunk)
                out.write(b"</annotations>\n")
        for name, path in copies:
            output.copy(name, path)


def _track_xml(index: int, track: Track, labels: dict[int | None, Label]) -> str:
    label = labels.get(track.label_id)
    if label is None:
        return ""
    parts = []
    for k in track.keyframes:
        attrs = {
            "frame": str(k.frame),
            "keyframe": "1",
            "outside": "1" if k.outside else "0",
            "occluded": "1" if k.occluded else "0",
            "z_order": str(track.z_order),
            **geometry_attrs(k.geometry, track.kind),
        }
        body = attributes_xml({**track.attributes, **k.attributes})
        if track.kind == "skeleton":
            body += skeleton_points_xml(k.geometry, label)  # type: ignore[arg-type]
        parts.append(element(TAG_OF[track.kind], attrs, body))
    attrs = {"id": str(index), "label": label.name, "source": SOURCE_OUT[track.source]}
    if track.group:
        attrs["group_id"] = str(track.group)
    return element("track", attrs, "".join(parts)) + "\n"


class _Tracks:
    def __init__(
        self, *, file: str, start: int, step: int, size: int, labels: Labels, log: ProblemLog
    ) -> None:
        self.file, self.start, self.step, self.size, self.labels, self.log = (
            file,
            start,
            step,
            size,
            labels,
            log,
        )
        self.ids = LocalIds()

    def frame(self, element: Element, loc: Loc) -> int | None:
        raw = element.get("frame", "")
        try:
            video_frame = int(raw)
        except ValueError:
            self.log.add(self.file, f"expected a frame number, got {raw!r}", "format.cvat", (*loc, "frame"))
            return None
        frame, rest = divmod(video_frame - self.start, self.step)
        if rest or not 0 <= frame < self.size:
            self.log.add(
                self.file,
                f"frame {video_frame} is not one of the task's frames",
                "format.cvat",
                (*loc, "frame"),
            )
            return None
        return frame

    def track(self, element: Element, loc: Loc) -> DatasetTrack | None:
        label = self.labels.get(element.get("label", ""))
        shapes = [e for e in element if e.tag in ELEMENTS]
        if not shapes:
            self.log.add(self.file, "a track needs shapes", "too_short", loc)
            return None
        kind = ELEMENTS[shapes[0].tag]
        subtracks = element.findall("track") if kind == "skeleton" else []
        keyframe_frames = {e.get("frame") for e in shapes if e.get("keyframe", "1") == "1"}
        for sub in subtracks:
            keyframe_frames |= {e.get("frame") for e in sub if e.get("keyframe", "1") == "1"}
        keyframes = []
        immutable: dict[str, AttrValue] = {}
        try:
            for i, e in enumerate(shapes):
                if e.get("frame") not in keyframe_frames or e.tag != shapes[0].tag:
                    continue
                frame = self.frame(e, (*loc, e.tag, i))
                if frame is None:
                    continue
                values = attributes(e, label)
                mutable = {
                    k: v for k, v in values.items() if (spec := label.attribute(k)) is None or spec.mutable
                }
                immutable.update({k: v for k, v in values.items() if k not in mutable})
                g = (
                    self._skeleton_at(subtracks, e.get("frame", ""), label)
                    if kind == "skeleton"
                    else geometry(e, label)
                )
                keyframes.append(
                    Keyframe(frame, g, flag(e, "outside"), flag(e, "occluded"), mutable, source(e))
                )
            return DatasetTrack(
                "",
                Track(
                    self.ids(),
                    kind,
                    label.id or 0,
                    tuple(keyframes),
                    immutable,
                    int(element.get("group_id", "0") or 0) or None,
                    source(element),
                ),
            )
        except (ShapeError, ValueError) as error:
            self.log.add(self.file, str(error), "format.cvat", loc)
        except DomainValidationError as error:
            self.log.add_domain(self.file, error.problems, loc)
        return None

    def _skeleton_at(self, subtracks: list[Element], frame: str, label: Label) -> SkeletonGeometry:
        """Each point sub-track's state at `frame`: its element there, else its latest one before."""
        names = [p.name for p in label.skeleton.points] if label.skeleton else []
        points = [0.0] * (2 * len(names))
        visibility = [Visibility.OUTSIDE] * len(names)
        for sub in subtracks:
            name = sub.get("label", "")
            if name not in names:
                raise ShapeError(f"skeleton {label.name!r} has no point {name!r}")
            before = [e for e in sub if e.tag == "points" and int(e.get("frame", "0")) <= int(frame)]
            if not before:
                continue
            e = before[-1]
            k = names.index(name)
            xy = [float(v) for v in e.get("points", "0,0").split(";")[0].split(",")]
            points[2 * k : 2 * k + 2] = xy[:2]
            visibility[k] = (
                Visibility.OUTSIDE
                if flag(e, "outside")
                else Visibility.OCCLUDED
                if flag(e, "occluded")
                else Visibility.VISIBLE
            )
        return SkeletonGeometry(tuple(points), tuple(visibility))


def _int(task: Element | None, path: str, default: int) -> int:
    text = task.findtext(path) if task is not None else None
    try:
        return int(text) if text else default
    except ValueError:
        return default


FORMAT = CvatVideo()
