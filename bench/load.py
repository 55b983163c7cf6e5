"""Load benchmark: simulated annotators against a real topology on loopback (issue 8 §7).

Each annotator (asyncio + httpx, a connection of its own) opens its own annotation job, reads the
thumbnails of its frames and the original of the frame it works on, and saves a diff of ~20 boxes
every few seconds (creating them, then moving them), going to the next frame every third save. One
background export (with images) runs during the load.

- scaled: PostgreSQL + S3 (moto) + Redis, `annota serve --api-processes 2 --workers 0` and
  `annota worker --processes 2` (tests/topology/cluster.py), 100 annotators; needs TEST_PG_URL,
  TEST_REDIS_URL and TEST_S3_URL (skipped without them);
- embedded: `annota serve DATA --workers 2` (SQLite, local files), 10 and 30 annotators.

Bounded: LOAD_SECONDS (default 60) of load per run. Run with `make bench` or `python bench/load.py`.
The simulated clients share the machine (and its CPUs) with the servers they measure.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from harness import percentile, report  # noqa: E402
from tests.topology.cluster import Cluster, Services, embedded, scaled  # noqa: E402
from tests.topology.workload import boxes, jpeg, project_with_images  # noqa: E402

BENCH = "load"
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
FRAMES_PER_JOB = 2
OBJECTS_PER_FRAME = 20
SAVE_EVERY_S = (2.0, 4.0)  # one save every few seconds, as a person drawing and correcting boxes
# uvicorn closes a connection idle for 5 s; a client (or proxy) that reuses one at that moment
# gets it closed under its request. Expire idle connections first, as nginx must (keepalive_timeout).
KEEPALIVE = httpx.Limits(keepalive_expiry=4.0)
RAMP_S = 10.0  # annotators start their sessions over the first seconds, not all at once


@dataclass
class Record:
    """Latencies (ms) and errors per request kind; `steady`: the latencies of requests sent after the ramp."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    steady: list[float] = field(default_factory=list)
    steady_from: float = field(default_factory=lambda: time.monotonic() + RAMP_S)

    async def call(self, kind: str, client: httpx.AsyncClient, method: str, path: str, **kw: Any) -> Any:
        started = time.perf_counter()
        try:
            answer = await client.request(method, path, **kw)
        except httpx.HTTPError as error:
            self.errors[f"{kind}: {type(error).__name__}"] += 1
            return None
        elapsed_ms = (time.perf_counter() - started) * 1000
        self.latencies[kind].append(elapsed_ms)
        if time.monotonic() - elapsed_ms / 1000 > self.steady_from:
            self.steady.append(elapsed_ms)
        if answer.status_code >= 400:
            self.errors[f"{kind}: {answer.status_code} {answer.text[:120]}"] += 1
            return None
        return answer


async def annotator(url: str, headers: dict[str, str], job: dict[str, Any], media: list[dict[str, Any]],
                    label: int, record: Record, stop_at: float) -> None:  # fmt: skip
    await asyncio.sleep(random.uniform(0, RAMP_S))
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60, limits=KEEPALIVE) as client:
        await record.call("open job", client, "GET", f"/api/jobs/{job['id']}")
        loaded = await record.call("load annotations", client, "GET", f"/api/jobs/{job['id']}/annotations")
        revision = loaded.headers["ETag"] if loaded is not None else '"0"'
        for item in media:
            await record.call("thumbnail", client, "GET", f"/api/media/{item['id']}/thumbnail")
        saves, frame_index, shapes = 0, 0, []
        while time.monotonic() < stop_at:
            item = media[frame_index % len(media)]
            if saves % 3 == 0:
                await record.call("original", client, "GET", f"/api/media/{item['id']}/original")
                shapes = boxes(label, item["frame"], OBJECTS_PER_FRAME)
                diff: dict[str, Any] = {"shapes": {"create": shapes}}
            else:
                shapes = [{**s, "points": [p + random.uniform(-2, 2) for p in s["points"]]} for s in shapes]
                diff = {"shapes": {"update": shapes}}
            await asyncio.sleep(random.uniform(*SAVE_EVERY_S))
            saved = await record.call(
                "save diff", client, "PATCH", f"/api/jobs/{job['id']}/annotations", json=diff,
                headers={"If-Match": revision},
            )  # fmt: skip
            if saved is None:
                return  # a lost save: counted as an error; this annotator stops rather than guess
            revision = saved.headers["ETag"]
            saves += 1
            frame_index += 1 if saves % 3 == 0 else 0


