"""Import a dataset into a project, all or nothing (issue 5).

One transaction: the project (created when absent), missing labels, one task per subset (created, or
extended when a task of that name exists), media (images found in the dataset are ingested; items whose name
matches a task's media reuse it) and every annotation, written into the job covering its frame. Any problem
- in the files, in the media, or against the project's labels - raises with every problem located, and
nothing stays: the caller's transaction rolls back and the ingest batches delete the blobs they created.

Formats are read as records (`formats.records`): the fast path of the formats that read records, the
domain model converted for the others. Annotations of items whose media is new wait in a disk spool until
their media rows (and so their frames' jobs) exist; annotations on media already in the task are written as
they stream in, in batches (`dataset_rows`), after the cheap checks of `dataset_annotations`.
"""

from __future__ import annotations

import bisect
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from tqdm import tqdm

from annota.domain.attributes import AttributeScope, validate_attributes
from annota.domain.labels import is_kind_allowed
from annota.formats.base import DatasetTrack, Format, FormatError, FormatProblem, ProblemLog, ReadOptions
from annota.formats.lossy import FormatWarning, warnings_of
from annota.formats.options import Direction, checked_options
from annota.formats.records import RecordDataset, RecordItem, RecordReader, records_of
from annota.formats.registry import FormatRegistry
from annota.media.ingest import IngestBatch, IngestLimits, MediaIngestError
from annota.media.names import is_metadata
from annota.services.dataset_annotations import AnnotationWriter
from annota.services.dataset_archive import extract_zip
from annota.services.dataset_gc import paused_gc
from annota.services.dataset_labels import LabelMapping, map_labels
from annota.services.dataset_rows import RowWriter
from annota.services.dataset_sizes import MediaSizes
from annota.settings import Settings
from annota.storage import projects, tasks
from annota.storage.media_stores import media_store_for
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
    # What the reader read but did not keep (Dataset.meta["warnings"]), each located where first seen.
    warnings: list[FormatWarning] = field(default_factory=list)


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


