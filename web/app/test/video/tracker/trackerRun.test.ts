import { describe, expect, it } from "vitest";
import type { BackgroundJob } from "../../../src/video/api/backgroundJob";
import { TrackerRun, type PollTimers, type TrackerState } from "../../../src/video/tracker/trackerRun";
import { flush } from "../support";

/** Timers run by hand: `tick()` runs what is due. */
function manualTimers(): PollTimers & { tick(): Promise<void> } {
  let due: (() => void)[] = [];
  return {
    setTimeout: (fn) => {
      due.push(fn);
      return due.length;
    },
    clearTimeout: () => {
      due = [];
    },
    tick: async () => {
      const run = due;
      due = [];
      for (const fn of run) fn();
      await flush(5);
    },
  };
}

function job(patch: Partial<BackgroundJob>): BackgroundJob {
  return { id: 5, status: "running", progress: 0, message: null, cancelRequested: false, trackId: "t1", errors: [], ...patch };
}

describe("a tracker run", () => {
  it("polls the job's progress until it ends", async () => {
    const answers = [job({ progress: 0.5 }), job({ status: "succeeded", progress: 1 })];
    const seen: TrackerState[] = [];
    const timers = manualTimers();
    const run = new TrackerRun(
      { startTracking: async () => job({ status: "queued" }), backgroundJob: async () => answers.shift() as BackgroundJob, cancelBackgroundJob: async () => job({}) },
      9,
      { track_id: "t1", frames: 10, tracker: "csrt" },
      (s) => seen.push(s),
      timers,
    );
    void run.start();
    await flush(5);
    await timers.tick();
    await timers.tick();
    const end = await run.done;
    expect(seen.map((s) => s.phase)).toEqual(["queued", "running", "succeeded"]);
    expect(end).toMatchObject({ phase: "succeeded", progress: 1, jobId: 5, trackId: "t1" });
  });

  it("asks the server to stop, and ends as cancelled when the server says so", async () => {
    const timers = manualTimers();
    let cancelled = false;
    const run = new TrackerRun(
      {
        startTracking: async () => job({}),
        backgroundJob: async () => job(cancelled ? { status: "cancelled" } : {}),
        cancelBackgroundJob: async () => {
          cancelled = true;
          return job({ cancelRequested: true });
        },
      },
      9,
      { track_id: "t1", frames: 10, tracker: "csrt" },
      () => undefined,
      timers,
    );
    void run.start();
    await flush(5);
    await run.cancel();
    expect(run.state().phase).toBe("cancelling");
    await timers.tick();
    expect((await run.done).phase).toBe("cancelled");
  });

  it("fails with the server's reasons when the request is refused", async () => {
    const run = new TrackerRun(
      {
        startTracking: async () => {
          throw new Error("from_frame: not a keyframe");
        },
        backgroundJob: async () => job({}),
        cancelBackgroundJob: async () => job({}),
      },
      9,
      { track_id: "t1", frames: 10, tracker: "csrt" },
      () => undefined,
      manualTimers(),
    );
    expect(await run.start()).toMatchObject({ phase: "failed", errors: ["from_frame: not a keyframe"] });
  });
});
