"""A job's annotations: one load, saves as diffs guarded by the job revision (ADR 0001)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Header
from starlette.responses import Response

from annota.api.deps import Caller, ReadSession, WriteSession
from annota.api.errors import ApiError
from annota.api.responses import OrjsonResponse
from annota.api.schemas.annotations import DiffBody, DocumentBody, SaveResult
from annota.auth import policy
from annota.auth.policy import Access
from annota.storage import annotations as stored
from annota.storage import team_audit
from annota.storage.errors import InvalidDiff
from annota.storage.problems import Problem

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
        raise ApiError(
            422, f"expected a revision number, got {if_match!r}", "invalid_revision", ("header", "If-Match")
        )
    return int(value)


def _saved(save: Callable[[], int]) -> OrjsonResponse:
    try:
        revision = save()
    except InvalidDiff as error:
        # Storage locates problems inside the diff; the client sent it as the request body.
        raise InvalidDiff([Problem(("body", *p.loc), p.msg, p.type) for p in error.problems]) from None
    return OrjsonResponse({"revision": revision}, headers={"ETag": f'"{revision}"'})


@router.get(
    "/api/jobs/{job_id}/annotations",
    response_model=DocumentBody,
    responses={200: {"headers": {"ETag": {"description": "The job revision"}}}},
)
def read_annotations(job_id: int, caller: Caller, session: ReadSession) -> Response:
    policy.require_job(session, caller, job_id, Access.VIEW)
    document = stored.load_document(session, job_id)
    return OrjsonResponse(document, headers={"ETag": f'"{document["revision"]}"'})


@router.patch("/api/jobs/{job_id}/annotations", response_model=SaveResult)
def save_diff(
    job_id: int, body: DiffBody, caller: Caller, session: WriteSession, if_match: IfMatch = None
) -> Response:
    """Create, update and delete annotations by id. A stale If-Match gets 409 and changes nothing."""
    expected = _expected_revision(if_match)
    policy.require_job(session, caller, job_id, Access.ANNOTATE)
    wire = body.model_dump(exclude_unset=True)
    return _saved(
        lambda: team_audit.audited_save(
            session, job_id, wire, lambda: stored.save_diff(session, job_id, expected, wire)
        )
    )


@router.put("/api/jobs/{job_id}/annotations", response_model=SaveResult)
def replace_annotations(
    job_id: int, body: DocumentBody, caller: Caller, session: WriteSession, if_match: IfMatch = None
) -> Response:
    """Make the job's annotations exactly this document (written as a diff against what is stored)."""
    expected = _expected_revision(if_match)
    policy.require_job(session, caller, job_id, Access.ANNOTATE)
    wire = body.model_dump(exclude_unset=True)
    return _saved(
        lambda: team_audit.audited_save(
            session, job_id, None, lambda: stored.replace_document(session, job_id, expected, wire)
        )
    )
