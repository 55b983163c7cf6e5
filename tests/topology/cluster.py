"""A real annota topology on loopback, as subprocesses on free ports.

- **embedded**: `annota serve DATA --workers 2` (SQLite, local files, the embedded queue);
- **scaled**: a PostgreSQL database of its own (created on the server of `Services.pg_url`, dropped
  afterwards), a bucket of its own on `Services.s3_url`, Redis `Services.redis_url` with a queue name
  of its own, `annota serve --api-processes 2 --workers 0` and `annota worker --processes 2`, all
  reading one TOML file (`ANNOTA_CONFIG`).

Used by the topology tests and by `bench/load.py`; imports nothing of pytest.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx

START_TIMEOUT_S = 120.0
S3_CREDENTIALS = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}


class ClusterError(RuntimeError):
    """A process of the topology did not start or stop as it should; the message holds its log."""


@dataclass(frozen=True)
class Services:
    """The engines the scaled topology runs on (the URLs CI exports as TEST_*_URL)."""

    pg_url: str
    redis_url: str
    s3_url: str


@dataclass
class Cluster:
    """A running topology: its URL, the admin's password, its processes and their logs."""

    kind: str
    folder: Path
    data_dir: Path
    url: str
    password: str
    serve: subprocess.Popen[bytes]
    environment: dict[str, str]
    config: Path | None = None
    bucket: str | None = None
    services: Services | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def admin(self, **options: object) -> httpx.Client:
        """An HTTP client signed in as the admin with a fresh API token (a connection pool of its own)."""
        return httpx.Client(base_url=self.url, headers=self.auth_headers(), timeout=60, **options)  # type: ignore[arg-type]

    def auth_headers(self) -> dict[str, str]:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            login = client.post("/api/auth/login", json={"username": "admin", "password": self.password})
            if login.status_code != 200:
                raise ClusterError(f"admin login: {login.status_code} {login.text}")
            csrf = {"X-CSRF-Token": client.cookies.get("annota_csrf") or ""}
            created = client.post(
                "/api/tokens", json={"name": f"topology-{uuid.uuid4().hex[:6]}"}, headers=csrf
            )
            if created.status_code != 201:
                raise ClusterError(f"token: {created.status_code} {created.text}")
        return {"Authorization": f"Bearer {created.json()['token']}"}

    def start_worker(self, *more: str) -> subprocess.Popen[bytes]:
        """One more `annota worker --processes 2` on the topology's configuration (scaled only)."""
        if self.config is None:
            raise ClusterError(f"the {self.kind} topology runs its workers inside `annota serve`")
        log = self.folder / f"worker-{len(self.logs)}.log"
        command = ["worker", "--config", str(self.config), "--processes", "2", *more]
        worker = _spawn(command, log, self.environment)
        self.workers.append(worker)
        self.logs.append(log)
        _wait_for_line(worker, log, "annota worker:")
        return worker

    def kill_workers(self) -> None:
        """SIGKILL every worker process, parents and children, as a machine that dies would."""
        for worker in self.workers:
            for pid in [*children(worker.pid), worker.pid]:
                _kill(pid)
            worker.wait(timeout=30)
        self.workers.clear()

    def api_processes(self) -> list[int]:
        """The HTTP server processes under `annota serve` (uvicorn's spawned children)."""
        return spawned(self.serve.pid)

    def log_text(self) -> str:
        return "\n".join(
            f"----- {log.name} -----\n{log.read_text(errors='replace')[-20_000:]}" for log in self.logs
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def spawned(pid: int) -> list[int]:
    """The children of `pid` that multiprocessing spawned (not its resource tracker)."""
    found = []
    for child in children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
        except FileNotFoundError:
            continue
    return found


@contextmanager
def embedded(folder: Path) -> Iterator[Cluster]:
    """`annota serve DATA --workers 2` on an empty data directory."""
    folder.mkdir(parents=True, exist_ok=True)
    data_dir, port = folder / "data", free_port()
    environment = _clean_environment()
    log = folder / "serve.log"
    serve = _spawn(["serve", str(data_dir), "--port", str(port), "--workers", "2"], log, environment)
    cluster = Cluster(
        "embedded", folder, data_dir, f"http://127.0.0.1:{port}", "", serve, environment, logs=[log]
    )
    try:
        cluster.password = _wait_ready(cluster, serve, log)
        yield cluster
    finally:
        _stop(cluster)


@contextmanager
def scaled(folder: Path, services: Services, *, stale_after_s: float = 30.0) -> Iterator[Cluster]:
    """PostgreSQL + S3 + Redis, 2 API processes and 2 worker processes, one configuration file."""
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex[:10]
    queue_name = f"topology-{name}"
    with _database(services.pg_url, f"annota_topology_{name}") as database_url:
        bucket = f"annota-topology-{name}"
        _s3(services.s3_url).create_bucket(Bucket=bucket)
        config = folder / "annota.toml"
        config.write_text(
            f'data_dir = "{folder / "data"}"\n'
            f'database_url = "{database_url}"\n'
            f'media_url = "s3://{bucket}/media"\n'
            f's3_endpoint_url = "{services.s3_url}"\n'
            's3_region = "us-east-1"\ns3_access_key_id = "test"\ns3_secret_access_key = "test"\n'
            f'queue_url = "{services.redis_url}"\n'
            "api_processes = 2\nworker_processes = 2\n"
            f'[extra]\nqueue_name = "{queue_name}"\n'
        )
        environment = {**_clean_environment(), "ANNOTA_CONFIG": str(config)}
        port, log = free_port(), folder / "serve.log"
        command = ["serve", "--port", str(port), "--api-processes", "2", "--workers", "0"]
        serve = _spawn(command, log, environment)
        cluster = Cluster(
            "scaled", folder, folder / "data", f"http://127.0.0.1:{port}", "", serve, environment,
            config=config, bucket=bucket, services=services, logs=[log],
        )  # fmt: skip
        try:
            cluster.password = _wait_ready(cluster, serve, log)
            cluster.start_worker("--stale-after", str(stale_after_s))
            yield cluster
        finally:
            _stop(cluster)
            _flush_queue(services.redis_url, queue_name, folder)
            _empty_bucket(services.s3_url, bucket)


def bucket_keys(cluster: Cluster) -> list[str]:
    """Every object key in the scaled topology's bucket."""
    if cluster.services is None or cluster.bucket is None:
        raise ClusterError(f"the {cluster.kind} topology keeps its media in local files")
    pages = _s3(cluster.services.s3_url).get_paginator("list_objects_v2").paginate(Bucket=cluster.bucket)
    return [entry["Key"] for page in pages for entry in page.get("Contents", [])]


def _clean_environment() -> dict[str, str]:
    """This environment without annota's settings (the topology's come from its own file or flags)."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("ANNOTA_")}
    return {**kept, "PYTHONUNBUFFERED": "1"}


def _spawn(arguments: list[str], log: Path, environment: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "annota", *arguments],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )


def _wait_ready(cluster: Cluster, serve: subprocess.Popen[bytes], log: Path) -> str:
    """Waits for `/api/server/ready`; returns the admin password the first start printed."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if serve.poll() is not None:
            raise ClusterError(f"annota serve exited with {serve.returncode}:\n{cluster.log_text()}")
        try:
            if httpx.get(f"{cluster.url}/api/server/ready", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise ClusterError(f"annota serve not ready after {START_TIMEOUT_S} s:\n{cluster.log_text()}")
        time.sleep(0.2)
    password = re.search(r"password: (\S+)", log.read_text(errors="replace"))
    if password is None:
        raise ClusterError(f"annota serve printed no admin password:\n{cluster.log_text()}")
    return password.group(1)


def _wait_for_line(process: subprocess.Popen[bytes], log: Path, text: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while text not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise ClusterError(f"{log.name}: no '{text}' (exit {process.returncode}):\n{_tail(log)}")
        time.sleep(0.1)


def _stop(cluster: Cluster) -> None:
    """SIGTERM every process (workers first), SIGKILL what is still there after 30 s."""
    for process in [*cluster.workers, cluster.serve]:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in [*cluster.workers, cluster.serve]:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            for pid in [*children(process.pid), process.pid]:
                _kill(pid)
            process.wait(timeout=10)


def _kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-20_000:]


@contextmanager
def _database(server_url: str, name: str) -> Iterator[str]:
    """A database of its own on the server of `server_url`, dropped afterwards (never the shared one)."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(server_url)
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _s3(endpoint: str):  # type: ignore[no-untyped-def]  # boto3 clients are built at run time
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, **S3_CREDENTIALS)


def _empty_bucket(endpoint: str, bucket: str) -> None:
    client = _s3(endpoint)
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=entry["Key"])
    client.delete_bucket(Bucket=bucket)


def _flush_queue(redis_url: str, queue_name: str, folder: Path) -> None:
    from annota.jobs.queue import open_queue
    from annota.settings import Settings

    queue = open_queue(Settings(data_dir=folder / "flush", extra={"queue_name": queue_name}), url=redis_url)
    queue.huey.flush()
    queue.close()
