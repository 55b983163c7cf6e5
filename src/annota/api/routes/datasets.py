"""Dataset imports and exports of a project, run as background jobs (202 + the job to poll)."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, Form, UploadFile

from annota.api.deps import AppSettings, Caller
from annota.api.errors import ApiError
from annota.api.routes.background import Db, Formats, Queue, job_public
from annota.api.schemas.background import BackgroundJobPublic
from annota.api.schemas.datasets import ExportCreate
from annota.auth import policy
from annota.auth.policy import Access
from annota.formats.registry import FormatRegistry, UnknownFormat
from annota.jobs import service
from annota.settings import Settings

router = APIRouter(tags=["datasets"])

COPY_CHUNK = 1024 * 1024


def _format(formats: FormatRegistry, name: str | None, loc: tuple[str, ...], *, write: bool) -> None:
    if name is None:
        return
    try:
        fmt = formats.get(name)
    except UnknownFormat as error:
        raise ApiError(422, str(error), "unknown_format", loc) from None
    if not (fmt.can_write if write else fmt.can_read):
        raise ApiError(422, f"{name} cannot be {'written' if write else 'read'}", "format_direction", loc)


def _upload_name(raw: str | None) -> str:
    name = PurePath((raw or "").replace("\\", "/")).name
    if not name or name.startswith(".") or len(name) > 255:
        raise ApiError(422, f"a file name is needed, got {raw!r}", "invalid_name", ("body", "file"))
    return name


def _store(settings: Settings, stream: BinaryIO, target: Path) -> int:
    """Copy the upload, refusing it past the upload limit."""
    size = 0
    with target.open("wb") as out:
        while chunk := stream.read(COPY_CHUNK):
            size += len(chunk)
            if size > settings.max_upload_bytes:
                msg = f"the file is larger than the limit of {settings.max_upload_bytes} bytes"
                raise ApiError(413, msg, "too_large", ("body", "file"))
            out.write(chunk)
    return size


@router.post("/api/projects/{project_id}/imports", response_model=BackgroundJobPublic, status_code=202)
def start_import(
    project_id: int,
    caller: Caller,
    database: Db,
    settings: AppSettings,
    queue: Queue,
    formats: Formats,
    file: Annotated[UploadFile, File(description="A dataset: a zip, or one annotation file")],
    format: Annotated[str | None, Form(description="Format name; detected when absent")] = None,
    task_name: Annotated[
        str | None, Form(max_length=200, description="Task name (default: the project's)")
    ] = None,
) -> dict[str, Any]:
    """Import into this project, all or nothing, as a background job; the job's result sums it up, its
    errors locate every problem of a refused dataset."""
    with database.session() as session:
        policy.require_project(session, caller, project_id, Access.MANAGE)
    _format(formats, format, ("body", "format"), write=False)
    name = _upload_name(file.filename)

    def stage(folder: Path) -> dict[str, Any]:
        (folder / "upload").mkdir()
        size = _store(settings, file.file, folder / "upload" / name)
        return {
            "upload": (folder / "upload" / name).relative_to(settings.data_dir).as_posix(),
            "size_bytes": size,
        }

    row = service.submit(
        settings,
        database,
        queue,
        kind="import",
        params={"file_name": name, "format": format, "task_name": task_name},
        created_by=caller.user_id,
        project_id=project_id,
        stage=stage,
    )
    return job_public(service.states(queue, [row])[0])


@router.post("/api/projects/{project_id}/exports", response_model=BackgroundJobPublic, status_code=202)
def start_export(
    project_id: int,
    body: ExportCreate,
    caller: Caller,
    database: Db,
    settings: AppSettings,
    queue: Queue,
    formats: Formats,
) -> dict[str, Any]:
    """Export this project (or one task) to a zip as a background job; download it from the job's
    ``download_url`` once it succeeded."""
    with database.session() as session:
        # An export holds every frame and annotation of its project or task: managers only.
        if body.task_id is None:
            policy.require_project(session, caller, project_id, Access.MANAGE)
        else:
            task = policy.require_task(session, caller, body.task_id, Access.MANAGE)
            if task.project_id != project_id:
                msg = f"task {body.task_id} is not in project {project_id}"
                raise ApiError(422, msg, "wrong_project", ("body", "task_id"))
    _format(formats, body.format, ("body", "format"), write=True)
    row = service.submit(
        settings,
        database,
        queue,
        kind="export",
        params=body.model_dump(),
        created_by=caller.user_id,
        project_id=project_id,
    )
    return job_public(service.states(queue, [row])[0])
