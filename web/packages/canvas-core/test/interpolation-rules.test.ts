/** Interpolation rules the shared vectors cannot show, and the wire readers' errors (docs/interpolation.md). */
import { describe, expect, it } from "vitest";

import { CanvasError } from "../src/errors";
import { KIND_REGISTRY } from "../src/kinds/registry";
import type { VertexGeometry } from "../src/model/geometry";
import { SEGMENTS, expand, interpolateGeometry, parseFrameRangeTag, parseTrack, shapeAt, type Track } from "../src/interpolation";
import { lerp, lerpAngle, linearPath, shortestTurn } from "../src/interpolation/numeric";
import { aligned, correspond, positions } from "../src/interpolation/outline";

function issuesOf(fn: () => unknown): { loc: string; msg: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CanvasError) return e.issues.map((i) => ({ loc: i.loc.join("."), msg: i.msg }));
    throw e;
  }
  throw new Error("expected a CanvasError");
}

const box = { x1: 0, y1: 0, x2: 10, y2: 10, rotation: 0 };

function boxTrack(...frames: number[]): Track<"rectangle"> {
  return {
    id: "t",
    kind: "rectangle",
    labelId: 1,
    keyframes: frames.map((frame) => ({ frame, geometry: { ...box, x1: frame, x2: frame + 10 }, outside: false, occluded: false, attributes: { at: frame }, source: "manual" })),
    attributes: {},
    group: null,
    source: "manual",
    zOrder: 0,
  };
}

describe("numbers", () => {
  it("lerp is a + (b - a) * t", () => {
    expect(lerp(0.1, 0.5, 0.5)).toBe(0.1 + (0.5 - 0.1) * 0.5);
    expect(lerp(-3, 5, 0.25)).toBe(-1);
  });

  it("wraps a tiny negative angle to 0, not to 360", () => {
    expect(lerpAngle(1e-30, 359, 0.5)).toBe(359.5);
    expect(lerpAngle(5e-324, 359.9999999999999, 1e-3)).toBe(0);
  });

  it("turns an exact half turn clockwise from either side", () => {
    expect(shortestTurn(0, 180)).toBe(180);
    expect(shortestTurn(180, 0)).toBe(180);
  });

  it("refuses to pair lists of different lengths", () => {
    expect(() => linearPath([0, 0, 1, 1], [0, 0])).toThrow("cannot pair 4 coordinates with 2");
  });
});

describe("outlines", () => {
  it("pairs equal counts by index without reordering", () => {
    expect(correspond([0, 0, 10, 0, 10, 10], [10, 10, 0, 0, 10, 0], true)).toEqual([
      [0, 0, 10, 0, 10, 10],
      [10, 10, 0, 0, 10, 0],
    ]);
  });

  it("places polygon points before 1 and a polyline's last point at 1", () => {
    const square = [0, 0, 10, 0, 10, 10, 0, 10];
    expect(positions(square, true)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(positions(square, false)).toEqual([0, 1 / 3, 2 / 3, 1]);
  });

  it("picks the lowest index on a tie and reads an opposite polygon backwards", () => {
    expect(aligned([0, -1, 1, 0.5, -1, 0.5], [1, -1, 1, 1, -1, 1, -1, -1])).toEqual([1, -1, 1, 1, -1, 1, -1, -1]);
    expect(aligned([0, 0, 10, 0, 10, 10, 0, 10], [30, 10, 30, 0, 25, 0, 20, 0, 20, 10])).toEqual([20, 0, 25, 0, 30, 0, 30, 10, 20, 10]);
  });

  it("holds the previous polygon when the result closes on itself", () => {
    const a: VertexGeometry = { points: [0, 0, 10, 5, 20, 0] };
    expect(interpolateGeometry("polygon", a, { points: [20, 0, 10, 15, 0, 0] }, 0.5)).toBe(a);
  });
});

describe("tracks", () => {
  it("has an interpolation rule for every kind with geometry", () => {
    const shapeKinds = Object.values(KIND_REGISTRY).filter((u) => u.collection === "shapes").map((u) => u.kind);
    expect(Object.keys(SEGMENTS).sort()).toEqual(shapeKinds.sort());
  });

  it("expands to the same states as shapeAt frame by frame", () => {
    const track = boxTrack(3, 7, 8, 20);
    for (const step of [1, 2, 5]) {
      const byFrame = [];
      for (let f = 0; f <= 25; f += step) byFrame.push(shapeAt(track, f));
      expect(expand(track, 0, 25, step)).toEqual(byFrame.filter((s) => s !== null));
    }
  });

  it("locates every bad expand argument at once", () => {
    expect(issuesOf(() => expand(boxTrack(0), 5, 4, 0)).map((i) => i.loc)).toEqual(["step", "stop"]);
    expect(issuesOf(() => expand(boxTrack(0), 0.5, 4, 1.5)).map((i) => i.loc)).toEqual(["start", "step"]);
  });
});

describe("wire readers", () => {
  it("reads a track with its defaults", () => {
    const track = parseTrack({ id: "t", kind: "points", label_id: 2, keyframes: [{ frame: 4, points: [1, 2] }] });
    expect(track).toEqual({
      id: "t",
      kind: "points",
      labelId: 2,
      attributes: {},
      group: null,
      source: "manual",
      zOrder: 0,
      keyframes: [{ frame: 4, geometry: { points: [1, 2] }, outside: false, occluded: false, attributes: {}, source: "manual" }],
    });
  });

  it("reports every problem of a track located by JSON path", () => {
    const raw = {
      id: "",
      kind: "rectangle",
      label_id: 1,
      colour: "red",
      keyframes: [
        { frame: 5, points: [0, 0, 10, 10] },
        { frame: 5, points: [0, 0, 10, 10] },
        { frame: 2, points: [10, 0, 0, 10], outside: "yes" },
      ],
    };
    expect(issuesOf(() => parseTrack(raw, ["tracks", 3])).map((i) => `${i.loc}: ${i.msg}`)).toEqual([
      "tracks.3.colour: unknown field",
      'tracks.3.id: expected a non-empty id string, got ""',
      "tracks.3.keyframes.1.frame: two keyframes on frame 5",
      "tracks.3.keyframes.2.frame: keyframes are sorted by frame: 2 comes after 5",
      "tracks.3.keyframes.2.points: expected x1 < x2 and y1 < y2, got [10, 0, 0, 10]",
      'tracks.3.keyframes.2.outside: expected true or false, got "yes"',
    ]);
  });

  it("refuses a track without keyframes and a tag track", () => {
    expect(issuesOf(() => parseTrack({ id: "t", kind: "mask", label_id: 1, keyframes: [] })).map((i) => i.loc)).toEqual(["keyframes"]);
    expect(issuesOf(() => parseTrack({ id: "t", kind: "tag", label_id: 1, keyframes: [{ frame: 0 }] })).map((i) => i.loc)).toEqual(["kind"]);
  });

  it("reads a frame-range tag whose stop_frame defaults to its frame, and refuses a reversed range", () => {
    expect(parseFrameRangeTag({ id: "a", label_id: 1, frame: 4 })).toEqual({ id: "a", labelId: 1, frame: 4, stopFrame: 4, attributes: {}, source: "manual" });
    expect(issuesOf(() => parseFrameRangeTag({ id: "a", label_id: 1, frame: 4, stop_frame: 3 })).map((i) => i.loc)).toEqual(["stop_frame"]);
  });
});
