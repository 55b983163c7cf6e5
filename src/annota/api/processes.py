"""Several API processes behind one port: `annota serve --api-processes N`.

uvicorn's supervisor starts N processes that share the listening socket; each builds its own app, with
its own database connections and queue handle, from the settings the parent resolved (handed over as
JSON in an environment variable, so every process serves the very same configuration). Nothing a
request needs lives in one process's memory: sessions, job progress and notifications are in the
database, the queue in its file or in Redis. The parent migrates the database first and runs the
embedded worker threads, if any.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from annota.logs import configure_logging
from annota.settings import Settings

SETTINGS_ENV = "ANNOTA_SERVE_SETTINGS"
FACTORY = "annota.api.processes:app_of_this_process"


def settings_to_json(settings: Settings) -> str:
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in values.items()})


def settings_from_json(text: str) -> Settings:
    values: dict[str, Any] = json.loads(text)
    paths = {f.name for f in dataclasses.fields(Settings) if "Path" in str(f.type)}
    for name in paths & values.keys():
        if values[name] is not None:
            values[name] = Path(values[name])
    return Settings(**values)


def app_of_this_process() -> FastAPI:
    """The uvicorn factory each API process calls."""
    from annota.api.app import create_app
    from annota.jobs.queue import open_queue
    from annota.storage.db import Database

    settings = settings_from_json(os.environ[SETTINGS_ENV])
    configure_logging(settings)
    app = create_app(settings, database=Database.open(settings, migrate=False))
    app.state.job_queue = open_queue(settings)
    gc.freeze()  # see `annota serve`: what is loaded now lives as long as the process
    return app
