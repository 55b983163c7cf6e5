"""A project's backup and its restore: `annota backup` / `annota restore`.

A backup is a zip: `backup.json` (see `backup_manifest`: the project, its labels, tasks, media
references, jobs with their assignment by username, and every job's annotations) and, with
`with_media`, each media file under `media/<hash>` (a connected bucket's object under the SHA-256 of
its bytes, `bytes_hash`: restored on another server it becomes media of that server's own). Without
media, a backup restores on servers that
already hold those blobs (the same one, or one sharing its media store); elsewhere the missing ones
are listed and nothing is created.

Restore makes a new project (ids are new; annotation ids too, so a backup can be restored beside
its original) in one transaction: all or nothing.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from annota import __version__
from annota.services.backup_manifest import (
    MANIFEST,
    MEDIA_DIR,
    InvalidBackup,
    JobEntry,
    Manifest,
    TaskEntry,
    parse,
)
from annota.settings import Settings
from annota.storage import projects, tasks
from annota.storage.annotations import load_document, replace_document
from annota.storage.cloud_tables import ExternalBlob
from annota.storage.errors import InvalidDiff
from annota.storage.media_files import media_files
from annota.storage.media_stores import media_store_for
from annota.storage.problems import Problem
from annota.storage.tables import Blob, Job, MediaItem, Project, Task, User
from annota.storage.types import utcnow
from annota.storage.video_tables import VideoIndexRow

_VIDEO_SKIP = {"content_hash", "created_at", "updated_at"}
_TASK_FIELDS = (
    "name",
    "subset",
    "media_kind",
    "segment_size",
    "overlap",
    "frame_start",
    "frame_stop",
    "frame_step",
)


@dataclass(frozen=True, slots=True)
class BackupSummary:
    tasks: int
    media: int
    jobs: int
    annotations: int
    with_media: bool


def write_backup(
    session: Session, settings: Settings, project_id: int, out: Path, *, with_media: bool
) -> BackupSummary:
    project = projects.get_project(session, project_id)
    usernames: dict[int, str] = {
        row.id: row.username for row in session.execute(select(User.id, User.username))
    }
    labels = projects.list_labels(session, project_id)
    task_rows = list(session.scalars(select(Task).where(Task.project_id == project_id).order_by(Task.id)))
    manifest: dict[str, Any] = {
        "format": "annota-backup",
        "version": 1,
        "annota_version": __version__,
        "created_at": utcnow().isoformat(),
        "with_media": with_media,
        "project": {
            "name": project.name,
            "description": project.description,
            "guidelines": project.guidelines,
            "deadline": _iso(project.deadline),
        },
        "labels": [
            {
                "id": lb.id,
                "name": lb.name,
                "color": lb.color,
                "kind": lb.kind,
                "attributes": lb.attributes,
                "skeleton": lb.skeleton,
                "position": lb.position,
            }
            for lb in labels
        ],
        "tasks": [],
    }
    hashes: set[str] = set()
    counts = {"media": 0, "jobs": 0, "annotations": 0}
    connected = _connected_bytes(session, settings, project.id) if with_media else {}
    for task in task_rows:
        media = list(
            session.scalars(select(MediaItem).where(MediaItem.task_id == task.id).order_by(MediaItem.frame))
        )
        jobs = list(session.scalars(select(Job).where(Job.task_id == task.id).order_by(Job.id)))
        hashes.update(m.content_hash for m in media)
        entry = _task_entry(session, task, media, jobs, usernames, connected)
        counts["media"] += len(media)
        counts["jobs"] += len(jobs)
        counts["annotations"] += sum(len(v) for j in entry["jobs"] for v in j["annotations"].values())
        manifest["tasks"].append(entry)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        if with_media:
            files = media_files(session, settings, content_hashes=hashes)  # one lookup, not one per file
            for content_hash in sorted(hashes):
                path, name = connected.get(content_hash) or (files.path(content_hash), content_hash)
                archive.write(path, f"{MEDIA_DIR}/{name}", compress_type=zipfile.ZIP_STORED)
    partial.replace(out)  # a backup file is whole or absent
    return BackupSummary(len(task_rows), counts["media"], counts["jobs"], counts["annotations"], with_media)


def _connected_bytes(session: Session, settings: Settings, project_id: int) -> dict[str, tuple[Path, str]]:
    """For the project's media in connected buckets: a local copy and the SHA-256 of its bytes."""
    query = (
        select(ExternalBlob.content_hash)
        .join(MediaItem, MediaItem.content_hash == ExternalBlob.content_hash)
        .join(Task, Task.id == MediaItem.task_id)
        .where(Task.project_id == project_id)
        .distinct()
    )
    hashes = list(session.scalars(query))
    files = media_files(session, settings, content_hashes=hashes)
    out = {}
    for content_hash in hashes:
        path = files.path(content_hash)
        with path.open("rb") as stream:
            out[content_hash] = (path, hashlib.file_digest(stream, "sha256").hexdigest())
    return out


