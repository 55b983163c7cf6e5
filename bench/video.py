"""Video benchmark: first frame after upload, index time, random seeks, playback throughput.

Run with `make bench` (or `python bench/video.py`). The videos are generated with PyAV, so
their frames are known, and cached under /tmp (BENCH_VIDEO_DIR) between runs:

- "long": 40,000 frames of 1080p at 30 fps (22 minutes), mostly static content with a moving
  box, libx264 `preset=ultrafast`, a keyframe every 2 s (phones and streaming encoders use
  1-2 s). Static content keeps the encode to minutes and the file small; it also decodes far
  faster than real footage, so seeks and throughput are measured on the next clip too.
- "textured": 300 frames of 1080p, a noisy texture panning under moving shapes, libx264
  `preset=veryfast crf=23` at ~16 Mbit/s, in two GOPs: 60 frames (2 s) and x264's default 250.

Every number comes from HTTP requests to a real `annota serve` process on loopback, started
without job workers (``ANNOTA_WORKERS=0``) so that the seek proxy is built when the bench says so:
random seeks are measured before the proxy (decoding the original), then the proxy is built by an
`annota worker --burst` process (timed), then seeks to other frames are measured again. For the
long video, whose proxy would take minutes, the build speed is measured in this process on its
first PROXY_SAMPLE_FRAMES frames.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Client, Server, percentile, report, serve

from annota.media.video.index import FrameIndex, build_index
from annota.media.video.proxy import write_proxy

BENCH = "video"
VIDEO_DIR = Path(os.environ.get("BENCH_VIDEO_DIR", "/tmp/annota-bench-video"))
WIDTH, HEIGHT, RATE = 1920, 1080, 30
LONG_FRAMES = int(os.environ.get("BENCH_VIDEO_FRAMES", "40000"))
TEXTURED_FRAMES = 300
SEEKS = 40
TEXTURED_SEEKS = 30
SEQUENTIAL = 150
CHUNKS = 6
PLAYBACK_FPS = 30
PROXY_SAMPLE_FRAMES = 3000
# Which clips to measure (comma-separated): long, textured-g60, textured-g250.
CLIPS = os.environ.get("BENCH_VIDEO_CLIPS", "long,textured-g60,textured-g250").split(",")


# -- videos ---------------------------------------------------------------------------------------


def _encode(
    path: Path, frames: int, options: dict[str, str], picture: Callable[[int], av.VideoFrame]
) -> float:
    """Write ``frames`` pictures with libx264 unless the file exists; returns the seconds it took."""
    if path.exists():
        return 0.0
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.mp4")
    started = time.perf_counter()
    with av.open(str(partial), "w", options={"movflags": "faststart"}) as container:
        stream = container.add_stream("libx264", rate=RATE)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.options = options
        for i in range(frames):
            frame = picture(i)
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    partial.rename(path)
    return time.perf_counter() - started


def _static_picture(i: int) -> av.VideoFrame:
    """A grey gradient, a white box crossing it, and a bar whose length counts frames."""
    y = np.broadcast_to(
        (np.arange(WIDTH, dtype=np.uint16) * 200 // WIDTH + 16).astype(np.uint8), (HEIGHT, WIDTH)
    )
    y = np.ascontiguousarray(y)
    x = (i * 7) % (WIDTH - 200)
    y[440:640, x : x + 200] = 235
    y[40:60, 40 : 40 + (i % 1800)] = 16
    frame = av.VideoFrame(WIDTH, HEIGHT, "yuv420p")
    frame.planes[0].update(y)
    frame.planes[1].update(np.full((HEIGHT // 2, WIDTH // 2), 128, np.uint8))
    frame.planes[2].update(np.full((HEIGHT // 2, WIDTH // 2), 128, np.uint8))
    return frame


def _textured_pictures() -> Callable[[int], av.VideoFrame]:
    rng = np.random.default_rng(0)
    coarse = rng.integers(0, 255, (HEIGHT // 8 + 40, WIDTH // 8 + 40, 3), dtype=np.uint8)
    texture = np.repeat(np.repeat(coarse, 8, axis=0), 8, axis=1)
    noise = [rng.integers(0, 12, (HEIGHT, WIDTH, 3), dtype=np.uint8) for _ in range(4)]

    def picture(i: int) -> av.VideoFrame:
        dx = (i * 3) % 320
        rgb = texture[dx // 2 : dx // 2 + HEIGHT, dx : dx + WIDTH] + noise[i % 4]
        x = (i * 9) % (WIDTH - 300)
        rgb[300:600, x : x + 300] = (255, 40, 40)
        return av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")

    return picture


def videos() -> dict[str, Path]:
    found = {
        "long": VIDEO_DIR / f"long-1080p-{LONG_FRAMES}-ultrafast-g60.mp4",
        "textured-g60": VIDEO_DIR / "textured-1080p-300-veryfast-g60.mp4",
        "textured-g250": VIDEO_DIR / "textured-1080p-300-veryfast-g250.mp4",
    }
    made = _encode(found["long"], LONG_FRAMES, {"preset": "ultrafast", "g": "60"}, _static_picture)
    if made:
        report(BENCH, f"generate long video ({LONG_FRAMES} frames, ultrafast)", made, "s")
        report(BENCH, "generate long video: encode speed", LONG_FRAMES / made, "fps")
    textured = _textured_pictures()
    for name, gop in (("textured-g60", "60"), ("textured-g250", "250")):
        options = {"preset": "veryfast", "crf": "23", "g": gop, "keyint_min": "25"}
        _encode(found[name], TEXTURED_FRAMES, options, textured)
    for name, path in found.items():
        report(BENCH, f"{name}: file size", path.stat().st_size / 1e6, "MB")
    return found


# -- HTTP -----------------------------------------------------------------------------------------


def _task(client: Client) -> int:
    project = client.ok("POST", "/api/projects", {"name": f"video {uuid.uuid4().hex[:6]}", "labels": []})
    return int(client.ok("POST", "/api/tasks", {"project_id": project["id"], "name": "video"})["id"])


def _upload(client: Client, task_id: int, path: Path) -> float:
    """Upload ``path``; returns the seconds from its last byte sent to the answer."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    body = head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    headers = {
        "Authorization": client.headers["Authorization"],
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    client.connection.request("POST", f"/api/tasks/{task_id}/media", body=body, headers=headers)
    sent = time.perf_counter()
    response = client.connection.getresponse()
    answer = response.read()
    if response.status != 201:
        raise RuntimeError(f"upload of {path.name}: {response.status} {answer[:300]!r}")
    return time.perf_counter() - sent


