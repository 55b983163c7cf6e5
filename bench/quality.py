"""Quality report of a 10,000-frame job with 100,000 objects against its ground truth (target: <= 10 s).

    python bench/quality.py [--frames 10000] [--objects 100000] [--seed 0]   (make bench runs the defaults)

The ground truth holds boxes (80 %), polygons (10 %) and points (10 %) on 5 labels; the annotated job copies
it with perturbed geometry, misses (5 %), label swaps (3 %), attribute changes (3 %) and extra objects (3 %).
Both are saved through the storage layer. Timed: the report end to end from the database
(`services.quality.job_report`: load both jobs, read their objects, compare), the JSON answer the API would
send, and the parts one by one, the pure domain metrics among them. CPU seconds are printed next
to wall seconds: on a busy machine the wall clock also counts other processes. PostgreSQL is used instead of
SQLite when BENCH_PG_URL is set.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report

from annota.domain.quality import QualitySettings, compare, frame_objects_from_wire
from annota.services import quality
from annota.services.labels import create_labels
from annota.settings import Settings
from annota.storage import annotations, jobs, projects, tasks, users
from annota.storage.db import Database

LABELS = [
    {"name": name, "attributes": [{"name": "state", "kind": "select", "values": ["ok", "damaged"]}]}
    for name in ("car", "truck", "person", "bike", "sign")
]
TARGET_S = 10.0


def ground_truth(rng: random.Random, frames: int, objects: int, labels: list[int]) -> list[dict[str, Any]]:
    shapes = []
    for k in range(objects):
        frame = k * frames // objects
        x, y = rng.uniform(0, 1800), rng.uniform(0, 1000)
        w, h = rng.uniform(20, 120), rng.uniform(20, 120)
        base = {"id": f"r{k}", "label_id": rng.choice(labels), "frame": frame, "attributes": {"state": "ok"}}
        kind = rng.random()
        if kind < 0.8:
            shapes.append({**base, "kind": "rectangle", "points": [x, y, x + w, y + h]})
        elif kind < 0.9:
            ring = [x, y, x + w, y, x + w, y + h * 0.6, x + w / 2, y + h, x, y + h * 0.6]
            shapes.append({**base, "kind": "polygon", "points": ring})
        else:
            shapes.append({**base, "kind": "points", "points": [x, y]})
    return shapes


def annotated_copy(
    rng: random.Random, truth: list[dict[str, Any]], frames: int, labels: list[int]
) -> list[dict[str, Any]]:
    out = []
    for shape in truth:
        roll = rng.random()
        if roll < 0.05:
            continue  # missed
        copy = {**shape, "id": "a" + shape["id"][1:]}
        jitter = 1.5 if copy["kind"] != "points" else 2.0
        copy["points"] = [v + rng.gauss(0, jitter) for v in shape["points"]]
        if copy["kind"] == "rectangle":
            x1, y1, x2, y2 = copy["points"]
            copy["points"] = [min(x1, x2 - 1), min(y1, y2 - 1), x2, y2]
        if roll < 0.08:
            copy["label_id"] = rng.choice([label for label in labels if label != shape["label_id"]])
        elif roll < 0.11:
            copy["attributes"] = {"state": "damaged"}
        out.append(copy)
    for k in range(int(len(truth) * 0.03)):
        x, y = rng.uniform(0, 1800), rng.uniform(0, 1000)
        out.append(
            {
                "id": f"x{k}",
                "kind": "rectangle",
                "label_id": rng.choice(labels),
                "frame": rng.randrange(frames),
                "points": [x, y, x + 40, y + 40],
            }
        )
    return out


def seed(database: Database, frames: int, objects: int, rng: random.Random) -> quality.Comparison:
    with database.write() as session:
        owner = users.create_user(session, username="bench", password_hash="x")
        project = projects.create_project(session, owner_id=owner.id, name="quality")
        create_labels(session, project.id, LABELS, loc=("labels",))
        labels = sorted(projects.domain_labels(session, project.id))
        task = tasks.create_task(session, project.id, name="video", owner_id=owner.id)
        job = jobs.create_job(session, task.id, frame_start=0, frame_stop=frames - 1)
        truth = jobs.create_job(session, task.id, frame_start=0, frame_stop=frames - 1, kind="ground_truth")
        job_id, truth_id = job.id, truth.id
    reference = ground_truth(rng, frames, objects, labels)
    annotated = annotated_copy(rng, reference, frames, labels)
    for job_id_, shapes in ((truth_id, reference), (job_id, annotated)):
        with database.write() as session:
            annotations.save_diff(session, job_id_, 0, {"shapes": {"create": shapes}})
    with database.session() as session:
        return quality.comparison_for(session, job_id)


@contextmanager
def timed(into: dict[str, tuple[float, float]], name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into[name] = (time.perf_counter() - wall, time.process_time() - cpu)


def best_of(
    runs: int, measure: Callable[[], dict[str, tuple[float, float]]]
) -> dict[str, tuple[float, float]]:
    results = [measure() for _ in range(runs)]
    return {key: min((r[key] for r in results), key=lambda t: t[0]) for key in results[0]}


def run(frames: int, objects: int, seed_value: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="annota-bench-quality-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", database_url=os.environ.get("BENCH_PG_URL"))
        database = Database.open(settings)
        started = time.perf_counter()
        comparison = seed(database, frames, objects, random.Random(seed_value))
        seeded_s = time.perf_counter() - started
        print(f"  seeded {objects} reference objects on {frames} frames in {seeded_s:.1f} s")
        rules = QualitySettings()

        def measure() -> dict[str, tuple[float, float]]:
            t: dict[str, tuple[float, float]] = {}
            with database.session() as session:
                with timed(t, "end to end"):  # what POST /api/quality/reports computes
                    result = quality.job_report(session, comparison, rules)
                with timed(t, "answer as JSON"):
                    names = quality.label_names(session, comparison.project_id)
                    body = orjson.dumps(quality.job_to_dict(result, names))
                # the parts, one by one, with the garbage collector paused as job_report pauses it
                gc.disable()
                with timed(t, "load both jobs"):
                    a_doc = annotations.load_document(session, comparison.job_id)
                    r_doc = annotations.load_document(session, comparison.reference_job_id)
                with timed(t, "objects per frame"):
                    a = frame_objects_from_wire(a_doc, comparison.frames)
                    r = frame_objects_from_wire(r_doc, comparison.frames)
                del a_doc, r_doc
                labels = projects.domain_labels(session, comparison.project_id)
                with timed(t, "metrics (pure domain)"):
                    compare(a, r, comparison.frames, rules, labels)
                gc.enable()
            c = result.report.counts
            print(
                f"  precision {c.precision:.4f} recall {c.recall:.4f} mean IoU {c.mean_iou:.4f}, "
                f"{sum(c.conflicts.values())} conflicts, answer {len(body) / 1e6:.1f} MB"
            )
            return t

        figures = best_of(runs, measure)
        total = f"{frames} frames, {objects} objects"
        for name, (wall, cpu) in figures.items():
            target = f"<= {TARGET_S:g}" if name == "end to end" else None
            label = f"report {total}, end to end" if name == "end to end" else f"  {name}"
            report("quality", f"{label} (wall)", wall, "s", target)
            report("quality", f"{label} (CPU)", cpu, "s")
        database.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=10_000)
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the fastest is reported")
    args = parser.parse_args()
    run(args.frames, args.objects, args.seed, args.runs)
