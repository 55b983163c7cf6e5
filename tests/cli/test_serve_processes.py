"""`annota serve --api-processes 2`: two processes behind one port, sharing nothing but the database
and the queue, so that any request can land on either."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_processes(pid: int) -> list[int]:
    """The children of `pid` that uvicorn's supervisor started to serve (not multiprocessing's helpers)."""
    found = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in found if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    command = [sys.executable, "-m", "annota", "serve", str(tmp_path / "data"), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--api-processes", "2", "--workers", "0"], stdout=log, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while server.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/server/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        log.seek(0)
        output = log.read()
        password = re.search(r"password: (\S+)", output)
        if server.poll() is not None or password is None:
            pytest.fail(f"annota serve did not start:\n{output}", pytrace=False)
        yield url, password.group(1), server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_two_processes_serve_one_port_and_share_sessions_and_data(
    two_processes: tuple[str, str, subprocess.Popen[str]],
) -> None:
    url, password, server = two_processes
    with httpx.Client(base_url=url, timeout=30) as client:
        signed_in = client.post("/api/auth/login", json={"username": "admin", "password": password})
        assert signed_in.status_code == 200, signed_in.text
        headers = {"X-CSRF-Token": client.cookies.get("annota_csrf") or ""}
        created = client.post("/api/projects", json={"name": "Shared"}, headers=headers)
        assert created.status_code == 201, created.text

        answers = [client.get(f"/api/projects/{created.json()['id']}") for _ in range(40)]

    assert {answer.status_code for answer in answers} == {200}
    assert len(server_processes(server.pid)) == 2
