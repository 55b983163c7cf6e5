"""The ``import`` job: a dataset uploaded through the API, imported into its project all or nothing.

Params: ``upload`` (the stored upload, relative to the data directory), ``file_name``, ``format``
(None: detected), ``task_name`` (None: the project's name) and ``options`` (the format's import options,
{key: value}; checked again once the format is detected). The result lists ``warnings``: what the
reader read but did not keep, each ``{"loc": [file, ...], "msg", "count"}``. The import runs in one write
transaction that also marks the job succeeded, so a dataset is imported exactly once: a worker
that dies (or is cancelled) half-way leaves nothing, and the next attempt starts from scratch.

Progress is the share of items read, against the number of image files in the dataset (an
estimate: a dataset without images, matched to media already in the project, has no count).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annota.formats.base import FormatError
from annota.formats.options import OptionError
from annota.formats.registry import UnknownFormat
from annota.jobs.context import JobContext
from annota.jobs.errors import JobCancelled, JobFailed, error_item, gone, located, refused_options
from annota.jobs.observed import observed_registry
from annota.media.problems import MediaIngestError
from annota.services.dataset_archive import extract_zip
from annota.services.datasets import ImportResult, import_dataset
from annota.storage.errors import Invalid
from annota.storage.tables import Project

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif"})
READ_START, READ_END = 0.05, 0.9


def run(context: JobContext) -> None:
    upload = Path(context.settings.job_files_root) / str(context.params["upload"])
    try:
        _import(context, upload)
    except (JobFailed, JobCancelled):
        _discard(upload)
        raise
    _discard(upload)


def _import(context: JobContext, upload: Path) -> None:
    if not upload.is_file():
        name = str(context.params.get("file_name", upload.name))
        raise JobFailed("the uploaded file is gone", [error_item(("file",), f"{name}: not found", "missing")])
    context.report(0.01, "unpacking")
    with _unpacked(context, upload) as source:
        total = _image_count(source)
        registry = observed_registry(context.registry, lambda n: _read(context, n, total))
        project_id = context.claim.project_id
        with context.database.write() as session:
            project = session.get(Project, project_id) if project_id is not None else None
            if project is None:
                raise gone("project", "project_id")
            try:
                result = import_dataset(
                    session,
                    context.settings,
                    registry,
                    source,
                    project_name=project.name,
                    project_id=project.id,
                    owner_id=context.claim.created_by or project.owner_id,
                    format_name=context.params.get("format"),
                    task_name=context.params.get("task_name"),
                    options=context.params.get("options") or {},
                )
            except OptionError as error:
                raise refused_options(error.problems) from None
            except FormatError as error:
                items = [p.as_dict() for p in error.problems]
                if error.dropped:
                    items.append(error_item((), f"... and {error.dropped} more problem(s)", "more"))
                count = len(error.problems) + error.dropped
                raise JobFailed(f"the dataset was refused: {count} problem(s)", items) from None
            except MediaIngestError as error:
                raise located("media refused", error.problems) from None
            except UnknownFormat as error:
                raise JobFailed(str(error), [error_item(("format",), str(error), "unknown_format")]) from None
            except Invalid as error:
                raise located(str(error), error.problems) from None
            context.report(READ_END, "saving", force=True)
            context.succeed(session, _summary(result), _message(result))


def _read(context: JobContext, items: int, total: int) -> None:
    done = items / total if total else 1 - 1 / (1 + items / 100)
    context.report(READ_START + (READ_END - READ_START) * min(done, 1.0), f"{items} items read")


@contextmanager
def _unpacked(context: JobContext, upload: Path) -> Iterator[Path]:
    """A zip upload unpacked into a temporary folder (guarded against zip slip and bombs), else the file."""
    if upload.suffix.lower() != ".zip":
        yield upload
        return
    with tempfile.TemporaryDirectory(prefix="annota-import-") as folder:
        try:
            extract_zip(upload, Path(folder), context.settings)
        except FormatError as error:
            raise JobFailed("the archive was refused", [p.as_dict() for p in error.problems]) from None
        yield Path(folder)


def _image_count(source: Path) -> int:
    if source.is_file():
        return 0
    return sum(1 for p in source.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def _summary(result: ImportResult) -> dict[str, Any]:
    return {
        "format": result.format,
        "confidence": result.confidence,
        "project_id": result.project_id,
        "labels_created": list(result.labels_created),
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "subset": t.subset,
                "new_media": t.new_media,
                "matched_media": t.matched_media,
            }
            for t in result.tasks
        ],
        "counts": dict(sorted(result.counts.items())),
        "warnings": [w.as_dict() for w in result.warnings],
    }


def _message(result: ImportResult) -> str:
    annotations = sum(n for kind, n in result.counts.items() if kind != "tracks")
    media = sum(t.new_media + t.matched_media for t in result.tasks)
    return f"imported {media} media and {annotations} annotations ({result.format})"


def _discard(upload: Path) -> None:
    shutil.rmtree(upload.parent, ignore_errors=True)
