/** The track commands as pure functions: toggle keyframe, split, merge, propagate, conversions. */
import { describe, expect, it } from "vitest";

import type { AnyTrack, TrackKeyframe } from "../../src/interpolation/model";
import { shapeAt } from "../../src/interpolation/state";
import {
  mergeTracks,
  propagateShape,
  propagateTrack,
  shapeFromState,
  splitTrack,
  toggleKeyframe,
  trackFromShape,
  type Outcome,
} from "../../src/tracks/commands";
import { putKeyframe } from "../../src/tracks/keyframes";
import { boxTrack, rect } from "../support/fixtures";

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`refused: ${o.issue.msg}`);
  return o.value;
}

function frames(t: AnyTrack): string[] {
  return (t.keyframes as readonly TrackKeyframe[]).map((k) => `${k.frame}${k.outside ? "o" : ""}`);
}

function box(t: AnyTrack, frame: number): number[] | null {
  const s = shapeAt(t, frame);
  if (s === null || s.outside) return null;
  const g = s.geometry as { x1: number; y1: number; x2: number; y2: number };
  return [g.x1, g.y1, g.x2, g.y2];
}

const car = (): AnyTrack => boxTrack("car", [
  [0, 0, 0, 10, 10],
  [10, 100, 0, 110, 10],
]);

describe("toggle keyframe", () => {
  it("adds a keyframe holding the interpolated state, so the track looks the same", () => {
    const t = value(toggleKeyframe(car(), shapeAt(car(), 4), 4));
    expect(frames(t)).toEqual(["0", "4", "10"]);
    expect(box(t, 4)).toEqual([40, 0, 50, 10]);
    expect(box(t, 7)).toEqual(box(car(), 7));
  });

  it("removes a keyframe, the track then interpolating over it", () => {
    const t = boxTrack("t", [[0, 0, 0, 10, 10], [5, 90, 0, 100, 10], [10, 100, 0, 110, 10]]);
    const done = value(toggleKeyframe(t, shapeAt(t, 5), 5));
    expect(frames(done)).toEqual(["0", "10"]);
    expect(box(done, 5)).toEqual([50, 0, 60, 10]);
  });

  it("never removes the last keyframe", () => {
    const t = boxTrack("t", [[3, 0, 0, 1, 1]]);
    const refused = toggleKeyframe(t, shapeAt(t, 3), 3);
    expect(refused).toMatchObject({ ok: false, issue: { type: "last_keyframe" } });
  });

  it("refuses a frame before the track starts", () => {
    const t = boxTrack("t", [[3, 0, 0, 1, 1]]);
    expect(toggleKeyframe(t, shapeAt(t, 1), 1)).toMatchObject({ ok: false, issue: { type: "invalid_state" } });
  });
});

describe("split", () => {
  it("ends the first part with an outside keyframe and starts the second on the frame", () => {
    const [first, second] = value(splitTrack(car(), shapeAt(car(), 4), 4, "car-2"));
    expect(frames(first)).toEqual(["0", "4o"]);
    expect(frames(second)).toEqual(["4", "10"]);
    expect(second.id).toBe("car-2");
    expect(box(first, 3)).toEqual(box(car(), 3));
    expect(box(first, 4)).toBeNull();
    expect(box(second, 4)).toEqual(box(car(), 4));
    expect(box(second, 8)).toEqual(box(car(), 8));
  });

  it("gives the second part the mutable attributes in force, which it no longer inherits", () => {
    const t = putKeyframe(car(), { ...car().keyframes[0]!, attributes: { moving: true } });
    const [, second] = value(splitTrack(t, shapeAt(t, 4), 4, "b"));
    expect(second.keyframes[0]!.attributes).toEqual({ moving: true });
  });

  it("keeps a keyframe on the split frame as the second part's first, with its source", () => {
    const t = boxTrack("t", [[0, 0, 0, 1, 1], [5, 5, 0, 6, 1], [9, 9, 0, 10, 1]]);
    const tracked = putKeyframe(t, { ...t.keyframes[1]!, source: "tracker" });
    const [first, second] = value(splitTrack(tracked, shapeAt(tracked, 5), 5, "b"));
    expect(frames(first)).toEqual(["0", "5o"]);
    expect(second.keyframes[0]).toMatchObject({ frame: 5, source: "tracker", outside: false });
  });

  it("refuses the track's first frame", () => {
    expect(splitTrack(car(), shapeAt(car(), 0), 0, "b")).toMatchObject({ ok: false, issue: { loc: ["splitTrack", "frame"] } });
  });
});

