"""Browser tests: a real `annota serve --demo` on a free loopback port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.services import services_required

CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
WEB_DIST = Path(__file__).resolve().parents[2] / "src" / "annota" / "web_dist" / "index.html"


def chromium_or_skip() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if shutil.which(path) or Path(path).is_file():
        return path
    reason = f"Chromium not found at {path}: apt install chromium (CI installs it)"
    if services_required():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    return {**browser_type_launch_args, "executable_path": chromium_or_skip(), "args": CHROMIUM_ARGS}


@dataclass(frozen=True)
class Server:
    url: str
    data_dir: Path
    username: str
    password: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not WEB_DIST.is_file():
        pytest.fail("the web app is not built: run `make web` (make test builds it first)", pytrace=False)
    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    port = _free_port()
    log = (data_dir.parent / "server.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "annota", "serve", str(data_dir), "--port", str(port), "--demo"],
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        log.seek(0)
        output = log.read()
        password = re.search(r"password: (\S+)", output)
        if process.poll() is not None or password is None:
            pytest.fail(f"annota serve did not start:\n{output}", pytrace=False)
        yield Server(url=url, data_dir=data_dir, username="admin", password=password.group(1))
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
