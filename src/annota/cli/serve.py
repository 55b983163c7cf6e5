"""`annota serve`: the HTTP server (API + web app)."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import click

from annota.api.processes import FACTORY, SETTINGS_ENV, settings_to_json
from annota.auth import accounts
from annota.cli.context import config_option, settings_from
from annota.logs import configure_logging
from annota.settings import Settings
from annota.storage.db import Database

DEMO_CREDENTIALS = "demo-credentials.txt"


@click.command()
@click.argument(
    "data_arg", metavar="[DATA_DIR]", required=False, type=click.Path(file_okay=False, path_type=Path)
)
@config_option
@click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
    show_default="annota-data", help="Data directory (same as DATA_DIR).",
)  # fmt: skip
@click.option("--db", "db_url", metavar="URL", help="Database URL (default: SQLite in DATA_DIR).")
@click.option("--host", show_default="127.0.0.1")
@click.option("--port", show_default="8080", type=click.IntRange(1, 65535))
@click.option("--share-root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Server folder that tasks may import media from.")  # fmt: skip
@click.option("--demo", is_flag=True, help="On an empty data directory, create a demo project.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(0, 64), envvar="ANNOTA_WORKERS",
              help="Background job threads in this process (0: run `annota worker` separately).")  # fmt: skip
@click.option("--api-processes", type=click.IntRange(1, 256), metavar="N",
              help="HTTP server processes sharing the port (default: setting api_processes).")  # fmt: skip
def serve(
    data_arg: Path | None,
    data_dir: Path | None,
    db_url: str | None,
    host: str | None,
    port: int | None,
    share_root: Path | None,
    demo: bool,
    workers: int,
    api_processes: int | None,
) -> None:
    """Serve annota on http://HOST:PORT. The first start on an empty data directory creates an
    `admin` user and prints its password once."""
    import uvicorn

    from annota.api.app import create_app
    from annota.jobs.queue import open_queue
    from annota.jobs.workers import embedded_workers

    settings = settings_from(
        data_arg or data_dir, db_url, host=host, port=port, share_root=share_root, api_processes=api_processes
    )
    configure_logging(settings)
    database = Database.open(settings)
    _first_start(settings, database, demo)
    queue = open_queue(settings)
    processes = settings.api_processes
    click.echo(
        f"annota is serving on http://{settings.host}:{settings.port}"
        + (f" ({processes} API processes)" if processes > 1 else "")
    )
    try:
        with embedded_workers(settings, database, queue, workers):
            if processes > 1:
                os.environ[SETTINGS_ENV] = settings_to_json(settings)
                uvicorn.run(
                    FACTORY,
                    factory=True,
                    workers=processes,
                    # A process must answer the supervisor's ping within this: generous, for busy
                    # machines (a slow start is not a dead process).
                    timeout_worker_healthcheck=60,
                    **_uvicorn_options(settings),
                )
            else:
                app = create_app(settings, database=database)
                app.state.job_queue = queue
                # Everything loaded so far lives for the whole process: keep the collector from
                # rescanning it on every large annotation load.
                gc.freeze()
                uvicorn.run(app, **_uvicorn_options(settings))
    finally:
        queue.close()
        database.dispose()


# Longer than the idle keep-alive of the proxies in front (nginx: 60 s), so that the proxy, never
# annota, closes an idle connection: a request sent on a connection closed at that moment is lost.
KEEP_ALIVE_S = 75


def _uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "timeout_keep_alive": KEEP_ALIVE_S,
    }


def _first_start(settings: Settings, database: Database, demo: bool) -> None:
    with database.write() as session:
        password = accounts.ensure_first_admin(session)
    credentials = settings.data_dir / DEMO_CREDENTIALS
    if password is not None:
        click.echo("Created the administrator account.")
        click.echo("  username: admin")
        click.echo(f"  password: {password}   (shown once: write it down, then change it)")
        if demo:
            credentials.write_text(f"admin\n{password}\n")
            credentials.chmod(0o600)
    if demo:
        from annota.services.demo import ensure_demo

        ensure_demo(settings, database)
        if credentials.is_file() and password is None:
            username, stored = credentials.read_text().splitlines()[:2]
            click.echo(f"Demo login: {username} / {stored}   (from {credentials})")
