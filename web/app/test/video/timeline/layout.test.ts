import type { TrackTimeline } from "@annota/canvas-core";
import { describe, expect, it } from "vitest";
import { frameAt, frameLeft, frameX, rowSpans, rulerTicks, spansText } from "../../../src/video/timeline/layout";

const scale = { first: 0, last: 99, width: 500 };

function timeline(keyframes: number[], outside: { start: number; stop: number | null }[] = [], tracked: number[] = []): TrackTimeline {
  return { id: "t", kind: "rectangle", labelId: 1, keyframes, outside, tracked };
}

describe("the timeline's geometry", () => {
  it("lays the job's frames across the width and finds the frame under a point", () => {
    expect([frameLeft(scale, 0), frameLeft(scale, 50), frameX(scale, 0)]).toEqual([0, 250, 2.5]);
    expect([frameAt(scale, 0), frameAt(scale, 252), frameAt(scale, 499.9), frameAt(scale, -20), frameAt(scale, 900)]).toEqual([0, 50, 99, 0, 99]);
  });

  it("shows a track present from its first keyframe, except where it is outside", () => {
    const spans = rowSpans(timeline([10, 30, 40, 60], [{ start: 30, stop: 39 }, { start: 60, stop: null }]), 99);
    expect(spans.present).toEqual([
      { start: 10, stop: 29 },
      { start: 40, stop: 59 },
    ]);
    expect(spans.outside).toEqual([
      { start: 30, stop: 39 },
      { start: 60, stop: 99 },
    ]);
  });

  it("writes outside spans as text, an open end left empty", () => {
    expect(spansText(timeline([0, 5, 9], [{ start: 5, stop: 8 }, { start: 9, stop: null }]))).toBe("5-8,9-");
  });

  it("labels the ruler at round steps that leave room between labels", () => {
    expect(rulerTicks(scale, 60)).toEqual([0, 20, 40, 60, 80]);
    expect(rulerTicks({ first: 0, last: 39999, width: 1000 }, 60)).toEqual([0, 5000, 10000, 15000, 20000, 25000, 30000, 35000]);
    expect(rulerTicks({ first: 5, last: 12, width: 800 }, 60)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });
});
