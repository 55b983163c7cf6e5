import { describe, expect, it } from "vitest";
import type { BackgroundJob } from "../../../src/video/api/backgroundJob";
import { trackerFor } from "../../../src/video/session/trackAssist";
import { flush } from "../support";
import { boxTrack, JOB, keyframesOf, openVideo } from "./harness";

function job(patch: Partial<BackgroundJob>): BackgroundJob {
  return { id: 3, status: "running", progress: 0, message: null, cancelRequested: false, trackId: "car", errors: [], ...patch };
}

describe("tracker assist", () => {
  it("saves first, tracks the box from a keyframe made on this frame, then reloads the job with the tracker's keyframes", async () => {
    const { c, v, poll, saves, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    v.setSettings({ trackFrames: 3 });
    tracking.jobs.push(job({ status: "queued" }), job({ progress: 0.5 }), job({ status: "succeeded", progress: 1 }));
    v.trackForward();
    await flush();
    expect(saves[0]?.diff.tracks?.update[0]?.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
    expect(tracking.requests).toEqual([{ track_id: "car", from_frame: 10, frames: 3, tracker: "csrt" }]);
    expect(v.tracker.state()?.phase).toBe("queued");
    expect(c.snapshot().locked.has("car")).toBe(true);
    await poll.tick();
    expect(v.tracker.state()).toMatchObject({ phase: "running", progress: 0.5 });
    const tracked = boxTrack("car", [[0, 0], [10, 10], [11, 12], [12, 14], [13, 16], [20, 20]]);
    server.body = { ...JOB, revision: 9, tracks: [{ ...tracked, keyframes: tracked.keyframes.map((k) => (k.frame > 10 && k.frame < 20 ? { ...k, source: "tracker" as const } : k)) }] };
    await poll.tick();
    await flush();
    expect(v.tracker.state()?.phase).toBe("succeeded");
    expect(keyframesOf(c, "car")).toEqual([0, 10, 11, 12, 13, 20]);
    expect(c.canvas?.trackTimeline("car").tracked).toEqual([11, 12, 13]);
    expect(c.snapshot()).toMatchObject({ selection: ["car"], frame: 10 });
    expect(c.snapshot().locked.has("car")).toBe(false);
    expect(c.snapshot().message?.key).toBe("video.trackingDone");
    expect(c.engine.state().revision).toBe(9);
  });

  it("tracks a single-frame shape by its id", async () => {
    const { c, v, tracking } = await openVideo();
    await v.seek(5);
    c.canvas?.select(["s"]);
    tracking.jobs.push(job({ status: "failed", errors: ["the object was lost"] }));
    v.trackForward();
    await flush();
    expect(tracking.requests).toEqual([{ shape_id: "s", frames: 30, tracker: "csrt" }]);
    expect(c.snapshot().message).toMatchObject({ key: "video.trackingFailed", values: { detail: "the object was lost" } });
  });

  it("stops a run when asked, keeping what was tracked", async () => {
    const { c, v, poll, tracking } = await openVideo();
    c.canvas?.select(["car"]);
    tracking.jobs.push(job({}), job({ cancelRequested: true }), job({ status: "cancelled" }));
    v.trackForward();
    await flush();
    v.tracker.cancel();
    await flush();
    expect(v.tracker.state()?.phase).toBe("cancelling");
    await poll.tick();
    await flush();
    expect(v.tracker.state()?.phase).toBe("cancelled");
    expect(c.snapshot().message?.key).toBe("video.trackingCancelled");
  });

  it("follows boxes with the chosen tracker and points with optical flow, nothing else", async () => {
    expect([trackerFor("rectangle", "kcf"), trackerFor("points", "csrt"), trackerFor("polygon", "csrt")]).toEqual(["kcf", "optical_flow", null]);
    const { c, v, tracking } = await openVideo({ ...JOB, tracks: [{ ...boxTrack("road", [[0, 0]]), kind: "polygon", label_id: 3, keyframes: [{ frame: 0, outside: false, occluded: false, attributes: {}, source: "manual", points: [0, 0, 10, 0, 5, 8] }] }] });
    c.canvas?.select(["road"]);
    v.trackForward();
    await flush();
    expect(tracking.requests).toEqual([]);
    expect(c.snapshot().message?.key).toBe("video.trackerKind");
  });

  it("does not start when my changes cannot be saved first", async () => {
    const { c, v, answers, tracking } = await openVideo();
    c.canvas?.select(["car"]);
    answers.push({ type: "offline", reason: "network" });
    await v.seek(10);
    v.trackForward();
    await flush();
    expect(tracking.requests).toEqual([]);
    expect(c.snapshot().message?.key).toBe("video.trackerUnsaved");
    expect(v.tracker.state()).toBeNull();
  });

  it("waits for a save already on its way before starting", async () => {
    const { c, v, saves, server, tracking } = await openVideo();
    await v.seek(10);
    c.canvas?.select(["car"]);
    c.canvas?.toggleKeyframe("car");
    let answer = () => undefined as void;
    server.hold = new Promise((resolve) => (answer = resolve));
    void c.saveNow();
    tracking.jobs.push(job({ status: "succeeded", progress: 1 }));
    v.trackForward();
    await flush();
    expect(tracking.requests).toEqual([]);
    answer();
    await flush();
    expect(saves).toHaveLength(1);
    expect(tracking.requests).toEqual([{ track_id: "car", from_frame: 10, frames: 30, tracker: "csrt" }]);
  });
});