def read_records(fmt: Format, path: Path, options: ReadOptions) -> RecordDataset:
    """The dataset at `path` as records: the format's fast path when it has one."""
    if isinstance(fmt, RecordReader):
        return fmt.read_records(path, options)
    return records_of(fmt.read(path, options))


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
    project_id: int | None = None,
    options: Mapping[str, object] | None = None,
) -> ImportResult:
    """Import the dataset at `path` (a folder, a zip or one annotation file) into project `project_name`
    (created when absent), or into project `project_id` when given (it must exist; names may repeat).
    `options` are the format's import options (`annota.formats.options`), checked before anything is read.

    Raises OptionError, FormatError (every problem, located) or MediaIngestError; the caller's transaction
    must then roll back (``Database.write()`` does), and nothing is left in the media store.
    """
    given = dict(options or {})
    if format_name is not None:  # checked before a zip is unpacked; a detected format is checked below
        checked_options(registry.get(format_name), given, Direction.READ)
    with ExitStack() as stack:
        stack.enter_context(paused_gc())
        if path.is_file() and path.suffix.lower() == ".zip":
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="annota-import-")))
            extract_zip(path, folder, settings)
            path = folder
        name, confidence = resolve_format(registry, path, format_name)
        extra = checked_options(registry.get(name), given, Direction.READ)
        if project_id is not None:
            project, created = projects.get_project(session, project_id), False
        else:
            project, created = _project(session, project_name, owner_id)
        sizes = MediaSizes(session, project.id)
        read_options = ReadOptions(extra=extra, max_file_bytes=settings.max_upload_bytes, image_sizes=sizes)
        dataset = read_records(registry.get(name), path, read_options)
        mapping = map_labels(session, project.id, dataset.labels)
        importer = _Importer(session, settings, stack, project, owner_id, mapping, task_name or project_name)
        sizes.before_query = importer.rows.wait
        importer.run(dataset, progress)
        return ImportResult(
            name,
            confidence,
            project.id,
            created,
            mapping.created,
            list(importer.tasks.values()),
            importer.counts,
            warnings_of(dataset.meta),  # read after the items: a lazy reader may add to them as it goes
        )
    raise AssertionError("unreachable")  # pragma: no cover - ExitStack does not swallow exceptions


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
    jobs: list[tuple[int, int, int]] = field(default_factory=list)  # (start, stop, id) by start
    starts: list[int] = field(default_factory=list)  # of `jobs`, for bisection


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
        self.log = ProblemLog()
        self.rows = RowWriter(session.connection())
        stack.callback(self.rows.close)
        self.annotations = AnnotationWriter(self.rows, mapping, self.log, self._map_new_labels)
        self.counts = self.annotations.counts
        self.spool: IO[bytes] = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        self.spooled = 0
        self.store = media_store_for(settings)  # local or S3: new blobs are staged, then committed
        self.labels: list[Any] = []
        self.mapped = 0

    def run(self, dataset: RecordDataset, progress: bool) -> None:
        self.labels, self.mapped = dataset.labels, len(dataset.labels)
        self.annotations.checked = dataset.checked
        items: Iterable[RecordItem] = dataset.items
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
        self.log.raise_if_any()
        self.rows.flush()
        self.counts["tracks"] = self.rows.counts["tracks"]

    def _map_new_labels(self) -> None:
        """Maps the labels a reader added to its dataset while its items were read."""
        if len(self.labels) == self.mapped:
            return
        self.rows.wait()  # the connection is ours again
        more = map_labels(self.session, self.project.id, self.labels[self.mapped :])
        self.mapped = len(self.labels)
        self.mapping.ids.update(more.ids)
        self.mapping.labels.update(more.labels)
        self.mapping.created += more.created

    # -- tasks and media ---------------------------------------------------------------------------------

    def _state(self, subset: str) -> _TaskState:
        state = self.states.get(subset)
        if state is not None:
            return state
        name = f"{self.base_name} {subset}" if subset else self.base_name
        self.rows.wait()  # the connection is ours again
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
        state.starts = [start for start, _, _ in state.jobs]
        self.states[subset] = state
        self.tasks[subset] = ImportedTask(task.id, name, subset)
        return state

    def _jobs(self, task_id: int) -> list[tuple[int, int, int]]:
        query = select(Job.frame_start, Job.frame_stop, Job.id).where(
            Job.task_id == task_id, Job.kind == "annotation"
        )
        return sorted(tuple(row) for row in self.session.execute(query))  # type: ignore[misc]

    def _item(self, item: RecordItem) -> None:
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
        self.rows.wait()  # the connection is ours again
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
            state.starts = [start for start, _, _ in state.jobs]
        if media_problems:
            raise MediaIngestError(media_problems)

    def _spooled(self) -> Iterator[RecordItem]:
        self.spool.seek(0)
        for _ in range(self.spooled):
            yield pickle.load(self.spool)

    # -- annotations -------------------------------------------------------------------------------------

    def _write_item(self, item: RecordItem) -> None:
        if not item.is_annotated:
            return
        state = self.states[item.subset]
        frame = state.frames[item.frame]
        job = self._job(state, frame)
        if job is None:
            self._problem(item, f"no annotation job covers frame {frame}", "format.no_job")
            return
        self.annotations.item(item, _where(item), job, frame, state.frames)

    def _track(self, entry: DatasetTrack) -> None:
        state = self.states.get(entry.subset)
        track = entry.track
        where = f"track {track.id}" + (f" of subset {entry.subset!r}" if entry.subset else "")
        self._map_new_labels()
        label = self.mapping.labels.get(self.mapping.ids.get(track.label_id, -1))
        if state is None or label is None or not is_kind_allowed(label.kind, track.kind):
            reason = (
                "its subset has no items"
                if state is None
                else f"label {track.label_id} does not allow {track.kind}"
            )
            self.log.add(where, reason, "kind_not_allowed" if state else "unknown_id")
            return
        frames = [state.frames.get(k.frame) for k in track.keyframes]
        missing = [k.frame for k, f in zip(track.keyframes, frames, strict=True) if f is None]
        if missing:
            self.log.add(where, f"keyframes on frames {missing} have no item", "unknown_frame")
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
            self.log.add_domain(where, problems)
            return
        jobs = {self._job(state, f) for f in frames}  # type: ignore[arg-type]
        if len(jobs) != 1 or None in jobs:
            self.log.add(where, "the track's keyframes fall in different jobs", "format.track_jobs")
            return
        self.rows.track(jobs.pop(), label.id, track, frames)  # type: ignore[arg-type]

    def _job(self, state: _TaskState, frame: int) -> int | None:
        """The first job (by start) covering `frame`: jobs may overlap by the task's overlap."""
        i = bisect.bisect_right(state.starts, frame) - 1
        found = None
        while i >= 0 and state.jobs[i][1] >= frame:
            found = state.jobs[i][2]
            i -= 1
        return found

    def _problem(self, item: RecordItem, msg: str, type: str) -> None:
        self.log.add(_where(item), msg, type)


def _where(item: RecordItem) -> str:
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