async def background_export(url: str, headers: dict[str, str], project_id: int, record: Record) -> float:
    await asyncio.sleep(SECONDS / 3)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60, limits=KEEPALIVE) as client:
        started = time.perf_counter()
        body = {"format": "coco", "with_images": True}
        answer = await record.call(
            "start export", client, "POST", f"/api/projects/{project_id}/exports", json=body
        )
        if answer is None:
            return float("nan")
        while True:
            polled = await record.call(
                "poll export", client, "GET", f"/api/background-jobs/{answer.json()['id']}"
            )
            if polled is None or polled.json()["status"] in ("succeeded", "failed", "cancelled"):
                break
            await asyncio.sleep(1.0)
        if polled is None or polled.json()["status"] != "succeeded":
            record.errors["export job"] += 1
        return time.perf_counter() - started


async def run_load(cluster: Cluster, annotators: int) -> tuple[Record, float, float]:
    with cluster.admin() as admin:
        images = [jpeg(i, 1280, 960) for i in range(annotators * FRAMES_PER_JOB)]
        world = project_with_images(admin, f"Load {annotators}", images, segment_size=FRAMES_PER_JOB)
    headers = cluster.auth_headers()
    by_frame = {item["frame"]: item for item in world["media"]}
    record = Record()
    stop_at = time.monotonic() + SECONDS
    started = time.perf_counter()
    frames = {
        job["id"]: [by_frame[f] for f in range(job["frame_start"], job["frame_stop"] + 1)]
        for job in world["jobs"]
    }
    car = world["labels"]["car"]
    people = [
        annotator(cluster.url, headers, job, frames[job["id"]], car, record, stop_at)
        for job in world["jobs"][:annotators]
    ]
    export = asyncio.create_task(background_export(cluster.url, headers, world["project"]["id"], record))
    await asyncio.gather(*people)
    elapsed = time.perf_counter() - started
    return record, elapsed, await export


def figures(topology: str, annotators: int, record: Record, elapsed: float, export_s: float) -> None:
    label = f"{topology} {annotators} annotators"
    requests = sum(len(values) for values in record.latencies.values())
    for kind in ("open job", "load annotations", "thumbnail", "original", "save diff", "poll export"):
        values = record.latencies.get(kind)
        if not values:
            continue
        report(BENCH, f"{label}: {kind} p50", percentile(values, 50), "ms")
        report(BENCH, f"{label}: {kind} p95", percentile(values, 95), "ms", "<= 200 ms")
        report(BENCH, f"{label}: {kind} p99", percentile(values, 99), "ms")
    every = [value for values in record.latencies.values() for value in values]
    report(BENCH, f"{label}: all requests p95", percentile(every, 95), "ms", "<= 200 ms")
    report(
        BENCH, f"{label}: all requests after the ramp p95", percentile(record.steady, 95), "ms", "<= 200 ms"
    )
    report(BENCH, f"{label}: errors", sum(record.errors.values()), "count", "0")
    report(BENCH, f"{label}: throughput", requests / elapsed, "req/s")
    report(BENCH, f"{label}: saves", len(record.latencies["save diff"]), "count")
    report(BENCH, f"{label}: background export with images", export_s, "s")
    for problem, count in record.errors.items():
        print(f"  error x{count}: {problem}")


def services() -> Services | None:
    urls = [os.environ.get(name) for name in ("TEST_PG_URL", "TEST_REDIS_URL", "TEST_S3_URL")]
    if not all(urls):
        return None
    return Services(pg_url=str(urls[0]), redis_url=str(urls[1]), s3_url=str(urls[2]))


def measure(cluster: Cluster, annotators: int) -> None:
    record, elapsed, export_s = asyncio.run(run_load(cluster, annotators))
    figures(cluster.kind, annotators, record, elapsed, export_s)
    if record.errors:
        problems = [line for line in cluster.log_text().splitlines() if "ERROR" in line or "Error" in line]
        print("  server log problems:\n    " + "\n    ".join(problems[-20:]))


def main(topologies: list[str]) -> None:
    """`python bench/load.py [scaled] [embedded]`: both when none is named."""
    print(f"annota load benchmark ({SECONDS:.0f} s of load per run, loopback, {os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory(prefix="annota-load-") as folder:
        engines = services()
        if "scaled" not in topologies:
            pass
        elif engines is None:
            print("  scaled: skipped (set TEST_PG_URL, TEST_REDIS_URL and TEST_S3_URL)")
        else:
            with scaled(Path(folder) / "scaled", engines) as cluster:
                measure(cluster, 100)
        for count in (10, 30) if "embedded" in topologies else ():
            with embedded(Path(folder) / f"embedded-{count}") as cluster:
                measure(cluster, count)


if __name__ == "__main__":
    main(sys.argv[1:] or ["scaled", "embedded"])
