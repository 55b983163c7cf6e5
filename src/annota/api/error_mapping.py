"""Typed errors of the lower layers, answered in the one error shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fastapi import FastAPI, Request
from starlette.responses import Response

from annota.api.errors import error_item, error_response
from annota.auth.errors import CsrfFailed, Forbidden, Hidden, NotAuthenticated
from annota.storage.errors import Conflict, Invalid, NotFound, StaleRevision


def _items(problems: Sequence[object]) -> list[dict[str, object]]:
    return [error_item(p.loc, p.msg, p.type) for p in problems]  # type: ignore[attr-defined]


Mapper = Callable[[Exception], Response]


def _mappers() -> dict[type[Exception], Mapper]:
    from annota.domain.problems import DomainValidationError
    from annota.media.problems import MediaIngestError

    def located(exc: Exception) -> Response:
        return error_response(422, _items(exc.problems))  # type: ignore[attr-defined]

    return {
        NotAuthenticated: lambda e: error_response(
            401, [error_item((), str(e), "not_authenticated")], {"WWW-Authenticate": "Bearer"}
        ),
        CsrfFailed: lambda e: error_response(
            403, [error_item(("header", "X-CSRF-Token"), "missing or wrong CSRF token", "csrf_failed")]
        ),
        Forbidden: lambda e: error_response(403, [error_item((), str(e), "forbidden")]),
        Hidden: lambda e: error_response(404, [error_item(("path", e.entity), f"{e.entity} not found", "not_found")]),  # type: ignore[attr-defined]
        NotFound: lambda e: error_response(404, [error_item(("path", e.entity), f"{e.entity} not found", "not_found")]),  # type: ignore[attr-defined]
        Conflict: lambda e: error_response(409, [error_item((), str(e), "conflict")]),
        StaleRevision: lambda e: error_response(
            409,
            [error_item(("header", "If-Match"), str(e), "stale_revision")],
            {"ETag": f'"{e.current}"'},  # type: ignore[attr-defined]
        ),
        Invalid: located,
        DomainValidationError: located,
        MediaIngestError: located,
    }


def install_error_mapping(app: FastAPI) -> None:
    for exc_type, mapper in _mappers().items():

        async def handler(_: Request, exc: Exception, mapper: Mapper = mapper) -> Response:
            return mapper(exc)

        app.add_exception_handler(exc_type, handler)
