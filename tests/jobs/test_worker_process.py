"""A worker process killed half-way through a job: the job completes after a worker starts again.

The job is a tracking run long enough to be killed in the middle (CSRT over 300 frames of video),
and it writes as it goes, so the test also shows that the second attempt neither duplicates nor
loses the first attempt's keyframes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import select

from annota.domain.shapes.rectangle import RectangleGeometry
from annota.domain.tracks import Keyframe, Track, track_to_dict
from annota.jobs.queue import JobQueue
from annota.jobs.service import states, submit
from annota.jobs.tracking.plan import plan_tracking, stored_track
from annota.services.video import add_video_from_path, wait_for_indexes
from annota.settings import Settings
from annota.storage import job_records, projects, tasks
from annota.storage.annotations import save_diff
from annota.storage.db import Database
from annota.storage.job_tables import BackgroundJobRow
from annota.storage.tables import Job
from tests.jobs.scenes import Scene, iou

SCENE = Scene(frames=300, step_x=0.8, swing_y=30.0)
STALE_AFTER_S = 6


class Workers:
    """`annota worker` processes on the test's data directory (and database)."""

    def __init__(self, settings: Settings, logs: Path) -> None:
        self.settings, self.logs = settings, logs
        self.started: list[subprocess.Popen[bytes]] = []
        self._logs: list[IO[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-c", "from annota.cli.worker import worker; worker()"]
        command += ["--data", str(self.settings.data_dir), "--stale-after", str(STALE_AFTER_S)]
        if self.settings.database_url:
            command += ["--db", self.settings.database_url]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("ANNOTA_")}
        log = (self.logs / f"worker-{len(self.started)}.log").open("wb")
        self._logs.append(log)
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self._logs:
            log.close()


@pytest.fixture
def processes(settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    workers = Workers(settings, tmp_path)
    yield workers
    workers.stop_all()


def tracking_job(
    settings: Settings, database: Database, queue: JobQueue, owner_id: int, project_id: int
) -> tuple[int, int, str]:
    """(annotation job, background job, track) of a tracking run over the whole video."""
    video = SCENE.video(settings.data_dir.parent / "scene.mp4")
    with database.write() as session:
        label = projects.create_label(session, project_id, name="car", color="#ff0000", kind="rectangle")
        task = tasks.create_task(session, project_id, name="clip", owner_id=owner_id)
        add_video_from_path(session, settings, task.id, video)
        task_id, label_id = task.id, label.id
    assert wait_for_indexes(settings, timeout=60)
    track = Track(
        str(uuid.uuid4()), "rectangle", label_id, (Keyframe(0, RectangleGeometry(*SCENE.truth(0))),)
    )
    with database.write() as session:
        job = session.scalars(select(Job).where(Job.task_id == task_id)).one()
        save_diff(session, job.id, job.revision, {"tracks": {"create": [track_to_dict(track)]}})
        plan = plan_tracking(session, job, track_id=track.id, until_frame=SCENE.frames - 1, tracker="csrt")
        job_id = job.id
    row = submit(
        settings,
        database,
        queue,
        kind="tracking",
        params=plan.params(),
        created_by=owner_id,
        project_id=project_id,
    )
    return job_id, row.id, track.id


def wait(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_job_whose_worker_was_killed_completes_once_a_worker_runs_again(
    settings: Settings,
    database: Database,
    queue: JobQueue,
    owner_id: int,
    project_id: int,
    processes: Workers,
) -> None:
    annotation_job, job_id, track_id = tracking_job(settings, database, queue, owner_id, project_id)

    def record() -> BackgroundJobRow:
        with database.session() as session:
            return job_records.get_job(session, job_id)

    def keyframes() -> list[Keyframe]:
        with database.session() as session:
            track = stored_track(session, annotation_job, track_id)
        assert track is not None
        return list(track.keyframes)

    first = processes.start()
    wait(
        lambda: record().status == "running" and len(keyframes()) > 30,
        90,
        "the first attempt to save some frames",
    )
    live = states(queue, [record()])[0]
    first.kill()  # SIGKILL: no goodbye, no cleanup
    first.wait()

    killed = record()
    assert killed.status == "running" and killed.attempt == 1 and 0 < live.progress < 0.9
    half = len(keyframes())
    assert 30 < half < SCENE.frames

    processes.start()
    wait(lambda: record().status in ("succeeded", "failed", "cancelled"), 180, "the job to end")

    done = record()
    assert done.status == "succeeded" and done.attempt == 2, (done.status, done.message, done.error)
    final = keyframes()
    assert [k.frame for k in final] == list(range(SCENE.frames))
    assert [k.source.value for k in final[1:]] == ["tracker"] * (SCENE.frames - 1)
    overlaps = [
        iou((k.geometry.x1, k.geometry.y1, k.geometry.x2, k.geometry.y2), SCENE.truth(k.frame)) for k in final
    ]  # type: ignore[attr-defined]
    assert min(overlaps) >= 0.6 and sum(overlaps) / len(overlaps) >= 0.8
