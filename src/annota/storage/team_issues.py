"""Review issues: a comment thread pinned to a point or a box of one frame of a job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annota.storage.errors import InvalidValue
from annota.storage.problems import Loc, Problem
from annota.storage.tables import Job
from annota.storage.team_tables import Issue, IssueComment
from annota.storage.types import utcnow


@dataclass(frozen=True, slots=True)
class Region:
    """A point (w and h None) or a box, in image pixels of the frame."""

    x: float
    y: float
    w: float | None = None
    h: float | None = None


def open_issue(
    session: Session, job: Job, *, frame: int, region: Region, author_id: int, comment: str, loc: Loc = ()
) -> Issue:
    problems = []
    if not job.frame_start <= frame <= job.frame_stop:
        problems.append(
            Problem(
                (*loc, "frame"),
                f"must be within the job's frames {job.frame_start}..{job.frame_stop}",
                "out_of_job",
            )
        )
    if (region.w is None) != (region.h is None):
        problems.append(
            Problem((*loc, "region"), "give both w and h (a box) or neither (a point)", "invalid_region")
        )
    for name in ("w", "h"):
        value = getattr(region, name)
        if value is not None and value <= 0:
            problems.append(Problem((*loc, "region", name), "must be greater than 0", "invalid_region"))
    if problems:
        raise InvalidValue(problems)
    issue = Issue(
        job_id=job.id,
        frame=frame,
        x=region.x,
        y=region.y,
        w=region.w,
        h=region.h,
        status="open",
        author_id=author_id,
    )
    session.add(issue)
    session.flush()
    add_comment(session, issue, author_id=author_id, body=comment)
    return issue


def add_comment(session: Session, issue: Issue, *, author_id: int, body: str) -> IssueComment:
    comment = IssueComment(issue_id=issue.id, author_id=author_id, body=body, created_at=utcnow())
    session.add(comment)
    session.flush()
    return comment


def set_status(session: Session, issue: Issue, status: str, by: int) -> Issue:
    """Resolve or reopen; doing it twice changes nothing."""
    if issue.status == status:
        return issue
    issue.status = status
    issue.resolved_at = utcnow() if status == "resolved" else None
    issue.resolved_by = by if status == "resolved" else None
    session.flush()
    return issue


def list_issues(session: Session, job_id: int, status: str | None = None) -> list[Issue]:
    query = select(Issue).where(Issue.job_id == job_id)
    if status is not None:
        query = query.where(Issue.status == status)
    return list(session.scalars(query.order_by(Issue.frame, Issue.id)))


def comments(session: Session, issue_ids: Sequence[int]) -> dict[int, list[IssueComment]]:
    found: dict[int, list[IssueComment]] = {i: [] for i in issue_ids}
    if not issue_ids:
        return found
    rows = session.scalars(
        select(IssueComment).where(IssueComment.issue_id.in_(issue_ids)).order_by(IssueComment.id)
    )
    for row in rows:
        found[row.issue_id].append(row)
    return found


def open_issue_counts(session: Session, job_ids: Sequence[int]) -> dict[int, int]:
    """Open issues per job (jobs without any are absent)."""
    if not job_ids:
        return {}
    rows = session.execute(
        select(Issue.job_id, func.count())
        .where(Issue.job_id.in_(job_ids), Issue.status == "open")
        .group_by(Issue.job_id)
    )
    return {job_id: count for job_id, count in rows}
