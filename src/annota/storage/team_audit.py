"""Reading the audit log, and the entry of an annotation save (summarised per save).

Entries are written by `team_events` only; nothing here updates or deletes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, literal, select
from sqlalchemy.orm import Session

from annota.storage.tables import Job, Project, ShapeRow, TagRow, Task, TrackRow
from annota.storage.team_events import Audit, HookEvent, actor_of, emit
from annota.storage.team_tables import AuditEntry
from annota.storage.team_workflow import start_on_save

AUDIT_COLUMNS = {"at": AuditEntry.at, "id": AuditEntry.id}


def audit_query(
    *,
    scope: ColumnElement[bool],
    actor_id: int | None = None,
    entity_type: str | None = None,
    action: str | None = None,
) -> Select[Any]:
    query = select(AuditEntry).where(scope)
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    if entity_type is not None:
        query = query.where(AuditEntry.entity_type == entity_type)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return query


def _kinds(session: Session, job_id: int, ids: list[str] | None = None) -> dict[str, tuple[str, int]]:
    """id -> (kind, revision) of the job's annotations (only `ids` when given); tags are kind "tag"."""
    queries = [
        select(ShapeRow.id, ShapeRow.kind, ShapeRow.revision).where(ShapeRow.job_id == job_id),
        select(TrackRow.id, TrackRow.kind, TrackRow.revision).where(TrackRow.job_id == job_id),
        select(TagRow.id, literal("tag"), TagRow.revision).where(TagRow.job_id == job_id),
    ]
    found: dict[str, tuple[str, int]] = {}
    for query in queries:
        if ids is not None:
            query = query.where(query.selected_columns[0].in_(ids))
        found.update({row[0]: (row[1], row[2]) for row in session.execute(query)})
    return found


def _kind_of(collection: str, obj: Mapping[str, Any]) -> str:
    return "tag" if collection == "tags" else str(obj.get("kind", "?"))


def summarise_diff(session: Session, job_id: int, wire: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """Counts by kind of what a diff creates, updates and deletes (deleted kinds read before the save)."""
    counts: dict[str, Counter[str]] = {"created": Counter(), "updated": Counter(), "deleted": Counter()}
    deleted: list[str] = []
    for collection in ("shapes", "tracks", "tags"):
        part = wire.get(collection) or {}
        counts["created"].update(_kind_of(collection, o) for o in part.get("create", []))
        counts["updated"].update(_kind_of(collection, o) for o in part.get("update", []))
        deleted.extend(part.get("delete", []))
    stored = _kinds(session, job_id, deleted) if deleted else {}
    counts["deleted"].update(stored.get(i, ("?", 0))[0] for i in deleted)
    return {k: dict(v) for k, v in counts.items()}


def audited_save(
    session: Session, job_id: int, wire: Mapping[str, Any] | None, save: Callable[[], int]
) -> int:
    """Run `save` (returning the new revision) and append one audit entry summarising it; the
    assignee's first save starts the job.

    With the diff (`wire`) counts come from it; for a whole-document replace (`wire` None) they come
    from comparing the job's annotations before and after.
    """
    if wire is not None:
        summary = summarise_diff(session, job_id, wire)
        revision = save()
    else:
        before = _kinds(session, job_id)
        revision = save()
        after = _kinds(session, job_id)
        summary = {
            "created": dict(Counter(after[i][0] for i in after.keys() - before.keys())),
            "updated": dict(
                Counter(after[i][0] for i in after.keys() & before.keys() if after[i][1] == revision)
            ),
            "deleted": dict(Counter(before[i][0] for i in before.keys() - after.keys())),
        }
    found = session.execute(
        select(Task.project_id, Project.organization_id)
        .join(Job, Job.task_id == Task.id)
        .join(Project, Project.id == Task.project_id)
        .where(Job.id == job_id)
    ).first()
    project_id, organization_id = (found[0], found[1]) if found is not None else (None, None)
    full = {"revision": revision, **summary}
    facts: list[Audit | HookEvent] = [Audit("annotations", job_id, "save", full, project_id, organization_id)]
    if project_id is not None:
        facts.append(HookEvent(project_id, "annotations.saved", {"job_id": job_id, **full}))
    emit(session, facts)
    actor = actor_of(session)
    if actor is not None:
        start_on_save(session, job_id, actor.user_id)
    return revision
