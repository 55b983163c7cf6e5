"""The app factory: everything is built here from explicit settings, nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from annota import __version__
from annota.api.error_mapping import install_error_mapping
from annota.api.errors import install_error_handlers
from annota.api.metrics import install_metrics
from annota.api.routes import ROUTERS
from annota.api.spa import mount_web_app
from annota.settings import Settings
from annota.storage.db import Database
from annota.storage.media_stores import media_store_for

WEB_DIST = Path(__file__).resolve().parent.parent / "web_dist"


def create_app(settings: Settings, *, database: Database | None = None) -> FastAPI:
    """An annota server for `settings`. Pass `database` to share one already open (tests, CLI)."""
    owns_database = database is None
    db = database if database is not None else Database.open(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_database:
            db.dispose()

    app = FastAPI(
        title="annota",
        version=__version__,
        description="Image and video annotation: projects, tasks, jobs, annotations.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.database = db
    app.state.media_store = media_store_for(settings)
    install_metrics(app, db)
    install_error_handlers(app)
    install_error_mapping(app)
    for router in ROUTERS:
        app.include_router(router)
    mount_web_app(app, settings.web_dist or WEB_DIST)
    return app
