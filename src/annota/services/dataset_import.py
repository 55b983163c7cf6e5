"""Import a dataset into a project, all or nothing (issue 5).

One transaction: the project (created when absent), missing labels, one task per subset (created, or
extended when a task of that name exists), media (images found in the dataset are ingested; items whose name
matches a task's media reuse it) and every annotation, written into the job covering its frame. Any problem
- in the files, in the media, or against the project's labels - raises with every problem located, and
nothing stays: the caller's transaction rolls back and the ingest batches delete the blobs they created.

Annotations of items whose media is new wait in a disk spool until their media rows (and so their frames'
jobs) exist; annotations on media already in the task are written as they stream in.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.domain.attributes import AttributeScope, validate_attributes
from annota.domain.labels import Label, is_kind_allowed
from annota.domain.problems import Problem
from annota.domain.shapes.base import Shape
from annota.formats.base import Dataset, DatasetTrack, FormatError, FormatProblem, Item, ReadOptions
from annota.formats.registry import FormatRegistry
from annota.media.ingest import IngestBatch, IngestLimits, MediaIngestError
from annota.media.names import is_metadata
from annota.services.dataset_archive import extract_zip
from annota.services.dataset_labels import LabelMapping, map_labels
from annota.services.dataset_rows import RowWriter
from annota.settings import Settings
from annota.storage import projects, tasks
from annota.storage.media_store import MediaStore
from annota.storage.tables import Job, MediaItem, Project, Task


@dataclass
class ImportedTask:
    id: int
    name: str
    subset: str
    new_media: int = 0
    matched_media: int = 0


@dataclass
class ImportResult:
    format: str
    confidence: float | None  # None when the format was given
    project_id: int
    project_created: bool
    labels_created: list[str]
    tasks: list[ImportedTask]
    counts: Counter[str] = field(default_factory=Counter)  # "rectangle", "tag", "track"...


def resolve_format(registry: FormatRegistry, path: Path, name: str | None) -> tuple[str, float | None]:
    if name is not None:
        registry.get(name)
        return name, None
    found = registry.detect(path)
    if not found:
        known = ", ".join(registry.names())
        msg = f"cannot tell the dataset's format; give --format (one of {known})"
        raise FormatError([FormatProblem(path.name, msg, "format.unknown")])
    return found[0].format.name, found[0].confidence


def import_dataset(
    session: Session,
    settings: Settings,
    registry: FormatRegistry,
    path: Path,
    *,
    project_name: str,
    owner_id: int,
    format_name: str | None = None,
    task_name: str | None = None,
    progress: bool = False,
) -> ImportResult:
    """Import the dataset at `path` (a folder, a zip or one annotation file) into project `project_name`.

    Raises FormatError (every problem, located) or MediaIngestError; the caller's transaction must then roll
    back (``Database.write()`` does), and nothing is left in the media store.
    """
    with ExitStack() as stack:
        if path.is_file() and path.suffix.lower() == ".zip":
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="annota-import-")))
            extract_zip(path, folder, settings)
            path = folder
        name, confidence = resolve_format(registry, path, format_name)
        project, created = _project(session, project_name, owner_id)
        options = ReadOptions(
            max_file_bytes=settings.max_upload_bytes, image_sizes=_sizes(session, project.id)
        )  # noqa: E501
        dataset = registry.get(name).read(path, options)
        mapping = map_labels(session, project.id, dataset.labels)
        importer = _Importer(session, settings, stack, project, owner_id, mapping, task_name or project_name)
        importer.run(dataset, progress)
        return ImportResult(
            name,
            confidence,
            project.id,
            created,
            mapping.created,
            list(importer.tasks.values()),
            importer.counts,
        )
    raise AssertionError("unreachable")  # pragma: no cover - ExitStack does not swallow exceptions


def _sizes(session: Session, project_id: int) -> dict[str, tuple[int, int]]:
    query = (
        select(MediaItem.name, MediaItem.width, MediaItem.height)
        .join(Task, Task.id == MediaItem.task_id)
        .where(Task.project_id == project_id, MediaItem.width.is_not(None), MediaItem.height.is_not(None))
    )
    return {name: (width, height) for name, width, height in session.execute(query)}  # type: ignore[misc]


def _project(session: Session, name: str, owner_id: int) -> tuple[Project, bool]:
    found = list(session.scalars(select(Project).where(Project.name == name).limit(2)))
    if len(found) > 1:
        problem = FormatProblem("", f"{len(found)} projects are called {name!r}", "project.ambiguous")
        raise FormatError([problem])
    if found:
        return found[0], False
    return projects.create_project(session, owner_id=owner_id, name=name), True


@dataclass
class _TaskState:
    task: Task
    known: dict[str, int]  # media name -> frame
    next_frame: int
    batch: IngestBatch
    frames: dict[int, int] = field(default_factory=dict)  # dataset frame -> task frame
    new_names: list[str] = field(default_factory=list)
    jobs: list[tuple[int, int, int]] = field(default_factory=list)  # (start, stop, id)


class _Importer:
    def __init__(
        self,
        session: Session,
        settings: Settings,
        stack: ExitStack,
        project: Project,
        owner_id: int,
        mapping: LabelMapping,
        base_name: str,
    ) -> None:
        self.session, self.settings, self.stack = session, settings, stack
        self.project, self.owner_id, self.mapping, self.base_name = project, owner_id, mapping, base_name
        self.tasks: dict[str, ImportedTask] = {}
        self.states: dict[str, _TaskState] = {}
        self.problems: list[FormatProblem] = []
        self.counts: Counter[str] = Counter()
        self.rows = RowWriter(session.connection())
        self.spool: IO[bytes] = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        self.spooled = 0
        self.store = MediaStore(settings.media_dir)

    def run(self, dataset: Dataset, progress: bool) -> None:
        items: Iterable[Item] = dataset.items
        if progress:
            items = tqdm(items, desc="importing items", unit="item")
        for item in items:
            self._item(item)
        tracks = list(dataset.tracks)  # read only after the items: lazy readers raise their problems here
        self._finish_media()
        for item in self._spooled():
            self._write_item(item)
        for entry in tracks:
            self._track(entry)
        if self.problems:
            raise FormatError(self.problems)
        self.rows.flush()
        self.counts["tracks"] = self.rows.counts["tracks"]

    # -- tasks and media ---------------------------------------------------------------------------------

    def _state(self, subset: str) -> _TaskState:
        state = self.states.get(subset)
        if state is not None:
            return state
        name = f"{self.base_name} {subset}" if subset else self.base_name
        task = self.session.scalar(select(Task).where(Task.project_id == self.project.id, Task.name == name))
        if task is None:
            task = tasks.create_task(
                self.session, self.project.id, name=name, owner_id=self.owner_id, subset=subset
            )
        rows = self.session.execute(
            select(MediaItem.name, MediaItem.frame).where(MediaItem.task_id == task.id)
        )
        known = {row_name: frame for row_name, frame in rows}
        limits = IngestLimits.from_settings(self.settings)
        batch = self.stack.enter_context(IngestBatch(self.store, limits))
        state = _TaskState(task, known, max(known.values(), default=-1) + 1, batch)
        state.jobs = self._jobs(task.id)
        self.states[subset] = state
        self.tasks[subset] = ImportedTask(task.id, name, subset)
        return state

    def _jobs(self, task_id: int) -> list[tuple[int, int, int]]:
        query = select(Job.frame_start, Job.frame_stop, Job.id).where(
            Job.task_id == task_id, Job.kind == "annotation"
        )
        return sorted(tuple(row) for row in self.session.execute(query))  # type: ignore[misc]

    def _item(self, item: Item) -> None:
        state = self._state(item.subset)
        if item.frame in state.frames:
            self._problem(item, f"two items on frame {item.frame} of subset {item.subset!r}", "duplicate")
            return
        frame = state.known.get(item.name)
        if frame is not None:
            state.frames[item.frame] = frame
            self.tasks[item.subset].matched_media += 1
            self._write_item(item)
            return
        if item.image is None:
            msg = f"no image file in the dataset and no media with this name in task {state.task.name!r}"
            self._problem(item, msg, "format.missing_image")
            return
        if is_metadata(item.name):
            self._problem(item, "hidden or system file names cannot be media names", "name.invalid")
            return
        with item.image.open("rb") as stream:
            state.batch.add_upload(item.name, stream)
        state.frames[item.frame] = state.next_frame
        state.known[item.name] = state.next_frame
        state.new_names.append(item.name)
        state.next_frame += 1
        self.tasks[item.subset].new_media += 1
        if item.is_annotated:
            pickle.dump(item, self.spool, protocol=pickle.HIGHEST_PROTOCOL)
            self.spooled += 1

    def _finish_media(self) -> None:
        media_problems = []
        for state in self.states.values():
            if not state.new_names:
                continue
            try:
                files = state.batch.commit()
            except MediaIngestError as error:
                media_problems.extend(error.problems)
                continue
            tasks.append_media(self.session, state.task.id, [_new_media(f) for f in files])
            tasks.split_into_jobs(self.session, state.task, tasks.count_frames(self.session, state.task.id))
            state.jobs = self._jobs(state.task.id)
        if media_problems:
            raise MediaIngestError(media_problems)

    def _spooled(self) -> Iterator[Item]:
        self.spool.seek(0)
        for _ in range(self.spooled):
            yield pickle.load(self.spool)

    # -- annotations -------------------------------------------------------------------------------------

    def _write_item(self, item: Item) -> None:
        state = self.states[item.subset]
        frame = state.frames[item.frame]
        for i, shape in enumerate(item.shapes):
            label = self._label(item, ("shapes", i), shape.label_id, shape.kind)
            if label is None or not self._shape_ok(item, i, shape, label):
                continue
            job = self._job(state, frame)
            if job is not None:
                self.rows.shape(job, label.id, frame, shape)  # type: ignore[arg-type]
                self.counts[shape.kind] += 1
        for i, tag in enumerate(item.tags):
            label = self._label(item, ("tags", i), tag.label_id, "tag")
            if label is None:
                continue
            stop = state.frames.get(tag.stop_frame) if tag.stop_frame != tag.frame else frame
            problems = validate_attributes(tag.attributes, label.attributes, ("tags", i, "attributes"))
            if stop is None:
                problems.append(Problem(("tags", i, "stop_frame"), "no item on this frame", "unknown_frame"))
            job = self._job(state, frame)
            if problems or stop is None:
                self._problems(item, problems)
            elif job is not None:
                self.rows.tag(job, label.id, frame, stop, tag)  # type: ignore[arg-type]
                self.counts["tag"] += 1

    def _shape_ok(self, item: Item, i: int, shape: Shape, label: Label) -> bool:
        problems = []
        if shape.attributes:
            problems += validate_attributes(shape.attributes, label.attributes, ("shapes", i, "attributes"))
        if shape.kind == "skeleton":
            expected = len(label.skeleton.points) if label.skeleton else 0
            got = len(shape.geometry.points) // 2  # type: ignore[attr-defined]
            if got != expected:
                msg = f"label {label.name!r} has {expected} skeleton points, got {got}"
                problems.append(Problem(("shapes", i, "points"), msg, "skeleton"))
        self._problems(item, problems)
        return not problems

    def _track(self, entry: DatasetTrack) -> None:
        state = self.states.get(entry.subset)
        track = entry.track
        where = f"track {track.id}" + (f" of subset {entry.subset!r}" if entry.subset else "")
        label = self.mapping.labels.get(self.mapping.ids.get(track.label_id, -1))
        if state is None or label is None or not is_kind_allowed(label.kind, track.kind):
            reason = (
                "its subset has no items"
                if state is None
                else f"label {track.label_id} does not allow {track.kind}"
            )
            self.problems.append(FormatProblem(where, reason, "kind_not_allowed" if state else "unknown_id"))
            return
        frames = [state.frames.get(k.frame) for k in track.keyframes]
        missing = [k.frame for k, f in zip(track.keyframes, frames, strict=True) if f is None]
        if missing:
            self.problems.append(
                FormatProblem(where, f"keyframes on frames {missing} have no item", "unknown_frame")
            )
            return
        problems = validate_attributes(
            track.attributes, label.attributes, ("attributes",), scope=AttributeScope.IMMUTABLE
        )
        for i, k in enumerate(track.keyframes):
            problems += validate_attributes(
                k.attributes,
                label.attributes,
                ("keyframes", i, "attributes"),
                scope=AttributeScope.MUTABLE,
                check_required=i == 0,
            )
        if problems:
            self.problems += [FormatProblem(where, p.msg, p.type, p.loc) for p in problems]
            return
        jobs = {self._job(state, f) for f in frames}  # type: ignore[arg-type]
        if len(jobs) != 1 or None in jobs:
            self.problems.append(
                FormatProblem(where, "the track's keyframes fall in different jobs", "format.track_jobs")
            )
            return
        self.rows.track(jobs.pop(), label.id, track, frames)  # type: ignore[arg-type]

    def _label(self, item: Item, loc: tuple[Any, ...], dataset_label: int, kind: str) -> Label | None:
        label = self.mapping.labels.get(self.mapping.ids.get(dataset_label, -1))
        if label is None:
            self._problem(
                item, f"no label with dataset id {dataset_label}", "unknown_label", (*loc, "label_id")
            )
        elif not is_kind_allowed(label.kind, kind):
            self._problem(
                item,
                f"label {label.name!r} is for {label.kind} annotations, not {kind}",
                "kind_not_allowed",
                (*loc, "kind"),
            )
            return None
        return label

    def _job(self, state: _TaskState, frame: int) -> int | None:
        for start, stop, job_id in state.jobs:
            if start <= frame <= stop:
                return job_id
        return None

    def _problem(self, item: Item, msg: str, type: str, loc: tuple[Any, ...] = ()) -> None:
        self.problems.append(FormatProblem(_where(item), msg, type, loc))

    def _problems(self, item: Item, problems: list[Any]) -> None:
        self.problems += [FormatProblem(_where(item), p.msg, str(p.type), p.loc) for p in problems]


def _where(item: Item) -> str:
    return f"{item.subset}/{item.name}" if item.subset else item.name


def _new_media(file: Any) -> tasks.NewMedia:
    return tasks.NewMedia(
        name=file.name,
        content_hash=file.content_hash,
        size_bytes=file.size,
        mime=file.mime,
        width=file.width,
        height=file.height,
    )