describe("merge", () => {
  it("undoes a split: the outside seam gives way to the second part's keyframe", () => {
    const [first, second] = value(splitTrack(car(), shapeAt(car(), 4), 4, "b"));
    const { merged, removed } = value(mergeTracks(second, first));
    expect(merged.id).toBe("car");
    expect(removed).toBe("b");
    expect(frames(merged)).toEqual(["0", "4", "10"]);
    for (const f of [0, 2, 4, 7, 10, 12]) expect(box(merged, f)).toEqual(box(car(), f));
  });

  it("joins a later track after the earlier one's last keyframe, interpolating the gap", () => {
    const a = boxTrack("a", [[0, 0, 0, 10, 10]]);
    const b = boxTrack("b", [[10, 100, 0, 110, 10], [20, 100, 50, 110, 60]]);
    const { merged } = value(mergeTracks(b, a));
    expect(frames(merged)).toEqual(["0", "10", "20"]);
    expect(box(merged, 5)).toEqual([50, 0, 60, 10]);
  });

  it("refuses tracks of different labels or kinds", () => {
    const other = { ...boxTrack("b", [[20, 0, 0, 1, 1]]), labelId: 2 } as AnyTrack;
    expect(mergeTracks(car(), other)).toMatchObject({ ok: false, issue: { type: "tracks_differ" } });
  });

  it("refuses tracks whose keyframes overlap in time", () => {
    const b = boxTrack("b", [[5, 0, 0, 1, 1], [20, 0, 0, 1, 1]]);
    expect(mergeTracks(car(), b)).toMatchObject({ ok: false, issue: { type: "tracks_overlap" } });
  });

  it("refuses two visible keyframes on one frame", () => {
    const b = boxTrack("b", [[10, 0, 0, 1, 1]]);
    expect(mergeTracks(car(), b)).toMatchObject({ ok: false, issue: { type: "tracks_overlap" } });
  });
});

describe("propagate", () => {
  it("puts the state shown on the next frames as keyframes, the frame itself included", () => {
    const t = value(propagateTrack(car(), shapeAt(car(), 4), 4, 3));
    expect(frames(t)).toEqual(["0", "4", "5", "6", "7", "10"]);
    for (const f of [4, 5, 6, 7]) expect(box(t, f)).toEqual([40, 0, 50, 10]);
  });

  it("goes backwards for a negative count, never below frame 0, extending the track", () => {
    const t = boxTrack("t", [[2, 0, 0, 1, 1]]);
    const withMoving = putKeyframe(t, { ...t.keyframes[0]!, attributes: { moving: true } });
    const done = value(propagateTrack(withMoving, shapeAt(withMoving, 2), 2, -5));
    expect(frames(done)).toEqual(["0", "1", "2"]);
    expect(shapeAt(done, 0)!.attributes).toEqual({ moving: true });
  });

  it("refuses an outside state", () => {
    const t = boxTrack("t", [[0, 0, 0, 1, 1, "outside"]]);
    expect(propagateTrack(t, shapeAt(t, 2), 2, 3)).toMatchObject({ ok: false });
  });

  it("makes a track of a shape on its frame and the next N, absent after them", () => {
    const t = value(propagateShape(rect("s", 0, 0, 5, 5, { frame: 3, attributes: { make: "vw", moving: true } }), 2, "t", new Set(["moving"])));
    expect(frames(t)).toEqual(["3", "4", "5", "6o"]);
    expect(t.attributes).toEqual({ make: "vw" });
    expect(t.keyframes[0]!.attributes).toEqual({ moving: true });
    expect(box(t, 5)).toEqual([0, 0, 5, 5]);
    expect(box(t, 6)).toBeNull();
  });
});

describe("conversions", () => {
  it("makes a one-keyframe track of a shape, attributes split by mutability", () => {
    const t = value(trackFromShape(rect("s", 0, 0, 5, 5, { frame: 7, zOrder: 2, groupId: 4, occluded: true, attributes: { make: "vw", moving: true } }), "t", new Set(["moving"])));
    expect(t).toMatchObject({ id: "t", kind: "rectangle", labelId: 1, zOrder: 2, group: 4, attributes: { make: "vw" } });
    expect(t.keyframes).toEqual([{ frame: 7, geometry: { x1: 0, y1: 0, x2: 5, y2: 5, rotation: 0 }, outside: false, occluded: true, attributes: { moving: true }, source: "manual" }]);
  });

  it("keeps the state shown as a shape on the frame", () => {
    const s = value(shapeFromState(car(), shapeAt(car(), 5), 5, "s"));
    expect(s).toMatchObject({ id: "s", kind: "rectangle", frame: 5, geometry: { x1: 50, x2: 60 } });
  });

  it("refuses to keep an outside state as a shape", () => {
    const t = boxTrack("t", [[0, 0, 0, 1, 1, "outside"]]);
    expect(shapeFromState(t, shapeAt(t, 0), 0, "s")).toMatchObject({ ok: false, issue: { type: "invalid_state" } });
  });
});
