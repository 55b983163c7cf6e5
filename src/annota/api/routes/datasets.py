"""Dataset imports and exports of a project, run as background jobs (202 + the job to poll), and the
formats they can use with their options (``GET /api/formats``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Annotated, Any, BinaryIO

import orjson
from fastapi import APIRouter, File, Form, UploadFile

from annota.api.deps import AppSettings, Caller
from annota.api.errors import ApiError, error_item
from annota.api.routes.background import Db, Formats, Queue, job_public
from annota.api.schemas.background import BackgroundJobPublic
from annota.api.schemas.datasets import ExportCreate, FormatPublic
from annota.auth import policy
from annota.auth.policy import Access
from annota.formats.options import Direction, OptionError, checked_options, declared_options
from annota.formats.registry import FormatRegistry, UnknownFormat
from annota.jobs import service
from annota.settings import Settings

router = APIRouter(tags=["datasets"])

COPY_CHUNK = 1024 * 1024
MAX_OPTIONS_BYTES = 16 * 1024


@router.get("/api/formats", response_model=list[FormatPublic])
def list_formats(caller: Caller, formats: Formats) -> list[dict[str, Any]]:
    """The dataset formats, what each can carry, and the options each takes on import and export."""
    return [
        {
            "name": fmt.name,
            "title": fmt.title,
            "description": fmt.description,
            "can_import": fmt.can_read,
            "can_export": fmt.can_write,
            "carries": {
                "kinds": sorted(fmt.carries.kinds),
                "tracks": fmt.carries.tracks,
                "attributes": fmt.carries.attributes,
                "subsets": fmt.carries.subsets,
                "images": fmt.carries.images,
            },
            "options": [option.as_dict() for option in declared_options(fmt)],
        }
        for fmt in formats
    ]


def _format(
    formats: FormatRegistry,
    name: str | None,
    loc: tuple[str, ...],
    *,
    write: bool,
    options: Mapping[str, object] | None = None,
) -> None:
    """The format exists and goes this way, and `options` are its options (checked once detected when
    `name` is None)."""
    if name is None:
        return
    try:
        fmt = formats.get(name)
    except UnknownFormat as error:
        raise ApiError(422, str(error), "unknown_format", loc) from None
    if not (fmt.can_write if write else fmt.can_read):
        raise ApiError(422, f"{name} cannot be {'written' if write else 'read'}", "format_direction", loc)
    try:
        checked_options(fmt, options or {}, Direction.WRITE if write else Direction.READ)
    except OptionError as error:
        errors = [error_item(("body", "options", p.key), p.msg, "bad_option") for p in error.problems]
        raise ApiError(422, str(error), "bad_option", errors=errors) from None


def _form_options(raw: str | None) -> dict[str, object]:
    """The ``options`` form field of an upload: a JSON object of option values."""
    loc = ("body", "options")
    if raw is None or not raw.strip():
        return {}
    if len(raw) > MAX_OPTIONS_BYTES:
        raise ApiError(422, f"longer than {MAX_OPTIONS_BYTES} characters", "too_long", loc)
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ApiError(422, f"expected a JSON object: {error}", "json_invalid", loc) from None
    if not isinstance(value, dict):
        raise ApiError(422, f"expected a JSON object, got {type(value).__name__}", "dict_type", loc)
    bad = [k for k, v in value.items() if isinstance(v, dict | list) or v is None]
    if bad:
        raise ApiError(422, "expected text, a number or a boolean", "option_type", (*loc, bad[0]))
    return value


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
    options: Annotated[
        str | None,
        Form(description='The format\'s import options as a JSON object, e.g. {"data_key": "image"}'),
    ] = None,
) -> dict[str, Any]:
    """Import into this project, all or nothing, as a background job; the job's result sums it up (with
    ``warnings``: what the format read but did not keep, located), its errors locate every problem of a
    refused dataset."""
    with database.session() as session:
        policy.require_project(session, caller, project_id, Access.MANAGE)
    given = _form_options(options)
    _format(formats, format, ("body", "format"), write=False, options=given)
    name = _upload_name(file.filename)

    def stage(folder: Path) -> dict[str, Any]:
        (folder / "upload").mkdir()
        size = _store(settings, file.file, folder / "upload" / name)
        return {
            "upload": (folder / "upload" / name).relative_to(settings.job_files_root).as_posix(),
            "size_bytes": size,
        }

    row = service.submit(
        settings,
        database,
        queue,
        kind="import",
        params={"file_name": name, "format": format, "task_name": task_name, "options": given},
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
    _format(formats, body.format, ("body", "format"), write=True, options=body.options)
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
