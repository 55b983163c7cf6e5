"""Dataset formats at scale: export and import COCO, YOLO, CVAT XML and native, from and into the database.

    python bench/formats.py            100,000 boxes, 1M boxes, 50,000 polygons; SQLite and PostgreSQL
    python bench/formats.py --quick    100,000 boxes only (10,000 images x 10)

Datasets: ``boxes-100k`` (10,000 images x 10 boxes), ``boxes-1m`` (100,000 images x 10 boxes) and
``polygons`` (10,000 images x 5 polygons of 40 points), one label, in a task "source train" (subset
``train``) of jobs of 1,000 frames. Media rows are created in the database (one blob recorded, no files), so
imports are annotation-only: they match the dataset's items to that media by name.

Each run is its own process: an export reads a database seeded with the annotations; an import writes into
a fresh copy of one that holds the media only (an SQLite file copy, or a PostgreSQL ``CREATE DATABASE ...
TEMPLATE``), both made before the clock starts. Wall and CPU seconds are those of the export or import call
(CPU: all the child's threads); peak RSS is the whole child's (VmHWM, start-up included). Beside every
dataset, the floor: what orjson alone takes to dump and to parse the same data (the COCO document our
export wrote), with the garbage collector on, as a plain ``orjson.loads`` runs. PostgreSQL runs when
BENCH_PG_URL or TEST_PG_URL names a server: throwaway databases are created on it and dropped (never the
named database itself).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report

BENCH = "formats"
FORMATS = ("coco", "yolo", "cvat_images", "native")
MB = 1024 * 1024


@dataclass(frozen=True)
class Spec:
    name: str
    images: int
    per_image: int
    points: int  # 0: boxes, else polygons of this many points
    export_target: float | None
    import_target: float | None

    @property
    def shapes(self) -> int:
        return self.images * self.per_image


SPECS = {
    "boxes-100k": Spec("boxes-100k", 10_000, 10, 0, 1.0, 1.0),
    "boxes-1m": Spec("boxes-1m", 100_000, 10, 0, 5.0, 10.0),
    "polygons": Spec("polygons", 10_000, 5, 40, None, None),
}
# The 1M-box targets are for COCO; the 1-second targets hold for every format.
COCO_ONLY = {"boxes-1m"}


# -- seeding (not timed) ----------------------------------------------------------------------------------


def seed(url: str, spec: Spec, with_shapes: bool) -> None:
    """Project "source" (label car), task "source train", `spec.images` media rows, and the shapes."""
    from sqlalchemy import insert

    from annota.formats.records import shape_record
    from annota.services.dataset_rows import RowWriter
    from annota.settings import Settings
    from annota.storage import projects, tasks, users
    from annota.storage.db import Database
    from annota.storage.tables import Blob, Job, MediaItem

    database = Database.open(Settings(data_dir=Path(tempfile.gettempdir()), database_url=url))
    with database.write() as session:
        owner = users.create_user(session, username="bench", password_hash="x")
        project = projects.create_project(session, owner_id=owner.id, name="source")
        label = projects.create_label(session, project.id, name="car", color="#ff0000")
        task = tasks.create_task(
            session, project.id, name="source train", owner_id=owner.id, subset="train", segment_size=1000
        )
        session.execute(insert(Blob), [{"content_hash": "0" * 64, "size_bytes": 1, "mime": "image/jpeg"}])
        for start in range(0, spec.images, 20_000):
            rows = [
                {"task_id": task.id, "frame": i, "name": f"img{i:06d}.jpg", "content_hash": "0" * 64,
                 "width": 1920, "height": 1080, "mime": "image/jpeg", "size_bytes": 1}
                for i in range(start, min(start + 20_000, spec.images))
            ]  # fmt: skip
            session.execute(insert(MediaItem), rows)
        jobs = tasks.split_into_jobs(session, task, spec.images)
        if with_shapes:
            writer = RowWriter(session.connection())
            for job in jobs:
                for frame in range(job.frame_start, job.frame_stop + 1):
                    for k in range(spec.per_image):
                        kind, fields = shape_geometry(spec, frame, k)
                        writer.shape(job.id, label.id, frame, shape_record(kind, label.id, fields), fields)
            writer.flush()
            session.query(Job).update({Job.revision: 1})
    settle(database)
    database.dispose()


def settle(database: Any) -> None:
    """What a live database has done by the time someone exports: statistics gathered, WAL checkpointed."""
    if database.dialect == "postgresql":
        with database.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("VACUUM ANALYZE")
            connection.exec_driver_sql("CHECKPOINT")
        return
    raw = database.engine.raw_connection()  # outside any transaction: a checkpoint cannot run inside one
    try:
        cursor = raw.cursor()
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()


def shape_geometry(spec: Spec, frame: int, k: int) -> tuple[str, dict[str, Any]]:
    """Varied coordinates (a real dataset's numbers do not repeat), inside a 1920 x 1080 image."""
    x = (frame * 37 + k * 181) % 1700 + 0.25 * (k % 4)
    y = (frame * 53 + k * 97) % 900 + 0.5 * (frame % 2)
    if not spec.points:
        return "rectangle", {"points": [x, y, x + 20.5 + k * 7, y + 30.25 + k * 5], "rotation": 0.0}
    points: list[float] = []
    for p in range(spec.points):
        angle = 2 * math.pi * p / spec.points
        radius = 60.0 + 15.0 * ((p * 7 + frame) % 5) / 4
        points += [round(x + 100 + radius * math.cos(angle), 2), round(y + 100 + radius * math.sin(angle), 2)]
    return "polygon", {"points": points}


# -- databases --------------------------------------------------------------------------------------------


class SqliteDatabases:
    """Template databases as files; a run's database is a copy of one."""

    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def url(self, name: str) -> str:
        return f"sqlite:///{self.folder / name}.db"

    def copy(self, template: str, name: str) -> str:
        for suffix in (".db", ".db-wal", ".db-shm"):
            source = self.folder / f"{template}{suffix}"
            if source.exists():
                shutil.copyfile(source, self.folder / f"{name}{suffix}")
        return self.url(name)

    def drop(self, name: str) -> None:
        for suffix in (".db", ".db-wal", ".db-shm"):
            (self.folder / f"{name}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """The folder goes with the run's temporary directory."""


class PostgresDatabases:
    """Throwaway databases on the server of `url`, all named with this run's prefix, dropped at the end."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        import uuid

        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = self.base.set(drivername="postgresql").render_as_string(hide_password=False)
        self.prefix = f"annota_bench_formats_{uuid.uuid4().hex[:8]}_"
        self.made: set[str] = set()

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as connection:
            connection.execute(statement)

    def url(self, name: str) -> str:
        full = self.prefix + name
        if full not in self.made:
            self._sql(f'CREATE DATABASE "{full}"')
            self.made.add(full)
        return self.base.set(database=full).render_as_string(hide_password=False)

    def copy(self, template: str, name: str) -> str:
        full = self.prefix + name
        # FILE_COPY checkpoints first and copies files: the timed run does not flush the copy's pages.
        self._sql(f'CREATE DATABASE "{full}" TEMPLATE "{self.prefix + template}" STRATEGY FILE_COPY')
        self.made.add(full)
        return self.base.set(database=full).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        full = self.prefix + name
        self._sql(f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')
        self.made.discard(full)

    def close(self) -> None:
        for full in list(self.made):
            self._sql(f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')
        self.made.clear()


# -- runs, each in a child process -------------------------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    rss_mb: float
    extra: dict[str, Any]


def child(task: dict[str, Any]) -> dict[str, Any]:
    """One timed operation; returns its figures (the parent adds the peak RSS)."""
    if task["op"] == "floor":
        return floor(Path(task["file"]))
    from annota.formats import coco, cvat_images, native, yolo
    from annota.formats.registry import FormatRegistry
    from annota.services.datasets import export_dataset, import_dataset
    from annota.settings import Settings
    from annota.storage.db import Database

    registry = FormatRegistry({m.FORMAT.name: m.FORMAT for m in (coco, yolo, cvat_images, native)})
    data_dir = Path(task["data"])
    settings = Settings(data_dir=data_dir, database_url=task["db"])
    database = Database.open(settings, migrate=False)
    baseline_mb = peak_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    if task["op"] == "export":
        with database.session() as session:
            result = export_dataset(
                session,
                settings,
                registry,
                project_id=1,
                format_name=task["format"],
                target=Path(task["target"]),
            )
        count = sum(result.counts.values())
    else:
        with database.write() as session:  # into the seeded task: items match its media by name
            imported = import_dataset(
                session, settings, registry, Path(task["target"]), project_name="source",
                owner_id=1, format_name=task["format"], task_name="source",
            )  # fmt: skip
        count = sum(imported.counts.values())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    database.dispose()
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "count": count,
        "baseline_mb": baseline_mb,
        "peak_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ru_maxrss: that one also counts the pages a forked child
    shared with its parent before exec, so a big parent would inflate every child's figure."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(file: Path) -> dict[str, Any]:
    """orjson parsing the COCO file, then dumping what it parsed (the garbage collector on)."""
    import orjson

    data = file.read_bytes()
    started = time.perf_counter()
    document = orjson.loads(data)
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    orjson.dumps(document)
    dump_s = time.perf_counter() - started
    return {
        "wall_s": parse_s,
        "cpu_s": parse_s,
        "parse_s": parse_s,
        "dump_s": dump_s,
        "peak_mb": peak_rss_mb(),
    }


def spawn(task: dict[str, Any]) -> Run:
    command = [sys.executable, __file__, "--child", json.dumps(task)]
    process = subprocess.run(command, stdout=subprocess.PIPE, check=False)
    if process.returncode != 0:
        raise RuntimeError(f"bench child failed ({process.returncode}): {task}")
    figures = json.loads(process.stdout.decode().strip().splitlines()[-1])
    return Run(figures.pop("wall_s"), figures.pop("cpu_s"), figures.pop("peak_mb"), figures)


# -- the parent -------------------------------------------------------------------------------------------


@contextmanager
def databases(kind: str, folder: Path) -> Iterator[SqliteDatabases | PostgresDatabases]:
    found: SqliteDatabases | PostgresDatabases = (
        SqliteDatabases(folder) if kind == "sqlite" else PostgresDatabases(pg_url() or "")
    )
    try:
        yield found
    finally:
        found.close()


def pg_url() -> str | None:
    return os.environ.get("BENCH_PG_URL") or os.environ.get("TEST_PG_URL")


def bench_spec(kind: str, spec: Spec, folder: Path, formats: tuple[str, ...]) -> list[str]:
    rows = []
    with databases(kind, folder) as dbs:
        started = time.perf_counter()
        full, bare = f"{spec.name}-full", f"{spec.name}-bare"
        seed(dbs.url(full), spec, with_shapes=True)
        seed(dbs.url(bare), spec, with_shapes=False)
        print(
            f"  ({kind}, {spec.name}: seeded {spec.shapes:,} shapes in {time.perf_counter() - started:.1f} s)"
        )
        label = f"{kind} {spec.name}"
        floor_figures: dict[str, Any] | None = None
        for name in formats:
            target = folder / f"out-{name}"
            export = spawn({"op": "export", "db": dbs.url(full), "format": name, "target": str(target),
                            "data": str(folder / "data")})  # fmt: skip
            if name == "coco" and floor_figures is None:
                floor_figures = spawn(
                    {"op": "floor", "file": str(target / "annotations/instances_train.json")}
                ).extra
                report(
                    BENCH, f"{label}: orjson parse of our COCO file (floor)", floor_figures["parse_s"], "s"
                )
                report(
                    BENCH, f"{label}: orjson dump of the parsed COCO (floor)", floor_figures["dump_s"], "s"
                )
            run_db = dbs.copy(bare, "run")
            imported = spawn({"op": "import", "db": run_db, "format": name, "target": str(target),
                              "data": str(folder / "data")})  # fmt: skip
            dbs.drop("run")
            shutil.rmtree(target, ignore_errors=True)
            rows.append(summarise(label, spec, name, export, imported, floor_figures))
    return rows


def summarise(
    label: str, spec: Spec, name: str, export: Run, imported: Run, floor_figures: dict[str, Any] | None
) -> str:
    applies = spec.name not in COCO_ONLY or name == "coco"
    for verb, run, target in (
        ("export", export, spec.export_target),
        ("import", imported, spec.import_target),
    ):
        count = run.extra["count"]
        wanted = f"<= {target:g} s" if target and applies else None
        report(BENCH, f"{label}: {name} {verb} ({count:,} shapes)", run.wall_s, "s", wanted)
        report(BENCH, f"{label}: {name} {verb} CPU", run.cpu_s, "s")
        report(BENCH, f"{label}: {name} {verb} peak RSS", run.rss_mb, "MB", "<= 500 MB")
    dump = f"{floor_figures['dump_s']:.2f}" if floor_figures else "-"
    parse = f"{floor_figures['parse_s']:.2f}" if floor_figures else "-"
    return (
        f"  {label:<20} {name:<12} {export.wall_s:>7.2f} {export.cpu_s:>6.2f} {export.rss_mb:>6.0f}"
        f" {dump:>6}   {imported.wall_s:>7.2f} {imported.cpu_s:>6.2f} {imported.rss_mb:>6.0f} {parse:>6}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 boxes only")
    parser.add_argument("--datasets", default=None, help=f"comma-separated, of {', '.join(SPECS)}")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--tmp", default=None, help="folder for the databases and exported files (default: the system's)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    names = args.datasets.split(",") if args.datasets else ["boxes-100k"] if args.quick else list(SPECS)
    formats = tuple(args.formats.split(","))
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in kinds and not pg_url():
        print("  PostgreSQL: skipped (set BENCH_PG_URL or TEST_PG_URL to a server)")
        kinds.remove("postgresql")
    load = os.getloadavg()[0]
    print(f"annota formats benchmark ({os.cpu_count()} CPUs, load average {load:.1f} at the start)")
    table = []
    for kind in kinds:
        for name in names:
            with tempfile.TemporaryDirectory(prefix="annota-bench-formats-", dir=args.tmp) as tmp:
                table += bench_spec(kind, SPECS[name], Path(tmp), formats)
    print(
        "\n  seconds (wall, CPU), peak RSS in MB; the orjson floor: dump beside export, parse beside import"
    )
    print(f"  {'run':<20} {'format':<12} {'export':>7} {'cpu':>6} {'rss':>6} {'floor':>6}   "
          f"{'import':>7} {'cpu':>6} {'rss':>6} {'floor':>6}")  # fmt: skip
    for row in table:
        print(row)


if __name__ == "__main__":
    main()