def _task_entry(
    session: Session,
    task: Task,
    media: list[MediaItem],
    jobs: list[Job],
    usernames: Mapping[int, str],
    connected: Mapping[str, tuple[Path, str]],
) -> dict[str, Any]:
    video_index = None
    if task.media_kind == "video" and media:
        row = session.get(VideoIndexRow, media[0].content_hash)
        if row is not None:
            video_index = {
                c.key: _plain(getattr(row, c.key))
                for c in inspect(VideoIndexRow).column_attrs
                if c.key not in _VIDEO_SKIP
            }
    return {
        **{f: getattr(task, f) for f in _TASK_FIELDS},
        "deadline": _iso(task.deadline),
        "media": [
            {"frame": m.frame, "name": m.name, "content_hash": m.content_hash, "size_bytes": m.size_bytes,
             "mime": m.mime, "width": m.width, "height": m.height,
             **({"bytes_hash": connected[m.content_hash][1]} if m.content_hash in connected else {})}
            for m in media
        ],
        "video_index": video_index,
        "jobs": [
            {"frame_start": j.frame_start, "frame_stop": j.frame_stop, "kind": j.kind, "stage": j.stage,
             "state": j.state, "priority": j.priority, "deadline": _iso(j.deadline),
             "assignee": usernames.get(j.assignee_id) if j.assignee_id else None,
             "reviewer": usernames.get(j.reviewer_id) if j.reviewer_id else None,
             "annotations": {k: v for k, v in load_document(session, j.id).items() if k != "revision"}}
            for j in jobs
        ],
    }  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def read_manifest(path: Path) -> tuple[Manifest, set[str]]:
    """The manifest of the backup at `path`, and the media hashes the archive carries."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise InvalidBackup(
                    [Problem((), f"{path.name} holds no {MANIFEST}: not an annota backup", "not_a_backup")]
                )
            manifest = parse(archive.read(MANIFEST))
    except zipfile.BadZipFile:
        raise InvalidBackup([Problem((), f"{path.name} is not a zip file", "not_a_backup")]) from None
    carried = {n.removeprefix(f"{MEDIA_DIR}/") for n in names if n.startswith(f"{MEDIA_DIR}/")}
    return manifest, carried


def restore_backup(
    session: Session,
    settings: Settings,
    path: Path,
    *,
    owner_id: int,
    name: str | None = None,
    organization_id: int | None = None,
) -> tuple[Project, list[str]]:
    """A new project from the backup; returns it and warnings (people not found here, for example)."""
    manifest, carried = read_manifest(path)
    resolved = _resolve_media(session, manifest, carried)
    _store_media(settings, path, {h for h in resolved.values() if h in carried}, session)
    project = projects.create_project(
        session,
        owner_id=owner_id,
        name=name or manifest.project.name,
        organization_id=organization_id,
        description=manifest.project.description,
        guidelines=manifest.project.guidelines,
        deadline=manifest.project.deadline,
    )
    label_ids = {
        entry.id: projects.create_label(
            session, project.id, name=entry.name, color=entry.color, kind=entry.kind,
            attributes=entry.attributes, skeleton=entry.skeleton, position=entry.position,
        ).id
        for entry in manifest.labels
    }  # fmt: skip
    users: dict[str, int] = {row.username: row.id for row in session.execute(select(User.username, User.id))}
    warnings: list[str] = []
    problems: list[Problem] = []
    for t, entry in enumerate(manifest.tasks):
        ids = (label_ids, users, resolved)
        _restore_task(session, project.id, owner_id, entry, ids, ("tasks", t), warnings, problems)
    if problems:
        raise InvalidBackup(problems)
    session.flush()
    return project, sorted(set(warnings))


def _resolve_media(session: Session, manifest: Manifest, carried: set[str]) -> dict[str, str]:
    """For each media hash of the manifest, the blob the restored media item uses: the one this server
    has (a connected object still referenced in place, on the server it came from), else the carried
    bytes (a connected object's under the SHA-256 of its bytes). Every media without either is refused."""
    entries = [(t, m, e) for t, task in enumerate(manifest.tasks) for m, e in enumerate(task.media)]
    wanted = {e.content_hash for *_, e in entries}
    known = set(session.scalars(select(Blob.content_hash).where(Blob.content_hash.in_(wanted))))
    resolved: dict[str, str] = {}
    missing = []
    for t, m, entry in entries:
        if entry.content_hash in known or entry.content_hash in carried:
            resolved[entry.content_hash] = entry.content_hash
        elif entry.bytes_hash is not None and entry.bytes_hash in carried:
            resolved[entry.content_hash] = entry.bytes_hash
        else:
            msg = f"{entry.content_hash}: not in this backup nor on this server"
            missing.append(Problem(("tasks", t, "media", m, "content_hash"), msg, "missing_media"))
    if missing:
        raise InvalidBackup(missing)
    return resolved


def _store_media(settings: Settings, path: Path, carried: set[str], session: Session) -> None:
    """Put the carried media the server lacks into its media store (content-addressed: the same bytes)."""
    known = set(session.scalars(select(Blob.content_hash).where(Blob.content_hash.in_(carried))))
    store = media_store_for(settings)
    with zipfile.ZipFile(path) as archive:
        for content_hash in sorted(carried - known):
            with archive.open(f"{MEDIA_DIR}/{content_hash}") as source:
                stored = store.put_stream(source, settings.max_upload_bytes, name=content_hash)
            if stored.hash != content_hash:
                raise InvalidBackup(
                    [Problem((), f"media/{content_hash}: its bytes do not match its name", "corrupt_media")]
                )


def _restore_task(
    session: Session,
    project_id: int,
    owner_id: int,
    entry: TaskEntry,
    ids: tuple[Mapping[int, int], Mapping[str, int], Mapping[str, str]],
    loc: tuple[str | int, ...],
    warnings: list[str],
    problems: list[Problem],
) -> None:
    label_ids, users, resolved = ids  # labels and users by their ids in the backup, media by its hashes
    fields = {f: getattr(entry, f) for f in (*_TASK_FIELDS, "deadline") if f != "name"}
    task = tasks.create_task(session, project_id, name=entry.name, owner_id=owner_id, **fields)
    tasks.append_media(
        session,
        task.id,
        [
            tasks.NewMedia(m.name, resolved[m.content_hash], m.size_bytes, m.mime, m.width, m.height)
            for m in entry.media
        ],
    )
    if (
        entry.video_index is not None
        and entry.media
        and session.get(VideoIndexRow, resolved[entry.media[0].content_hash]) is None
    ):
        values = {
            k: base64.b64decode(v["base64"]) if isinstance(v, dict) else v
            for k, v in entry.video_index.items()
        }
        session.add(VideoIndexRow(content_hash=resolved[entry.media[0].content_hash], **values))
    session.flush()
    for j, job_entry in enumerate(entry.jobs):
        job = _restored_job(task.id, job_entry, users, warnings)
        session.add(job)
        session.flush()
        document = _renumbered(job_entry.annotations, label_ids)
        try:
            replace_document(session, job.id, 0, document)
        except InvalidDiff as error:
            problems.extend(
                Problem((*loc, "jobs", j, "annotations", *p.loc), p.msg, p.type) for p in error.problems
            )


def _restored_job(task_id: int, entry: JobEntry, users: Mapping[str, int], warnings: list[str]) -> Job:
    seats: dict[str, int | None] = {}
    for seat, username in (("assignee_id", entry.assignee), ("reviewer_id", entry.reviewer)):
        seats[seat] = users.get(username) if username else None
        if username and seats[seat] is None:
            warnings.append(f"no user {username!r} here: jobs they held are left unassigned")
    return Job(
        task_id=task_id, frame_start=entry.frame_start, frame_stop=entry.frame_stop, kind=entry.kind,
        stage=entry.stage, state=entry.state, priority=entry.priority, deadline=entry.deadline, **seats,
    )  # fmt: skip


def _renumbered(
    annotations: Mapping[str, list[dict[str, Any]]], label_ids: Mapping[int, int]
) -> dict[str, Any]:
    """The document with this server's label ids and fresh annotation ids."""
    out: dict[str, Any] = {"revision": 0}
    for collection, objects in annotations.items():
        out[collection] = [
            {
                **obj,
                "id": str(uuid.uuid4()),
                "label_id": label_ids.get(obj.get("label_id", -1), obj.get("label_id")),
            }
            for obj in objects
        ]
    return out
