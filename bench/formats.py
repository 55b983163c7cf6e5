"""Dataset formats at scale: export and import COCO, YOLO, CVAT XML and native, with the real database.

    python bench/formats.py [--images 100000] [--boxes 10]     (make bench runs the defaults)

Media rows are created directly in the database (blobs recorded, no files): the import is annotation-only
and matches the dataset's items to that media by name. Each figure is printed next to what orjson takes to
dump / parse the same data (the floor). PostgreSQL is used instead of SQLite when BENCH_PG_URL is set.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import orjson
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import report

from annota.formats import coco, cvat_images, native, yolo
from annota.formats.base import FormatError
from annota.formats.registry import FormatRegistry
from annota.services.datasets import export_dataset, import_dataset
from annota.settings import Settings
from annota.storage import projects, tasks, users
from annota.storage.db import Database
from annota.storage.tables import Blob, MediaItem

REGISTRY = FormatRegistry({m.FORMAT.name: m.FORMAT for m in (coco, yolo, cvat_images, native)})


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(database: Database, settings: Settings, images: int, boxes: int) -> int:
    """A project with one task of `images` media rows and `boxes` rectangles each, imported from native."""
    with database.write() as session:
        owner = users.create_user(session, username="bench", password_hash="x")
        project = projects.create_project(session, owner_id=owner.id, name="source")
        task = tasks.create_task(session, project.id, name="source", owner_id=owner.id)
        session.execute(insert(Blob), [{"content_hash": "0" * 64, "size_bytes": 1, "mime": "image/jpeg"}])
        rows = [
            {
                "task_id": task.id,
                "frame": i,
                "name": f"img{i:06d}.jpg",
                "content_hash": "0" * 64,
                "width": 1920,
                "height": 1080,
                "mime": "image/jpeg",
                "size_bytes": 1,
            }
            for i in range(images)
        ]
        session.execute(insert(MediaItem), rows)
        tasks.split_into_jobs(session, task, images)
        owner_id = owner.id
    folder = Path(tempfile.mkdtemp(prefix="bench-seed-"))
    labels = [{"id": 1, "name": "car", "color": "#ff0000", "kind": "any"}]
    with (folder / native.FILE).open("wb") as out:
        out.write(orjson.dumps({"format": "annota", "version": 1, "labels": labels}) + b"\n")
        for i in range(images):
            shapes = [
                {
                    "id": f"{i}-{k}",
                    "kind": "rectangle",
                    "label_id": 1,
                    "frame": i,
                    "points": [10.0 + k, 20.0, 110.0 + k, 220.0],
                }
                for k in range(boxes)
            ]
            out.write(
                orjson.dumps({"item": {"name": f"img{i:06d}.jpg", "frame": i, "shapes": shapes}}) + b"\n"
            )
    with database.write() as session:
        import_dataset(
            session,
            settings,
            REGISTRY,
            folder,
            project_name="source",
            owner_id=owner_id,
            format_name="native",
            task_name="source",
        )
    return owner_id


def import_into_source(
    database: Database, settings: Settings, target: Path, owner_id: int, name: str
) -> None:
    with database.write() as session:  # into the same task: items match its media by name
        import_dataset(
            session,
            settings,
            REGISTRY,
            target,
            project_name="source",
            owner_id=owner_id,
            format_name=name,
            task_name="source",
        )


def run(images: int, boxes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="annota-bench-formats-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", database_url=os.environ.get("BENCH_PG_URL"))
        database = Database.open(settings)
        owner_id = seed(database, settings, images, boxes)
        total = images * boxes
        for name in ("coco", "yolo", "cvat_images", "native"):
            target = Path(tmp) / f"out-{name}"
            started = time.perf_counter()
            with database.session() as session:
                export_dataset(session, settings, REGISTRY, project_id=1, format_name=name, target=target)
            export_s = time.perf_counter() - started
            report("formats", f"{name} export {total} boxes", export_s, "s")
            started = time.perf_counter()
            try:
                import_into_source(database, settings, target, owner_id, name)
            except FormatError as error:  # e.g. YOLO names its subset "train": not the source task
                print(f"  {name} import failed: {error.lines()[0]}")
                continue
            report("formats", f"{name} import {total} boxes", time.perf_counter() - started, "s")
            if name == "coco":
                file = target / "annotations" / "instances_default.json"
                started = time.perf_counter()
                doc = orjson.loads(file.read_bytes())
                report(
                    "formats",
                    "  orjson parse of the same COCO file (floor)",
                    time.perf_counter() - started,
                    "s",
                )
                started = time.perf_counter()
                orjson.dumps(doc)
                report(
                    "formats",
                    "  orjson dump of the same COCO dict (floor)",
                    time.perf_counter() - started,
                    "s",
                )
                del doc
        report("formats", f"peak RSS ({images} images x {boxes} boxes)", peak_rss_mb(), "MB", "<= 500")
        database.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--boxes", type=int, default=10)
    args = parser.parse_args()
    run(args.images, args.boxes)
