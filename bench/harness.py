"""Shared by the benchmarks: a real `annota serve` process, a keep-alive JSON client, figures out."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    """One keep-alive HTTP connection speaking JSON with a bearer token."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any, dict[str, str]]:
        payload = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, body=payload, headers={**self.headers, **(headers or {})})
        response = self.connection.getresponse()
        data = response.read()
        parsed = (
            json.loads(data)
            if data and response.getheader("content-type", "").startswith("application/json")
            else data
        )
        return response.status, parsed, dict(response.getheaders())

    def ok(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        status, parsed, _ = self.call(method, path, body, headers)
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status} {parsed}")
        return parsed

    def close(self) -> None:
        self.connection.close()


@dataclass
class Server:
    port: int
    data_dir: Path
    token: str
    ready_s: float


@contextmanager
def serve(db_url: str | None = None) -> Iterator[Server]:
    """`annota serve` on an empty data directory; measures the time to the first answered request."""
    with tempfile.TemporaryDirectory(prefix="annota-bench-") as folder:
        data_dir = Path(folder) / "data"
        port = free_port()
        command = [sys.executable, "-m", "annota", "serve", str(data_dir), "--port", str(port)]
        if db_url:
            command += ["--db", db_url]
        log = open(Path(folder) / "server.log", "w+")  # noqa: SIM115 - closed in finally
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        try:
            ready_s = _wait_ready(port, process, started)
            log.seek(0)
            match = re.search(r"password: (\S+)", log.read())
            if match is None:
                raise RuntimeError("no admin password printed (the database was not empty?)")
            token = _token(port, match.group(1))
            yield Server(port=port, data_dir=data_dir, token=token, ready_s=ready_s)
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()


def _wait_ready(port: int, process: subprocess.Popen[bytes], started: float) -> float:
    while time.perf_counter() - started < 60:
        if process.poll() is not None:
            raise RuntimeError("annota serve exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/api/server/health")
            if connection.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("annota serve was not ready within 60 s")


def _token(port: int, password: str) -> str:
    client = Client(port)
    body = json.dumps({"username": "admin", "password": password}).encode()
    client.connection.request("POST", "/api/auth/login", body=body, headers=client.headers)
    response = client.connection.getresponse()
    response.read()
    cookies = dict(c.split(";")[0].split("=", 1) for c in response.msg.get_all("Set-Cookie") or [])
    client.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    client.headers["X-CSRF-Token"] = cookies.get("annota_csrf", "")
    token = client.ok("POST", "/api/tokens", {"name": "bench"})["token"]
    client.close()
    return str(token)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def report(bench: str, metric: str, value: float, unit: str, target: str | None = None) -> None:
    """Prints a figure and appends it to bench/results/<bench>.jsonl."""
    line = f"  {metric:<48} {value:>10.2f} {unit:<6}" + (f"  target {target}" if target else "")
    print(line, flush=True)
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / f"{bench}.jsonl").open("a") as out:
        record = {"bench": bench, "metric": metric, "value": round(value, 4), "unit": unit, "target": target,
                  "at": time.strftime("%Y-%m-%dT%H:%M:%S")}  # fmt: skip
        out.write(json.dumps(record) + "\n")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
