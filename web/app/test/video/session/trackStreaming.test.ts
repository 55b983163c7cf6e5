/** A tracker run seen from the editor: keyframes as they are saved, and the history kept when it is taken in. */
import { describe, expect, it } from "vitest";
import type { BackgroundJob } from "../../../src/video/api/backgroundJob";
import type { SavedTrack } from "../../../src/workspace/document/wire";
import { rect } from "../../workspace/support";
import { flush } from "../support";
import { boxTrack, JOB, keyframesOf, openVideo } from "./harness";

function job(patch: Partial<BackgroundJob>): BackgroundJob {
  return { id: 3, status: "running", progress: 0, message: null, cancelRequested: false, trackId: "car", errors: [], ...patch };
}

/** Track `car` as the server holds it once a run from frame 10 reached `last`: the saved keyframes 0, 10 and 20, the tracker's in between. */
function carTrackedTo(last: number): SavedTrack {
  const frames: [number, number][] = [[0, 0], [10, 10]];
  for (let f = 11; f <= last; f++) frames.push([f, f * 2 - 10]);
  frames.push([20, 20]);
  const track = boxTrack("car", frames);
  return { ...track, keyframes: track.keyframes.map((k) => (k.frame > 10 && k.frame < 20 ? { ...k, source: "tracker" as const } : k)) };
}

describe("a tracker run streamed into the editor", () => {
  it("shows the keyframes saved so far while the run goes on, reading only what is new", async () => {
    const { c, v, poll, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    tracking.jobs.push(job({ status: "queued" }), job({ progress: 0.3 }), job({ progress: 0.6 }), job({ status: "succeeded", progress: 1 }));
    v.trackForward();
    await flush();

    server.body = { ...JOB, revision: 3, tracks: [carTrackedTo(12)] };
    await poll.tick();
    expect(v.tracker.state()?.phase).toBe("running");
    expect(keyframesOf(c, "car")).toEqual([0, 10, 11, 12, 20]);
    server.body = { ...JOB, revision: 4, tracks: [carTrackedTo(15)] };
    await poll.tick();
    expect(keyframesOf(c, "car")).toEqual([0, 10, 11, 12, 13, 14, 15, 20]);
    await poll.tick();

    expect(v.tracker.state()?.phase).toBe("succeeded");
    expect(tracking.copies).toEqual([null, 12, 15]);
    expect(c.engine.state().revision).toBe(4);
  });

  it("keeps the undo history: one undo takes the whole run back and is saved, the edit before it undoes next", async () => {
    const { c, v, poll, saves, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    tracking.jobs.push(job({ progress: 0.5 }), job({ status: "succeeded", progress: 1 }));
    v.trackForward(); // makes a keyframe on frame 10 first, and saves it
    await flush();
    server.body = { ...JOB, revision: 5, tracks: [carTrackedTo(13)] };
    await poll.tick();
    await flush();
    expect(c.snapshot().canUndo).toBe(true);

    c.canvas?.undo();
    expect(keyframesOf(c, "car")).toEqual([0, 10, 20]);
    await c.saveNow();
    expect(saves.at(-1)).toMatchObject({ revision: 5 });
    expect(saves.at(-1)?.diff.tracks?.update[0]?.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
    c.canvas?.undo();
    expect(keyframesOf(c, "car")).toEqual([0, 20]);
  });

  it("keeps my unsent edit of another object and sends it on the run's revision", async () => {
    const { c, v, poll, saves, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    tracking.jobs.push(job({ progress: 0.5 }), job({ status: "succeeded", progress: 1 }));
    v.trackForward();
    await flush();
    await v.seek(5);
    c.canvas?.updateObjects([{ id: "s", patch: { geometry: { points: [70, 50, 80, 60] } } }]);
    c.flush();
    server.body = { ...JOB, revision: 6, tracks: [carTrackedTo(13)] };
    await poll.tick();
    await flush();
    await c.saveNow();

    expect(saves.at(-1)).toMatchObject({ revision: 6, diff: { shapes: { update: [{ id: "s", points: [70, 50, 80, 60] }] } } });
    expect(c.snapshot().canUndo).toBe(true);
  });

  it("reloads the job when someone else changed it during the run", async () => {
    const { c, v, poll, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    tracking.jobs.push(job({ progress: 0.5 }), job({ status: "succeeded", progress: 1 }));
    v.trackForward();
    await flush();
    server.body = { ...JOB, revision: 7, shapes: [...(JOB.shapes ?? []), rect("theirs", 10, 1, 1, 5, 5)], tracks: [carTrackedTo(13)] };
    await poll.tick();
    await poll.tick();
    await flush();

    expect(c.doc.shape("theirs")).toBeDefined();
    expect(c.snapshot().canUndo).toBe(false);
    expect(keyframesOf(c, "car")).toEqual([0, 10, 11, 12, 13, 20]);
  });

  it("puts the track in place of the shape it started from as soon as the server has it", async () => {
    const { c, v, poll, server, tracking } = await openVideo();
    await v.seek(5);
    c.canvas?.select(["s"]);
    tracking.jobs.push(job({ trackId: "from-s", progress: 0.2 }), job({ trackId: "from-s", progress: 0.4 }), job({ trackId: "from-s", status: "cancelled", progress: 0.4 }));
    v.trackForward();
    await flush();
    const fromS = boxTrack("from-s", [[5, 50], [6, 52], [7, 54]]);
    server.body = { ...JOB, revision: 2, shapes: [], tracks: [...(JOB.tracks ?? []), fromS] };
    await poll.tick();

    expect(c.snapshot().objects.map((o) => o.id)).not.toContain("s");
    expect(keyframesOf(c, "from-s")).toEqual([5, 6, 7]);
    expect(c.snapshot().selection).toEqual(["from-s"]);
    await poll.tick();
    expect(v.tracker.state()?.phase).toBe("cancelled");
    expect(keyframesOf(c, "from-s")).toEqual([5, 6, 7]);
  });
});
