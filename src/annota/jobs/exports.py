"""The ``export`` job: a project (or one task of it) written to a zip in the job's folder.

Params: ``format``, ``with_images``, ``annotated_only``, ``task_id`` (None: the whole project) and
``options`` (the format's export options, {key: value}). A success is recorded in the project's audit
log, by the person who asked for the export, in the same transaction.
Each attempt writes its own file (``export-<attempt>/``), so a dead attempt's half-written zip is
never served, and only the attempt that records success keeps its file. The result names the file
(relative to the data directory), its size, and what was written or left out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from annota.formats.options import OptionError
from annota.formats.output import OutputError
from annota.formats.registry import UnknownFormat
from annota.jobs.context import JobContext
from annota.jobs.errors import JobFailed, error_item, gone, refused_options
from annota.jobs.observed import observed_registry
from annota.services.datasets import ExportResult, audit_export, export_dataset
from annota.storage.errors import NotFound
from annota.storage.tables import MediaItem, Project, Task

WRITE_START, WRITE_END = 0.02, 0.98


def run(context: JobContext) -> None:
    params = context.params
    project_id = context.claim.project_id
    with context.database.session() as session:
        project = session.get(Project, project_id) if project_id is not None else None
        if project is None:
            raise gone("project", "project_id")
        task_name = _task_name(session, project.id, params.get("task_id"))
        total = _item_count(session, project.id, params.get("task_id"))
        name = f"{_slug(project.name)}-{params['format']}.zip"
    folder = context.folder / f"export-{context.claim.attempt}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = folder / name
    registry = observed_registry(
        context.registry,
        lambda n: context.report(_share(n, total), f"{n} of {total} items written"),
    )
    try:
        with context.database.session() as session:
            result = export_dataset(
                session,
                context.settings,
                registry,
                project_id=project.id,
                format_name=str(params["format"]),
                target=target,
                with_images=bool(params.get("with_images", False)),
                annotated_only=bool(params.get("annotated_only", False)),
                task_name=task_name,
                options=params.get("options") or {},
            )
        with context.guarded() as session:
            audit_export(
                session,
                actor_id=context.claim.created_by,
                project_id=project.id,
                result=result,
                task_id=params.get("task_id"),
                with_images=bool(params.get("with_images", False)),
                annotated_only=bool(params.get("annotated_only", False)),
                job_id=context.claim.job_id,
            )
            context.succeed(session, _summary(context, target, result), _message(result))
        for stale in context.folder.glob("export-*"):  # what earlier attempts left half-written
            if stale != folder:
                shutil.rmtree(stale, ignore_errors=True)
    except OptionError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise refused_options(error.problems) from None
    except UnknownFormat as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise JobFailed(str(error), [error_item(("format",), str(error), "unknown_format")]) from None
    except OutputError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise JobFailed(str(error), [error_item((), str(error), "output")]) from None
    except NotFound as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise JobFailed(str(error), [error_item((error.entity,), str(error), "missing")]) from None
    except BaseException:
        # Cancelled, lost claim, crash: only the attempt that records success keeps a file.
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _task_name(session: Any, project_id: int, task_id: object) -> str | None:
    if task_id is None:
        return None
    task = session.get(Task, task_id)
    if task is None or task.project_id != project_id:
        raise gone("task", "task_id")
    return str(task.name)


def _share(items: int, total: int) -> float:
    return WRITE_START + (WRITE_END - WRITE_START) * min(items / max(total, 1), 1.0)


def _item_count(session: Any, project_id: int, task_id: object) -> int:
    query = select(func.count(MediaItem.id)).join(Task, Task.id == MediaItem.task_id)
    query = query.where(Task.project_id == project_id)
    if task_id is not None:
        query = query.where(Task.id == task_id)
    return int(session.scalar(query) or 0)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:80] or "project"


def _summary(context: JobContext, target: Path, result: ExportResult) -> dict[str, Any]:
    return {
        "file": target.relative_to(Path(context.settings.job_files_root)).as_posix(),
        "file_name": target.name,
        "size_bytes": target.stat().st_size,
        "format": result.format,
        "items": result.items,
        "counts": dict(sorted(result.counts.items())),
        "dropped": dict(sorted(result.dropped.items())),
        "options": dict(result.options),
    }


def _message(result: ExportResult) -> str:
    written = sum(result.counts.values())
    return f"exported {result.items} items and {written} annotations ({result.format})"
