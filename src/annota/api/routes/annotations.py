"""A job's annotations: one load, saves as diffs guarded by the job revision (ADR 0001)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from sqlalchemy.orm import Session
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.responses import OrjsonResponse
from annota.api.schemas.annotations import DiffBody, DocumentBody, SaveResult
from annota.auth import policy
from annota.auth.policy import Access
from annota.domain.document import diff_from_dict, document_from_dict
from annota.domain.labels import Label, label_from_dict
from annota.domain.problems import DomainValidationError
from annota.storage import annotations, jobs, projects

router = APIRouter(tags=["annotations"])

IfMatch = Annotated[
    str | None,
    Header(alias="If-Match", description='The job revision the change is based on, e.g. "12"'),
]


def _expected_revision(if_match: str | None) -> int:
    if if_match is None:
        raise ApiError(
            428, 'send If-Match with the revision the change is based on, e.g. If-Match: "3"',
            "precondition_required", ("header", "If-Match"),
        )  # fmt: skip
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise ApiError(422, f"expected a revision number, got {if_match!r}", "invalid_revision", ("header", "If-Match"))
    return int(value)


def job_labels(session: Session, job_id: int) -> dict[int, Label]:
    project_id = jobs.job_project_id(session, job_id)
    labels = {}
    for row in projects.list_labels(session, project_id):
        labels[row.id] = label_from_dict(
            {"id": row.id, "name": row.name, "color": row.color, "kind": row.kind,
             "attributes": row.attributes, "skeleton": row.skeleton}
        )  # fmt: skip
    return labels


def _saved(revision: int) -> OrjsonResponse:
    return OrjsonResponse({"revision": revision}, headers={"ETag": f'"{revision}"'})


@router.get(
    "/api/jobs/{job_id}/annotations",
    response_model=DocumentBody,
    responses={200: {"headers": {"ETag": {"description": "The job revision"}}}},
)
def read_annotations(job_id: int, caller: Caller, session: ReadSession) -> Response:
    policy.require_job(session, caller, job_id, Access.VIEW)
    document = annotations.load_document(session, job_id)
    return OrjsonResponse(document, headers={"ETag": f'"{document["revision"]}"'})


@router.patch("/api/jobs/{job_id}/annotations", response_model=SaveResult)
def save_diff(
    job_id: int,
    caller: Caller,
    session: WriteSession,
    body: DiffBody,
    if_match: IfMatch = None,
) -> Response:
    expected = _expected_revision(if_match)
    policy.require_job(session, caller, job_id, Access.ANNOTATE)
    wire = body.model_dump(exclude_unset=True)
    try:
        diff = diff_from_dict(wire, labels=job_labels(session, job_id))
    except DomainValidationError as error:
        raise error.prefixed("body") from None
    return _saved(annotations.save_diff(session, job_id, expected, diff))


@router.put("/api/jobs/{job_id}/annotations", response_model=SaveResult)
def replace_annotations(
    job_id: int,
    caller: Caller,
    session: WriteSession,
    body: DocumentBody,
    if_match: IfMatch = None,
) -> Response:
    expected = _expected_revision(if_match)
    policy.require_job(session, caller, job_id, Access.ANNOTATE)
    wire = body.model_dump(exclude_unset=True) | {"revision": expected}
    try:
        document = document_from_dict(wire, labels=job_labels(session, job_id))
    except DomainValidationError as error:
        raise error.prefixed("body") from None
    return _saved(annotations.replace_document(session, job_id, expected, document))