def _get(client: Client, path: str) -> bytes:
    status, body, _ = client.call("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path}: {status} {body!r}")
    return bytes(body)


def _video(client: Client, task_id: int) -> dict[str, Any]:
    return dict(_visible(lambda: client.ok("GET", f"/api/tasks/{task_id}/video")))


def _visible(call: Callable[[], Any], wait_s: float = 2.0) -> Any:
    """``call()``, retried while it is 404: a write may commit just after its answer was sent
    (FastAPI closes request-scoped dependencies after the response), so the request following
    an upload can miss it by a few milliseconds. The retries count in the timings."""
    deadline = time.perf_counter() + wait_s
    while True:
        try:
            return call()
        except RuntimeError as exc:
            if " 404 " not in str(exc) or time.perf_counter() > deadline:
                raise
            time.sleep(0.002)


def _wait_indexed(client: Client, task_id: int, timeout: float = 600) -> dict[str, Any]:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        video = _video(client, task_id)
        if video["index_status"] != "indexing":
            return video
        time.sleep(0.05)
    raise RuntimeError("the index did not finish")


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


# -- measures -------------------------------------------------------------------------------------


def bench_long_video(server: Server, path: Path) -> None:
    client = Client(server.port, server.token)
    task_id = _task(client)
    answered_s = _upload(client, task_id, path)
    first = _timed(lambda: _visible(lambda: _get(client, f"/api/tasks/{task_id}/frames/0")))
    video = _video(client, task_id)
    middle = _timed(lambda: _get(client, f"/api/tasks/{task_id}/frames/{LONG_FRAMES // 2}"))
    report(BENCH, "long: upload answered after its last byte", answered_s * 1000, "ms")
    report(
        BENCH, "long: first frame served after upload finished", answered_s * 1000 + first, "ms", "<= 3000 ms"
    )
    report(BENCH, "long: frame count known at once (exact later)", float(video["frame_count"]), "frames")
    report(BENCH, "long: middle frame right after upload (index running)", middle, "ms")
    done = _wait_indexed(client, task_id)
    assert done["frame_count"] == LONG_FRAMES and done["frame_count_exact"], done
    report(BENCH, "long: index time (demux, background)", done["index_seconds"], "s")
    report(
        BENCH, "long: index time per 1,000 frames", done["index_seconds"] * 1000 / LONG_FRAMES * 1000, "ms"
    )
    _seeks_and_throughput(client, task_id, LONG_FRAMES, "long")
    client.close()
    _proxy_build_in_process(path, "long")


