"""Readiness: can this process serve? (`/api/server/health` only says it is alive.)

A load balancer takes a process out of rotation while /api/server/ready answers 503; the body
names each dependency and what went wrong, never an exception's text (it may hold a URL).
"""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from annota.storage.db import Database
from annota.storage.media_stores import LocalMediaStore, MediaStore

log = logging.getLogger("annota.health")

router = APIRouter(prefix="/api/server", tags=["server"])


class Check(BaseModel):
    name: str
    ok: bool
    detail: str
    duration_ms: float


class Readiness(BaseModel):
    status: str
    checks: list[Check]


@router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}})
def ready(request: Request) -> JSONResponse:
    checks = [_check_database(request.app.state.database), _check_media_store(request.app.state.media_store)]
    ok = all(check.ok for check in checks)
    body = Readiness(status="ready" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


def _check_database(database: Database) -> Check:
    started = time.perf_counter()
    try:
        with database.session() as session:
            session.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "not ready"; the reason goes to the log, not to callers
        log.warning("readiness: the database is unreachable: %s", error)
        return _done("database", started, f"unreachable ({type(error).__name__})", ok=False)
    return _done("database", started, database.dialect, ok=True)


def _check_media_store(store: MediaStore) -> Check:
    started = time.perf_counter()
    try:
        if isinstance(store, LocalMediaStore):
            store.root.mkdir(parents=True, exist_ok=True)
            if not store.root.is_dir():
                raise NotADirectoryError(store.root)
            detail = "local files"
        else:  # S3 (imported only by S3 deployments)
            store.check()  # type: ignore[attr-defined]
            detail = f"s3 bucket {store.bucket}"  # type: ignore[attr-defined]
    except Exception as error:  # any failure means "not ready"; the reason goes to the log, not to callers
        log.warning("readiness: the media store is unavailable: %s", error)
        return _done("media_store", started, f"unavailable ({type(error).__name__})", ok=False)
    return _done("media_store", started, detail, ok=True)


def _done(name: str, started: float, detail: str, *, ok: bool) -> Check:
    return Check(
        name=name, ok=ok, detail=detail, duration_ms=round((time.perf_counter() - started) * 1000, 2)
    )
