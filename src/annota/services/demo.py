"""The demo project `make run` shows: generated street scenes with some annotations, no downloads."""

from __future__ import annotations

import io
import random
import uuid
from typing import Any

from PIL import Image, ImageDraw, ImageFilter
from sqlalchemy import select

from annota.domain.document import diff_from_dict
from annota.services.labels import create_labels
from annota.services.media import UploadedFile, add_uploaded_media
from annota.settings import Settings
from annota.storage import annotations as stored
from annota.storage import projects, tasks
from annota.storage.db import Database
from annota.storage.tables import Job, Project, User

DEMO_PROJECT = "Demo: street scenes"
WIDTH, HEIGHT = 960, 640
IMAGES = 6
DESCRIPTION = "Generated street scenes to try annota: boxes, polygons, ellipses, lines, points, tags."
GUIDELINES = "# Guidelines\n\n- Box every **car**, tight to its body.\n- Outline the **road** surface.\n"

LABELS: list[dict[str, Any]] = [
    {"name": "car", "color": "#e69f00", "kind": "rectangle", "attributes": [
        {"name": "colour", "kind": "select", "values": ["red", "blue", "white", "black"], "default": "white"},
        {"name": "parked", "kind": "checkbox", "default": False},
    ]},
    {"name": "road", "color": "#7f7f7f", "kind": "polygon"},
    {"name": "tree", "color": "#009e73", "kind": "ellipse"},
    {"name": "lane", "color": "#f0e442", "kind": "polyline"},
    {"name": "sign", "color": "#d55e00", "kind": "points"},
    {"name": "weather", "color": "#56b4e9", "kind": "tag", "attributes": [
        {"name": "sky", "kind": "radio", "values": ["clear", "cloudy"], "default": "clear"},
    ]},
]  # fmt: skip

CAR_COLOURS = {"red": (200, 40, 40), "blue": (40, 80, 200), "white": (235, 235, 235), "black": (30, 30, 30)}


def _scene(rng: random.Random) -> tuple[bytes, list[dict[str, Any]]]:
    """One JPEG street scene and the shapes that truthfully describe it (label names, not ids)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(250, 320)
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=(90, 140, 80))
    road = [(380, horizon), (580, horizon), (WIDTH, HEIGHT), (0, HEIGHT)]
    draw.polygon(road, fill=(70, 70, 75))
    lane = [(480.0, float(horizon)), (480.0, float(horizon + 120)), (480.0, float(HEIGHT))]
    draw.line(lane, fill=(240, 220, 60), width=6)
    shapes: list[dict[str, Any]] = [
        {"label": "road", "kind": "polygon", "points": [c for p in road for c in p]},
        {"label": "lane", "kind": "polyline", "points": [c for p in lane for c in p]},
    ]
    for _ in range(rng.randint(1, 2)):
        cx, cy, rx, ry = rng.randint(60, 300), horizon - 40, rng.randint(30, 50), rng.randint(45, 70)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=(30, 120, 50))
        shapes.append({"label": "tree", "kind": "ellipse", "points": [cx, cy, rx, ry], "rotation": 0.0})
    for _ in range(rng.randint(2, 4)):
        w, h = rng.randint(90, 160), rng.randint(50, 80)
        x, y = rng.randint(80, WIDTH - w - 80), rng.randint(horizon + 40, HEIGHT - h - 10)
        colour = rng.choice(list(CAR_COLOURS))
        draw.rounded_rectangle((x, y, x + w, y + h), radius=10, fill=CAR_COLOURS[colour])
        shapes.append({"label": "car", "kind": "rectangle", "points": [x, y, x + w, y + h], "rotation": 0.0,
                       "attributes": {"colour": colour, "parked": rng.random() < 0.3}})  # fmt: skip
    sx = rng.randint(620, 880)
    draw.rectangle((sx - 3, horizon - 90, sx + 3, horizon), fill=(90, 90, 90))
    draw.regular_polygon((sx, horizon - 105, 20), 8, fill=(210, 40, 40))
    shapes.append({"label": "sign", "kind": "points", "points": [sx, horizon - 105, sx, horizon]})
    out = io.BytesIO()
    image.filter(ImageFilter.SMOOTH).save(out, "JPEG", quality=88)
    return out.getvalue(), shapes


def ensure_demo(settings: Settings, database: Database) -> int:
    """Creates the demo project once (owned by the first admin); returns its id."""
    with database.write() as session:
        existing = session.scalar(select(Project.id).where(Project.name == DEMO_PROJECT))
        if existing is not None:
            return existing
        owner = session.scalar(select(User).where(User.is_admin.is_(True)).order_by(User.id))
        if owner is None:
            raise RuntimeError("the demo needs an administrator; start the server once to create it")
        project = projects.create_project(
            session, owner_id=owner.id, name=DEMO_PROJECT,
            description=DESCRIPTION, guidelines=GUIDELINES,
        )  # fmt: skip
        labels = {lb.name: lb.id for lb in create_labels(session, project.id, LABELS, loc=("demo",))}
        task = tasks.create_task(session, project.id, name="Street scenes", owner_id=owner.id, segment_size=3)
        rng = random.Random(20261126)
        scenes = [_scene(rng) for _ in range(IMAGES)]
        files = [
            UploadedFile(f"street_{i + 1:02d}.jpg", io.BytesIO(data)) for i, (data, _) in enumerate(scenes)
        ]
        add_uploaded_media(session, settings, task.id, files)
        for job in session.scalars(select(Job).where(Job.task_id == task.id).order_by(Job.frame_start)):
            if job.frame_start > 0:
                continue  # the first job comes annotated; the others are left to try the editor
            wire = [
                {"id": str(uuid.uuid4()), "label_id": labels[s.pop("label")], "frame": frame, **s}
                for frame in range(job.frame_start, job.frame_stop + 1)
                for s in scenes[frame][1]
            ]
            tags = [{"id": str(uuid.uuid4()), "label_id": labels["weather"], "frame": job.frame_start,
                     "attributes": {"sky": "clear"}}]  # fmt: skip
            diff = diff_from_dict({"shapes": {"create": wire}, "tags": {"create": tags}})
            stored.save_diff(session, job.id, job.revision, diff)
        return project.id
