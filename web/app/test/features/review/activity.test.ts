import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ActivityTracker, BEAT_MS, IDLE_MS } from "../../../src/features/review/activity";
import type { Heartbeat } from "../../../src/features/review/reviewApi";

function tracker(fail = false) {
  const beats: Heartbeat[] = [];
  const send = vi.fn(async (beat: Heartbeat) => {
    if (fail) throw new Error("offline");
    beats.push(beat);
  });
  return { t: new ActivityTracker({ send }), beats, send };
}

const seconds = (beats: Heartbeat[]) => beats.reduce((sum, b) => sum + b.active_seconds, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the activity tracker", () => {
  it("sends a heartbeat every 30 s while the person keeps working", async () => {
    const { t, beats } = tracker();
    for (let s = 0; s < 90; s += 10) {
      t.input();
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(beats.map((b) => b.active_seconds)).toEqual([30, 30, 30]);
  });

  it("counts at most a minute after the last input, then stops sending", async () => {
    const { t, beats } = tracker();
    t.input();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(seconds(beats)).toBe(IDLE_MS / 1000);
    expect(t.active).toBe(false);
    expect(t.beating).toBe(false);
    const sent = beats.length;
    await vi.advanceTimersByTimeAsync(5 * BEAT_MS);
    expect(beats).toHaveLength(sent);
  });

  it("starts counting again at the next input after an idle spell, not from the last one", async () => {
    const { t, beats } = tracker();
    t.input();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    const idleTotal = seconds(beats);
    t.input();
    await vi.advanceTimersByTimeAsync(20_000);
    await t.flush();
    expect(seconds(beats) - idleTotal).toBe(20);
  });

  it("stops counting while the tab is hidden", async () => {
    const { t, beats } = tracker();
    t.input();
    await vi.advanceTimersByTimeAsync(5_000);
    t.hidden();
    await vi.advanceTimersByTimeAsync(120_000);
    await t.flush();
    expect(seconds(beats)).toBe(5);
  });

  it("sends what was measured on flush, with the objects created and edited meanwhile", async () => {
    const { t, beats } = tracker();
    t.input();
    await vi.advanceTimersByTimeAsync(4_000);
    t.objects(2, 1);
    t.objects(1, 0);
    await t.flush();
    expect(beats).toEqual([{ active_seconds: 4, objects_created: 3, objects_edited: 1 }]);
  });

  it("keeps what a failed heartbeat carried for the next one", async () => {
    const { t, send } = tracker(true);
    t.input();
    await vi.advanceTimersByTimeAsync(BEAT_MS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(t.pendingSeconds()).toBe(30);
  });

  it("sends the rest when the job closes and counts nothing afterwards", async () => {
    const { t, beats } = tracker();
    t.input();
    await vi.advanceTimersByTimeAsync(12_000);
    await t.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(beats.map((b) => b.active_seconds)).toEqual([12]);
    expect(t.pendingSeconds()).toBe(0);
  });
});
