import type { TrackTimeline } from "@annota/canvas-core";
import { describe, expect, it } from "vitest";
import { paintRow, type Paint } from "../../../src/video/timeline/paint";

/** A context that records what is drawn: filled rectangles and diamonds (filled or stroked) at their x. */
function recorder() {
  const rects: { x: number; w: number; style: string }[] = [];
  const diamonds: { x: number; hollow: boolean }[] = [];
  let firstX = 0;
  const p: Paint = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    clearRect: () => undefined,
    fillRect: (x, _y, w) => rects.push({ x, w, style: String(p.fillStyle) }),
    beginPath: () => undefined,
    moveTo: (x) => (firstX = x),
    lineTo: () => undefined,
    closePath: () => undefined,
    fill: () => diamonds.push({ x: firstX, hollow: false }),
    stroke: () => diamonds.push({ x: firstX, hollow: true }),
  };
  return { p, rects, diamonds };
}

describe("painting a track's row", () => {
  it("draws keyframes as diamonds, hollow where a tracker wrote them, and the outside spans in their own colour", () => {
    const tl: TrackTimeline = { id: "t", kind: "rectangle", labelId: 1, keyframes: [0, 5, 9], outside: [{ start: 9, stop: null }], tracked: [5] };
    const { p, rects, diamonds } = recorder();
    paintRow(p, { first: 0, last: 9, width: 100 }, tl, { color: "#ff0000", outside: "#888888", height: 20 });
    expect(diamonds).toEqual([
      { x: 5, hollow: false },
      { x: 55, hollow: true },
      { x: 95, hollow: false },
    ]);
    expect(rects).toEqual([
      { x: 0, w: 90, style: "#ff0000" },
      { x: 90, w: 10, style: "#888888" },
    ]);
  });

  it("draws one keyframe mark per pixel when keyframes are denser than pixels", () => {
    const keyframes = Array.from({ length: 1000 }, (_, i) => i);
    const { p, diamonds } = recorder();
    paintRow(p, { first: 0, last: 999, width: 100 }, { id: "t", kind: "rectangle", labelId: 1, keyframes, outside: [], tracked: [] }, { color: "#f00", outside: "#888", height: 20 });
    expect(diamonds.length).toBeLessThanOrEqual(101);
  });
});
