"""What people and managers look at: "my work" and a project's dashboard."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from annota.storage.tables import Job, Project, Task, User
from annota.storage.team_issues import open_issue_counts
from annota.storage.team_workflow import OPEN_ANNOTATION_STATES, OPEN_REVIEW_STATES, due_date, is_overdue


def my_work(
    session: Session, user_id: int, visible: ColumnElement[bool], now: datetime
) -> list[dict[str, Any]]:
    """Jobs waiting for the person: to annotate (assignee) or to review (reviewer); overdue first,
    then by due date (none last), then priority."""
    waiting = or_(
        and_(Job.assignee_id == user_id, Job.stage == "annotation", Job.state.in_(OPEN_ANNOTATION_STATES)),
        and_(Job.reviewer_id == user_id, Job.stage == "validation", Job.state.in_(OPEN_REVIEW_STATES)),
    )
    rows = session.execute(
        select(Job, Task.name, Project.id, Project.name, due_date().label("due"))
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
        .where(visible, waiting)
    ).all()
    issues = open_issue_counts(session, [row[0].id for row in rows])
    items = []
    for job, task_name, project_id, project_name, due in rows:
        items.append(
            {
                "job_id": job.id,
                "task_id": job.task_id,
                "task_name": task_name,
                "project_id": project_id,
                "project_name": project_name,
                "role": "assignee" if job.stage == "annotation" else "reviewer",
                "stage": job.stage,
                "state": job.state,
                "priority": job.priority,
                "frame_start": job.frame_start,
                "frame_stop": job.frame_stop,
                "due": due,
                "overdue": is_overdue(due, job.stage, job.state, now),
                "open_issues": issues.get(job.id, 0),
            }
        )
    far = datetime.max.replace(tzinfo=now.tzinfo)
    items.sort(key=lambda i: (not i["overdue"], i["due"] or far, -i["priority"], i["job_id"]))
    return items


def dashboard(session: Session, project_id: int, now: datetime) -> dict[str, Any]:
    """Progress by stage and state, overdue jobs, and each person's load."""
    rows = session.execute(
        select(Job, due_date().label("due"))
        .join(Task, Task.id == Job.task_id)
        .join(Project, Project.id == Task.project_id)
        .where(Task.project_id == project_id, Job.kind == "annotation")
        .order_by(Job.id)
    ).all()
    progress: dict[str, dict[str, int]] = {}
    overdue = []
    load: dict[int, dict[str, int]] = {}
    for job, due in rows:
        stage = progress.setdefault(job.stage, {})
        stage[job.state] = stage.get(job.state, 0) + 1
        late = is_overdue(due, job.stage, job.state, now)
        if late:
            overdue.append(
                {
                    "job_id": job.id,
                    "task_id": job.task_id,
                    "assignee_id": job.assignee_id,
                    "reviewer_id": job.reviewer_id,
                    "stage": job.stage,
                    "state": job.state,
                    "due": due,
                }
            )
        finished = (job.stage, job.state) == ("acceptance", "completed")
        for user, seat in ((job.assignee_id, "annotating"), (job.reviewer_id, "reviewing")):
            if user is None:
                continue
            person = load.setdefault(
                user, {"annotating": 0, "reviewing": 0, "frames": 0, "overdue": 0, "done": 0}
            )
            if finished:
                person["done"] += 1 if seat == "annotating" else 0
                continue
            if seat == "annotating" and job.stage == "annotation":
                person["annotating"] += 1
                person["frames"] += job.frame_stop - job.frame_start + 1
                person["overdue"] += int(late)
            if seat == "reviewing" and job.stage == "validation":
                person["reviewing"] += 1
    names = dict(session.execute(select(User.id, User.username).where(User.id.in_(list(load)))).all())
    for job_row in overdue:  # every assignee and reviewer has a row in `load`, so a name
        job_row["assignee_name"] = names.get(job_row["assignee_id"])
        job_row["reviewer_name"] = names.get(job_row["reviewer_id"])
    done = progress.get("acceptance", {}).get("completed", 0)
    return {
        "project_id": project_id,
        "jobs": len(rows),
        "completed": done,
        "progress": progress,
        "open_issues": sum(open_issue_counts(session, [job.id for job, _ in rows]).values()),
        "overdue": overdue,
        "load": [
            {"user_id": u, "username": names.get(u, ""), **counts} for u, counts in sorted(load.items())
        ],
        "frames_total": int(
            session.scalar(
                select(func.sum(Job.frame_stop - Job.frame_start + 1))
                .join(Task, Task.id == Job.task_id)
                .where(Task.project_id == project_id, Job.kind == "annotation")
            )
            or 0
        ),
    }
