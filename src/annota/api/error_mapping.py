"""Typed errors of the lower layers, answered in the one error shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from fastapi import FastAPI, Request
from starlette.responses import Response

from annota.api.errors import error_item, error_response
from annota.auth.errors import CsrfFailed, Forbidden, Hidden, NotAuthenticated, Refused
from annota.domain.problems import DomainValidationError
from annota.media.problems import MediaIngestError
from annota.storage.cloud_storages import CloudStorageError
from annota.storage.errors import Conflict, Invalid, NotFound, StaleRevision


class _Located(Protocol):
    loc: tuple[str | int, ...]
    msg: str
    type: str


def located(problems: Iterable[_Located]) -> Response:
    return error_response(422, [error_item(p.loc, p.msg, p.type) for p in problems])


def _not_authenticated(e: NotAuthenticated) -> Response:
    return error_response(401, [error_item((), str(e), "not_authenticated")], {"WWW-Authenticate": "Bearer"})


def _csrf(_: CsrfFailed) -> Response:
    return error_response(
        403, [error_item(("header", "X-CSRF-Token"), "missing or wrong CSRF token", "csrf_failed")]
    )


def _forbidden(e: Forbidden) -> Response:
    return error_response(403, [error_item((), str(e), "forbidden")])


def _missing(entity: str) -> Response:
    # Hidden and missing objects answer alike: an id from another organisation reveals nothing.
    return error_response(404, [error_item(("path", entity), f"{entity} not found", "not_found")])


def _stale(e: StaleRevision) -> Response:
    item = error_item(("header", "If-Match"), str(e), "stale_revision")
    return error_response(409, [item], {"ETag": f'"{e.current}"'})


HANDLERS: list[tuple[type[Exception], Callable[[Any], Response]]] = [
    (NotAuthenticated, _not_authenticated),
    (CsrfFailed, _csrf),
    (Forbidden, _forbidden),
    (Refused, lambda e: error_response(e.status, [error_item(e.loc, e.msg, e.type)])),
    (Hidden, lambda e: _missing(e.entity)),
    (NotFound, lambda e: _missing(e.entity)),
    (Conflict, lambda e: error_response(409, [error_item((), str(e), "conflict")])),
    (StaleRevision, _stale),
    (Invalid, lambda e: located(e.problems)),
    (DomainValidationError, lambda e: located(e.problems)),
    (MediaIngestError, lambda e: located(e.problems)),
    # A connected bucket that fails a read: the upstream is at fault, not the request.
    (CloudStorageError, lambda e: error_response(502, [error_item((), e.msg, e.code)])),
]


def install_error_mapping(app: FastAPI) -> None:
    for exc_type, handle in HANDLERS:

        async def handler(_: Request, exc: Exception, handle: Callable[[Any], Response] = handle) -> Response:
            return handle(exc)

        app.add_exception_handler(exc_type, handler)
