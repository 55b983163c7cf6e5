"""Review issues: pinned to a point or a box of a frame, with a comment thread; resolve and reopen."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.schemas.review import CommentCreate, IssueCreate, IssuePublic, IssueStatus
from annota.auth import policy
from annota.storage import team_issues, users
from annota.storage.team_tables import Issue

router = APIRouter(tags=["review"])


def _public(session: Session, issues: list[Issue]) -> list[dict[str, Any]]:
    threads = team_issues.comments(session, [i.id for i in issues])
    people = [i.author_id for i in issues] + [c.author_id for thread in threads.values() for c in thread]
    names = users.usernames(session, people)
    return [
        {
            "id": i.id,
            "job_id": i.job_id,
            "frame": i.frame,
            "region": {"x": i.x, "y": i.y, "w": i.w, "h": i.h},
            "status": i.status,
            "author_id": i.author_id,
            "author_name": names.get(i.author_id) if i.author_id else None,
            "created_at": i.created_at,
            "resolved_at": i.resolved_at,
            "resolved_by": i.resolved_by,
            "comments": [
                {
                    "id": c.id,
                    "author_id": c.author_id,
                    "author_name": names.get(c.author_id) if c.author_id else None,
                    "body": c.body,
                    "created_at": c.created_at,
                }
                for c in threads[i.id]
            ],
        }
        for i in issues
    ]


@router.get("/api/jobs/{job_id}/issues", response_model=list[IssuePublic])
def list_issues(
    job_id: int, caller: Caller, session: ReadSession, status: IssueStatus | None = None
) -> list[dict[str, Any]]:
    """The job's issues in frame order, each with its thread (the editor jumps from one to the next)."""
    policy.require_job(session, caller, job_id, "job.view")
    return _public(session, team_issues.list_issues(session, job_id, status))


@router.post("/api/jobs/{job_id}/issues", response_model=IssuePublic, status_code=201)
def open_issue(job_id: int, body: IssueCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    job = policy.require_job(session, caller, job_id, "issue.open")
    region = team_issues.Region(body.region.x, body.region.y, body.region.w, body.region.h)
    issue = team_issues.open_issue(
        session,
        job,
        frame=body.frame,
        region=region,
        author_id=caller.user_id,
        comment=body.comment,
        loc=("body",),
    )
    return _public(session, [issue])[0]


@router.get("/api/issues/{issue_id}", response_model=IssuePublic)
def read_issue(issue_id: int, caller: Caller, session: ReadSession) -> dict[str, Any]:
    issue, _ = policy.require_issue(session, caller, issue_id, "job.view")
    return _public(session, [issue])[0]


@router.post("/api/issues/{issue_id}/comments", response_model=IssuePublic, status_code=201)
def comment(issue_id: int, body: CommentCreate, caller: Caller, session: WriteSession) -> dict[str, Any]:
    issue, _ = policy.require_issue(session, caller, issue_id, "issue.comment")
    team_issues.add_comment(session, issue, author_id=caller.user_id, body=body.body)
    return _public(session, [issue])[0]


@router.post("/api/issues/{issue_id}/resolve", response_model=IssuePublic)
def resolve(issue_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    issue, _ = policy.require_issue(session, caller, issue_id, "issue.resolve")
    return _public(session, [team_issues.set_status(session, issue, "resolved", caller.user_id)])[0]


@router.post("/api/issues/{issue_id}/reopen", response_model=IssuePublic)
def reopen(issue_id: int, caller: Caller, session: WriteSession) -> dict[str, Any]:
    issue, _ = policy.require_issue(session, caller, issue_id, "issue.reopen")
    return _public(session, [team_issues.set_status(session, issue, "open", caller.user_id)])[0]