def _proxy_build_in_process(path: Path, name: str) -> None:
    """Build speed and size of the seek proxy over the first PROXY_SAMPLE_FRAMES frames (no HTTP,
    normal priority)."""
    index, _ = build_index(path, path.name)
    count = min(PROXY_SAMPLE_FRAMES, len(index))
    first = FrameIndex(index.pts[:count], index.keyframes[index.keyframes < count], index.time_base)
    with tempfile.TemporaryDirectory(prefix="annota-bench-proxy-") as folder:
        target = Path(folder) / "proxy.mp4"
        started = time.perf_counter()
        write_proxy(path, first, target, max_bytes=2**40)
        seconds = time.perf_counter() - started
        size = target.stat().st_size
    report(BENCH, f"{name}: proxy build per 1,000 frames ({count} built)", seconds * 1000 / count, "s")
    report(BENCH, f"{name}: proxy size per 1,000 frames", size * 1000 / count / 1e6, "MB")


def _decoder_alone_fps(path: Path, frames: int = 120) -> float:
    """Sequential decoding in this process, no HTTP, no JPEG: the ceiling for this machine right now."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        started = time.perf_counter()
        for n, _ in enumerate(container.decode(stream), start=1):
            if n == frames:
                break
        return frames / (time.perf_counter() - started)


def bench_textured(server: Server, name: str, path: Path) -> None:
    report(BENCH, f"{name}: decoder alone, for reference", _decoder_alone_fps(path), "fps")
    _proxy_build_in_process(path, name)
    client = Client(server.port, server.token)
    task_id = _task(client)
    _upload(client, task_id, path)
    _wait_indexed(client, task_id)
    # 30 seeks before the proxy and 30 after: a p95 of 20 would be the second-worst seek.
    targets = _seek_targets(TEXTURED_FRAMES, int(_video(client, task_id)["chunk_size"]), 2 * TEXTURED_SEEKS)
    before, after = targets[: len(targets) // 2], targets[len(targets) // 2 :]
    _seeks(client, task_id, before, f"{name}: before the proxy,")
    client.close()
    _build_proxy(server, task_id, name)
    # A new connection: the server closes keep-alive connections left idle during the build.
    client = Client(server.port, server.token)
    _seeks(client, task_id, after, f"{name}: with the proxy,")
    _seeks_and_throughput(client, task_id, TEXTURED_FRAMES, name, seeks=False)
    client.close()


def _build_proxy(server: Server, task_id: int, name: str) -> None:
    """Run the queued ``video_proxy`` job in an `annota worker --burst` process; report its figures."""
    client = Client(server.port, server.token)
    assert _video(client, task_id)["seek_proxy"] == "none"
    client.close()
    # A worker niced by the default 10 would wait behind every other process of this shared machine:
    # the bench measures the build itself (`video_proxy_niceness = 0`).
    config = server.data_dir.parent / "worker.toml"
    config.write_text('[extra]\nvideo_proxy_niceness = "0"\n')
    # The burst also runs the proxy jobs of the videos measured before (the long one's takes minutes):
    # the figure is the job's own build time.
    command = [sys.executable, "-m", "annota", "worker", "--data", str(server.data_dir), "--burst"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "ANNOTA_CONFIG": str(config)})
    client = Client(server.port, server.token)
    video = _video(client, task_id)
    if video["seek_proxy"] != "ready":
        raise RuntimeError(f"no seek proxy after the worker ran: {video}")
    jobs = client.ok("GET", "/api/background-jobs?kind=video_proxy")["items"]
    result = max((job for job in jobs if job["status"] == "succeeded"), key=lambda job: job["id"])["result"]
    frames = int(result["frames"])
    report(BENCH, f"{name}: proxy job per 1,000 frames", float(result["seconds"]) * 1000 / frames, "s")
    client.close()


def _throughput_start(frames: int, chunk_size: int) -> tuple[int, int, int]:
    """(first frame read sequentially, how many, chunks after them): the tail of the video."""
    sequential = min(SEQUENTIAL, frames // 4)
    chunks = max(1, min(CHUNKS, frames // (4 * chunk_size)))
    return frames - sequential - chunk_size * (chunks + 1), sequential, chunks


def _seek_targets(frames: int, chunk_size: int, count: int = SEEKS) -> list[int]:
    """Random frames before those read for throughput (so nothing they read is cached)."""
    start, _, _ = _throughput_start(frames, chunk_size)
    return random.Random(7).sample(range(1, start), count)


def _seeks(client: Client, task_id: int, targets: list[int], name: str) -> None:
    seeks = [_timed(lambda n=n: _get(client, f"/api/tasks/{task_id}/frames/{n}")) for n in targets]  # type: ignore[misc]
    report(BENCH, f"{name} random seek p50 (uncached frame)", percentile(seeks, 50), "ms")
    report(BENCH, f"{name} random seek p95 (uncached frame)", percentile(seeks, 95), "ms", "<= 150 ms")
    cached = [_timed(lambda n=n: _get(client, f"/api/tasks/{task_id}/frames/{n}")) for n in targets[:10]]  # type: ignore[misc]
    report(BENCH, f"{name} cached frame p50", percentile(cached, 50), "ms")


def _seeks_and_throughput(
    client: Client, task_id: int, frames: int, name: str, *, seeks: bool = True
) -> None:
    chunk_size = int(_video(client, task_id)["chunk_size"])
    start, sequential, chunks = _throughput_start(frames, chunk_size)
    if seeks:
        _seeks(client, task_id, _seek_targets(frames, chunk_size), f"{name}:")

    started = time.perf_counter()
    for n in range(start, start + sequential):
        _get(client, f"/api/tasks/{task_id}/frames/{n}")
    report(
        BENCH,
        f"{name}: sequential single frames",
        sequential / (time.perf_counter() - started),
        "fps",
        ">= 30 fps",
    )

    first_chunk = -(-(start + sequential) // chunk_size)
    sizes, started = [], time.perf_counter()
    for k in range(first_chunk, first_chunk + chunks):
        sizes.append(len(_get(client, f"/api/tasks/{task_id}/chunks/{k}")))
    elapsed = time.perf_counter() - started
    report(
        BENCH,
        f"{name}: chunks of {chunk_size} frames, uncached",
        chunks * chunk_size / elapsed,
        "fps",
        ">= 30 fps",
    )
    made_vs_played = elapsed / (chunks * chunk_size / PLAYBACK_FPS)
    report(BENCH, f"{name}: time to make a chunk / time to play it", made_vs_played, "x", "< 1")
    report(BENCH, f"{name}: chunk size", sum(sizes) / len(sizes) / 1e6, "MB")


def main() -> None:
    load = os.getloadavg()[0]
    print(f"annota video benchmark (videos cached in {VIDEO_DIR}; {os.cpu_count()} cores, load {load:.1f})")
    found = videos()
    # No job workers in the server: the seek proxy is built when ``_build_proxy`` runs one.
    os.environ["ANNOTA_WORKERS"] = "0"
    with serve() as server:
        if "long" in CLIPS:
            bench_long_video(server, found["long"])
        for name in ("textured-g60", "textured-g250"):
            if name in CLIPS:
                bench_textured(server, name, found[name])


if __name__ == "__main__":
    main()
