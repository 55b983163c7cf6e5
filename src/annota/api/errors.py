"""The one JSON error shape of the HTTP API.

Every error answer — validation, auth, not found, conflict, crash — is
`{"ok": false, "status": <int>, "errors": [{"loc": [...], "msg": "...", "type": "..."}]}`.
A 500 never echoes the exception message: it may carry paths or data from another organisation.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from annota.api.responses import OrjsonResponse

log = logging.getLogger("annota.api")

Loc = Sequence[str | int]


class ApiError(Exception):
    """An error the API answers with, in the one error shape."""

    def __init__(
        self,
        status: int,
        msg: str,
        type: str,
        loc: Loc = (),
        *,
        errors: Iterable[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(msg)
        self.status = status
        self.errors = list(errors) if errors is not None else [error_item(loc, msg, type)]
        self.headers = headers


def error_item(loc: Loc, msg: str, type: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": type}


def not_found(entity: str, ident: object = None) -> ApiError:
    loc = ("path", entity) if ident is None else ("path", entity, str(ident))
    return ApiError(404, f"{entity} not found", "not_found", loc)


def error_response(
    status: int, errors: list[dict[str, Any]], headers: dict[str, str] | None = None
) -> OrjsonResponse:
    return OrjsonResponse(
        {"ok": False, "status": status, "errors": errors}, status_code=status, headers=headers
    )


_HTTP_TYPES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    428: "precondition_required",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> OrjsonResponse:
        return error_response(exc.status, exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> OrjsonResponse:
        items = [
            error_item(e.get("loc", ()), e.get("msg", "invalid"), e.get("type", "invalid"))
            for e in exc.errors()
        ]
        return error_response(422, items)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> OrjsonResponse:
        kind = _HTTP_TYPES.get(exc.status_code, "http_error")
        msg = exc.detail if isinstance(exc.detail, str) else kind.replace("_", " ")
        return error_response(exc.status_code, [error_item((), msg, kind)], getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> OrjsonResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, [error_item((), "internal server error", "internal_error")])
