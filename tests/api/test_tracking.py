"""Tracker-assisted annotation over HTTP: start a tracking job, poll it, read the keyframes it wrote."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from annota.jobs.workers import EmbeddedWorkers
from annota.services.video import add_video_from_path, wait_for_indexes
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.conftest import assert_error
from tests.jobs.scenes import Scene, iou
from tests.jobs.support import queue, wait_for_job, worker_formats, workers

__all__ = ["queue", "worker_formats", "workers"]

LABELS = [{"name": "car", "kind": "rectangle"}, {"name": "dots", "kind": "points"}]


def annotation_job(client: TestClient, upload: list[Any] | None = None, add: Any = None) -> dict[str, Any]:
    """A project, a task with the `upload`ed images (or what `add(task_id)` adds), and its job."""
    project = client.post("/api/projects", json={"name": "Street", "labels": LABELS}).json()
    task = client.post("/api/tasks", json={"project_id": project["id"], "name": "clip"}).json()
    if upload is not None:
        added = client.post(f"/api/tasks/{task['id']}/media", files=upload)
        assert added.status_code == 201, added.text
    else:
        add(task["id"])
    job = client.get("/api/jobs", params={"task_id": task["id"]}).json()["items"][0]
    labels = {lb["name"]: lb["id"] for lb in client.get(f"/api/projects/{project['id']}/labels").json()}
    return {"id": job["id"], "labels": labels, "project": project, "frame_stop": job["frame_stop"]}


def add_video(settings: Settings, database: Database, video: Path) -> Any:
    def add(task_id: int) -> None:
        with database.write() as session:
            add_video_from_path(session, settings, task_id, video)
        assert wait_for_indexes(settings, timeout=30)

    return add


def save(client: TestClient, job_id: int, diff: dict[str, Any]) -> None:
    revision = client.get(f"/api/jobs/{job_id}/annotations").headers["etag"]
    answer = client.patch(f"/api/jobs/{job_id}/annotations", json=diff, headers={"If-Match": revision})
    assert answer.status_code == 200, answer.text


def box_track(client: TestClient, job: dict[str, Any], scene: Scene, frame: int = 0) -> str:
    track_id = str(uuid.uuid4())
    keyframe = {"frame": frame, "points": list(scene.truth(frame)), "rotation": 0.0}
    track = {"id": track_id, "kind": "rectangle", "label_id": job["labels"]["car"], "keyframes": [keyframe]}
    save(client, job["id"], {"tracks": {"create": [track]}})
    return track_id


def track_now(client: TestClient, job_id: int, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/api/jobs/{job_id}/tracking", json=body)
    assert answer.status_code == 202, answer.text
    started: dict[str, Any] = answer.json()
    return started


def stored_track(client: TestClient, job_id: int, track_id: str) -> dict[str, Any]:
    tracks = client.get(f"/api/jobs/{job_id}/annotations").json()["tracks"]
    return next(t for t in tracks if t["id"] == track_id)


def overlaps(track: dict[str, Any], scene: Scene) -> list[float]:
    return [iou(tuple(k["points"]), scene.truth(k["frame"])) for k in track["keyframes"]]  # type: ignore[arg-type]


def test_a_box_tracked_over_an_image_sequence_stays_on_the_moving_square(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=30)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)

    started = track_now(alice, job["id"], track_id=track_id, frames=25, tracker="kcf")
    assert started["kind"] == "tracking" and started["params"]["from_frame"] == 0
    done = wait_for_job(alice, started["id"])

    assert done["status"] == "succeeded", done
    assert done["result"]["keyframes"] == 25 and done["result"]["lost_at"] is None
    track = stored_track(alice, job["id"], track_id)
    assert [k["frame"] for k in track["keyframes"]] == list(range(26))
    assert [k["source"] for k in track["keyframes"]] == ["manual"] + ["tracker"] * 25
    assert min(overlaps(track, scene)) >= 0.7 and sum(overlaps(track, scene)) / 26 >= 0.8
    assert (
        alice.get(f"/api/jobs/{job['id']}/annotations").headers["etag"] == f'"{done["result"]["revision"]}"'
    )


def test_a_box_tracked_in_a_video_stays_on_the_moving_square(
    alice: TestClient, settings: Settings, database: Database, tmp_path: Path, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=40)
    job = annotation_job(alice, add=add_video(settings, database, scene.video(tmp_path / "street.mp4")))
    track_id = box_track(alice, job, scene)

    done = wait_for_job(
        alice, track_now(alice, job["id"], track_id=track_id, until_frame=39, tracker="csrt")["id"]
    )

    assert done["status"] == "succeeded", done
    track = stored_track(alice, job["id"], track_id)
    assert [k["frame"] for k in track["keyframes"]] == list(range(40))
    assert min(overlaps(track, scene)) >= 0.7 and sum(overlaps(track, scene)) / 40 >= 0.8


def test_points_on_a_single_frame_become_a_track_followed_by_optical_flow(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=12)
    job = annotation_job(alice, scene.files())
    shape_id = str(uuid.uuid4())
    dots = {
        "id": shape_id,
        "kind": "points",
        "label_id": job["labels"]["dots"],
        "frame": 2,
        "points": scene.corners(2),
    }
    save(alice, job["id"], {"shapes": {"create": [dots]}})

    done = wait_for_job(
        alice, track_now(alice, job["id"], shape_id=shape_id, frames=8, tracker="optical_flow")["id"]
    )

    assert done["status"] == "succeeded", done
    document = alice.get(f"/api/jobs/{job['id']}/annotations").json()
    assert document["shapes"] == []
    (track,) = document["tracks"]
    assert track["id"] == done["result"]["track_id"] and track["kind"] == "points"
    assert [k["frame"] for k in track["keyframes"]] == list(range(2, 11))
    for k in track["keyframes"]:
        assert max(abs(a - b) for a, b in zip(k["points"], scene.corners(k["frame"]), strict=True)) < 1.5


def test_tracking_again_after_a_correction_keeps_it_and_replaces_what_the_tracker_guessed_after_it(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=24)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)
    wait_for_job(alice, track_now(alice, job["id"], track_id=track_id, until_frame=20, tracker="kcf")["id"])
    first = stored_track(alice, job["id"], track_id)
    corrected = [v + 6 for v in scene.truth(10)]  # the annotator moves frame 10 (deliberately off by 6 px)
    keyframes = [
        k if k["frame"] != 10 else {**k, "points": corrected, "source": "manual"} for k in first["keyframes"]
    ]
    save(alice, job["id"], {"tracks": {"update": [{**first, "keyframes": keyframes}]}})

    again = track_now(alice, job["id"], track_id=track_id, frames=10, tracker="kcf")
    assert again["params"]["from_frame"] == 10 and again["params"]["until_frame"] == 20
    assert wait_for_job(alice, again["id"])["status"] == "succeeded"

    second = stored_track(alice, job["id"], track_id)
    assert second["keyframes"][:10] == first["keyframes"][:10]
    assert second["keyframes"][10]["points"] == corrected and second["keyframes"][10]["source"] == "manual"
    shifts = [
        b["points"][0] - a["points"][0]
        for a, b in zip(first["keyframes"][11:], second["keyframes"][11:], strict=True)
    ]
    assert len(shifts) == 10 and all(4 <= s <= 8 for s in shifts), shifts


def test_a_tracking_request_that_cannot_work_is_refused_with_every_problem_located(alice: TestClient) -> None:
    scene = Scene(frames=5)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)
    url = f"/api/jobs/{job['id']}/tracking"

    both = alice.post(url, json={"track_id": track_id, "shape_id": "x", "frames": 2, "tracker": "kcf"})
    assert_error(both, 422, "one_of", ["body", "track_id"])
    neither = alice.post(url, json={"track_id": track_id, "tracker": "kcf"})
    assert_error(neither, 422, "one_of", ["body", "frames"])
    assert_error(
        alice.post(url, json={"track_id": "nope", "frames": 2, "tracker": "kcf"}),
        422,
        "unknown_id",
        ["body", "track_id"],
    )
    wrong_kind = alice.post(url, json={"track_id": track_id, "frames": 2, "tracker": "optical_flow"})
    assert_error(wrong_kind, 422, "kind_not_allowed", ["body", "tracker"])
    not_key = alice.post(url, json={"track_id": track_id, "frames": 2, "from_frame": 1, "tracker": "kcf"})
    assert_error(not_key, 422, "not_a_keyframe", ["body", "from_frame"])
    backwards = alice.post(url, json={"track_id": track_id, "until_frame": 0, "tracker": "kcf"})
    assert_error(backwards, 422, "out_of_range", ["body", "until_frame"])
    assert_error(
        alice.post(url, json={"track_id": track_id, "frames": 2, "tracker": "tld"}), 422, "literal_error"
    )
    last = box_track(alice, job, scene, frame=job["frame_stop"])
    at_end = alice.post(url, json={"track_id": last, "frames": 2, "tracker": "kcf"})
    assert_error(at_end, 422, "out_of_range", ["body", "from_frame"])
    assert alice.get("/api/background-jobs").json()["count"] == 0


def test_tracking_goes_no_further_than_the_jobs_last_frame(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=6)
    job = annotation_job(alice, scene.files())

    started = track_now(alice, job["id"], track_id=box_track(alice, job, scene), frames=100, tracker="kcf")

    assert started["params"]["until_frame"] == job["frame_stop"] == 5
    assert wait_for_job(alice, started["id"])["result"]["keyframes"] == 5


def test_someone_without_access_to_the_job_cannot_track_in_it(alice: TestClient, bob: TestClient) -> None:
    scene = Scene(frames=3)
    job = annotation_job(alice, scene.files())
    body = {"track_id": box_track(alice, job, scene), "frames": 1, "tracker": "kcf"}

    assert_error(bob.post(f"/api/jobs/{job['id']}/tracking", json=body), 404, "not_found")
    started = track_now(alice, job["id"], **body)
    assert_error(bob.get(f"/api/background-jobs/{started['id']}"), 404, "not_found")


@pytest.fixture
def long_scene() -> Scene:
    return Scene(frames=150, step_x=1.0)


def test_a_cancelled_tracking_job_keeps_what_it_tracked_so_far(
    alice: TestClient,
    settings: Settings,
    database: Database,
    tmp_path: Path,
    long_scene: Scene,
    workers: EmbeddedWorkers,
) -> None:
    job = annotation_job(alice, add=add_video(settings, database, long_scene.video(tmp_path / "long.mp4")))
    track_id = box_track(alice, job, long_scene)
    started = track_now(alice, job["id"], track_id=track_id, until_frame=149, tracker="csrt")

    progress = wait_until_running_past(alice, started["id"], 0.05)
    alice.post(f"/api/background-jobs/{started['id']}/cancel")
    done = wait_for_job(alice, started["id"])

    assert done["status"] == "cancelled" and 0.05 < progress < 1
    frames = [k["frame"] for k in stored_track(alice, job["id"], track_id)["keyframes"]]
    assert 5 < len(frames) < 150 and frames == list(range(len(frames)))


def wait_until_running_past(client: TestClient, job_id: int, share: float, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/background-jobs/{job_id}").json()
        if job["status"] == "running" and job["progress"] > share:
            assert job["message"].startswith("tracking frame ")
            return float(job["progress"])
        assert job["status"] in ("queued", "running"), job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not pass {share}")


def test_the_keyframes_a_run_saved_are_read_from_a_frame_on_with_the_jobs_revision(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=20)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)
    wait_for_job(alice, track_now(alice, job["id"], track_id=track_id, frames=15, tracker="kcf")["id"])

    answer = alice.get(f"/api/jobs/{job['id']}/tracks/{track_id}", params={"since_frame": 10})

    assert answer.status_code == 200, answer.text
    body = answer.json()
    etag = alice.get(f"/api/jobs/{job['id']}/annotations").headers["etag"]
    assert f'"{body["revision"]}"' == etag and body["since_frame"] == 10
    assert [k["frame"] for k in body["track"]["keyframes"]] == list(range(11, 16))
    whole = alice.get(f"/api/jobs/{job['id']}/tracks/{track_id}").json()["track"]
    assert whole == stored_track(alice, job["id"], track_id)


def test_reading_a_track_the_job_does_not_hold_is_refused_at_the_track_id(
    alice: TestClient, bob: TestClient
) -> None:
    scene = Scene(frames=3)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)

    assert_error(alice.get(f"/api/jobs/{job['id']}/tracks/nope"), 404, "not_found", ["path", "track_id"])
    assert_error(bob.get(f"/api/jobs/{job['id']}/tracks/{track_id}"), 404, "not_found")


def test_keyframes_can_be_read_while_the_run_goes_on_and_only_grow(
    alice: TestClient, workers: EmbeddedWorkers
) -> None:
    scene = Scene(frames=40)
    job = annotation_job(alice, scene.files())
    track_id = box_track(alice, job, scene)
    started = track_now(alice, job["id"], track_id=track_id, frames=39, tracker="kcf", frame_delay_ms=40)
    assert started["params"]["frame_delay_ms"] == 40

    seen_while_running: list[int] = []
    while (state := alice.get(f"/api/background-jobs/{started['id']}").json())["status"] in (
        "queued",
        "running",
    ):
        track = alice.get(f"/api/jobs/{job['id']}/tracks/{track_id}").json()["track"]
        if state["status"] == "running":
            seen_while_running.append(len(track["keyframes"]))
        time.sleep(0.1)

    assert state["status"] == "succeeded", state
    assert any(1 < n < 40 for n in seen_while_running), seen_while_running
    assert seen_while_running == sorted(seen_while_running)
    assert len(stored_track(alice, job["id"], track_id)["keyframes"]) == 40


def test_a_frame_delay_beyond_a_second_is_refused(alice: TestClient) -> None:
    scene = Scene(frames=3)
    job = annotation_job(alice, scene.files())
    body = {"track_id": box_track(alice, job, scene), "frames": 1, "tracker": "kcf", "frame_delay_ms": 5000}

    assert_error(alice.post(f"/api/jobs/{job['id']}/tracking", json=body), 422, "less_than_equal")
