"""API benchmark: diff saves, job loads, concurrent reads, and start-up time, on SQLite and PostgreSQL.

Run with `make bench` (or `python bench/api.py`). PostgreSQL runs when BENCH_PG_URL or TEST_PG_URL
names a server (a throwaway database is created on it and dropped afterwards).
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Client, Server, percentile, report, serve

BENCH = "api"
SAVE_ROUNDS = 40
LOAD_ROUNDS = 20
READERS = 20
READ_SECONDS = 8.0


def _job(server: Server, frames: int = 1) -> tuple[Client, int, int]:
    """A project with a 'car' label and a task of `frames` generated images; returns its job."""
    import io

    from PIL import Image

    client = Client(server.port, server.token)
    project = client.ok(
        "POST", "/api/projects", {"name": "bench", "labels": [{"name": "car", "kind": "rectangle"}]}
    )
    task = client.ok("POST", "/api/tasks", {"project_id": project["id"], "name": "t"})
    boundary = uuid.uuid4().hex
    parts = []
    for i in range(frames):
        image = io.BytesIO()
        Image.new("RGB", (4000, 3000), (i, 0, 0)).save(image, "JPEG", quality=50)
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{i}.jpg"\r\n'
            f"Content-Type: image/jpeg\r\n\r\n".encode()
            + image.getvalue()
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    client.connection.request(
        "POST", f"/api/tasks/{task['id']}/media", body=body,
        headers={"Authorization": client.headers["Authorization"],
                 "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    response = client.connection.getresponse()
    response.read()
    assert response.status == 201, response.status
    job = client.ok("GET", f"/api/jobs?task_id={task['id']}")["items"][0]
    label = client.ok("GET", f"/api/projects/{project['id']}/labels")[0]["id"]
    return client, job["id"], label


def _boxes(label: int, n: int, shift: float = 0.0) -> list[dict[str, Any]]:
    def box(i: int) -> list[float]:
        x, y = i % 100 * 30 + shift, i // 100 * 25 + shift
        return [x, y, x + 20, y + 18]

    return [
        {"id": str(uuid.uuid4()), "kind": "rectangle", "label_id": label, "frame": 0, "points": box(i),
         "rotation": 0.0, "attributes": {}}
        for i in range(n)
    ]  # fmt: skip


def _save(client: Client, job: int, revision: int, diff: dict[str, Any]) -> int:
    answer = client.ok("PATCH", f"/api/jobs/{job}/annotations", diff, {"If-Match": f'"{revision}"'})
    return int(answer["revision"])


def bench_saves_and_loads(server: Server, db: str) -> None:
    client, job, label = _job(server)
    shapes = _boxes(label, 500)
    revision = _save(client, job, 0, {"shapes": {"create": shapes}})
    timings = []
    for round_ in range(SAVE_ROUNDS):
        moved = [{**s, "points": [p + (round_ % 7) for p in s["points"]]} for s in shapes]
        started = time.perf_counter()
        revision = _save(client, job, revision, {"shapes": {"update": moved}})
        timings.append((time.perf_counter() - started) * 1000)
    report(BENCH, f"{db}: save 500-shape diff p50", percentile(timings, 50), "ms")
    report(BENCH, f"{db}: save 500-shape diff p95", percentile(timings, 95), "ms", "<= 50 ms")

    for _ in range(19):  # up to 10,000 shapes in the job
        revision = _save(client, job, revision, {"shapes": {"create": _boxes(label, 500)}})
    loads = []
    for _ in range(LOAD_ROUNDS):
        started = time.perf_counter()
        document = client.ok("GET", f"/api/jobs/{job}/annotations")
        loads.append((time.perf_counter() - started) * 1000)
    assert len(document["shapes"]) == 10_000
    report(BENCH, f"{db}: load job of 10,000 shapes p50", percentile(loads, 50), "ms")
    report(BENCH, f"{db}: load job of 10,000 shapes p95", percentile(loads, 95), "ms", "<= 300 ms")
    client.close()


def bench_concurrent_reads(server: Server, db: str) -> None:
    client, job, label = _job(server)
    _save(client, job, 0, {"shapes": {"create": _boxes(label, 50)}})
    client.close()
    counts = [0] * READERS
    errors = [0] * READERS
    stop = time.perf_counter() + READ_SECONDS

    def reader(index: int) -> None:
        own = Client(server.port, server.token)
        while time.perf_counter() < stop:
            status, _, _ = own.call("GET", f"/api/jobs/{job}/annotations")
            if status == 200:
                counts[index] += 1
            else:
                errors[index] += 1
        own.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    target = ">= 300 req/s" if db == "sqlite" else None
    metric = f"{db}: annotation reads/s, {READERS} clients (50-shape job)"
    report(BENCH, metric, sum(counts) / elapsed, "req/s", target)
    report(BENCH, f"{db}: errors during concurrent reads", float(sum(errors)), "count", "0")


@contextmanager
def postgres_database() -> Iterator[str | None]:
    url = os.environ.get("BENCH_PG_URL") or os.environ.get("TEST_PG_URL")
    if not url:
        print("  PostgreSQL: skipped (set BENCH_PG_URL or TEST_PG_URL to a server)")
        yield None
        return
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"annota_bench_{uuid.uuid4().hex[:8]}"
    admin_dsn = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> None:
    print("annota API benchmark (one `annota serve` process, loopback HTTP)")
    with serve() as server:
        report(
            BENCH, "sqlite: ready after start on an empty data dir", server.ready_s * 1000, "ms", "<= 3000 ms"
        )
        bench_saves_and_loads(server, "sqlite")
    with serve() as server:
        bench_concurrent_reads(server, "sqlite")
    with postgres_database() as url:
        if url:
            with serve(url) as server:
                report(
                    BENCH, "postgresql: ready after start on an empty database", server.ready_s * 1000, "ms"
                )
                bench_saves_and_loads(server, "postgresql")
    with postgres_database() as url:
        if url:
            with serve(url) as server:
                bench_concurrent_reads(server, "postgresql")


if __name__ == "__main__":
    main()
