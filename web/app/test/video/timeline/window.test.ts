import type { TrackTimeline } from "@annota/canvas-core";
import { describe, expect, it } from "vitest";
import { rowSpansIn } from "../../../src/video/timeline/layout";
import { paintRow, type Paint } from "../../../src/video/timeline/paint";
import { followFrame, panWindow, visibleRows, zoomWindow } from "../../../src/video/timeline/window";

/** A sorted list that counts how many of its items are read. */
function counted(values: number[]): { list: number[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

/** A context that counts what is drawn. */
function counter() {
  const drawn = { diamonds: 0, rects: 0 };
  const p: Paint = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    clearRect: () => undefined,
    fillRect: () => (drawn.rects += 1),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    closePath: () => undefined,
    fill: () => (drawn.diamonds += 1),
    stroke: () => (drawn.diamonds += 1),
  };
  return { p, drawn };
}

const STYLE = { color: "#f00", outside: "#888", height: 22 };

/** A track keyframed on every frame of a 400,000-frame job, every other keyframe by the tracker, outside every 1,000 frames for 10. */
function hugeTrack() {
  const frames = Array.from({ length: 400_000 }, (_, i) => i);
  const keyframes = counted(frames);
  const tracked = counted(frames.filter((f) => f % 2 === 1));
  const outside = Array.from({ length: 400 }, (_, i) => ({ start: i * 1000 + 500, stop: i * 1000 + 509 }));
  const timeline: TrackTimeline = { id: "t", kind: "rectangle", labelId: 1, keyframes: keyframes.list, outside, tracked: tracked.list };
  return { timeline, reads: () => keyframes.reads() + tracked.reads() };
}

describe("the work of painting a timeline row is bounded by what is visible", () => {
  it("reads only the keyframes of a zoomed-in window, by binary search", () => {
    const { timeline, reads } = hugeTrack();
    const { p, drawn } = counter();

    paintRow(p, { first: 200_000, last: 200_099, width: 800 }, timeline, STYLE);

    expect(drawn.diamonds).toBe(100);
    // Each visible keyframe, and a binary search among the tracker's for each: not the 400,000.
    expect(reads()).toBeLessThan(100 * (1 + Math.ceil(Math.log2(200_000)) + 2) + 4 * 20);
  });

  it("marks at most one keyframe per pixel column over the whole job, reading a small part of the keyframes", () => {
    const { timeline, reads } = hugeTrack();
    const { p, drawn } = counter();

    paintRow(p, { first: 0, last: 399_999, width: 800 }, timeline, STYLE);

    expect(drawn.diamonds).toBeLessThanOrEqual(800);
    expect(drawn.diamonds).toBeGreaterThan(700);
    expect(reads()).toBeLessThan(400_000 / 8);
    expect(drawn.rects).toBeLessThanOrEqual(2 * 400 + 1);
  });

  it("keeps the outside spans of the window only, cut at its edges", () => {
    const { timeline } = hugeTrack();

    expect(rowSpansIn(timeline, 1_505, 2_504)).toEqual({
      outside: [
        { start: 1_505, stop: 1_509 },
        { start: 2_500, stop: 2_504 },
      ],
      present: [{ start: 1_510, stop: 2_499 }],
    });
  });
});

describe("the rows and frames on screen", () => {
  it("lays out the rows a scrolled body shows and a few more, out of 1,000", () => {
    expect(visibleRows(5_000, 160, 22, 1_000)).toEqual({ start: 224, stop: 238 });
    expect(visibleRows(0, 160, 22, 1_000, 0)).toEqual({ start: 0, stop: 8 });
    expect(visibleRows(40_000, 160, 22, 1_000)).toEqual({ start: 989, stop: 1_000 });
  });

  it("zooms about the pointer's frame, pans within the job and follows the playhead", () => {
    const job = { first: 0, last: 39_999 };
    const zoomed = zoomWindow(job, job, 10_000, 0.01);
    expect(zoomed).toEqual({ first: 9_900, last: 10_299 });
    expect(panWindow(zoomed, job, -20_000)).toEqual({ first: 0, last: 399 });
    expect(followFrame(zoomed, job, 30_000)).toEqual({ first: 29_601, last: 30_000 });
    expect(followFrame(zoomed, job, 10_000)).toBe(zoomed);
    expect(zoomWindow(job, job, 0, 2)).toEqual(job);
  });
});
